package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopifyjoorsync.sandbox.DemoData;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** --replay-dead-letters: records go through the same routes; delivered ones move to replayed/. */
class ReplayDeadLettersTest extends SandboxTest {
    @BeforeEach
    void configure() {
        sandbox.settings.put("sync.redelivery.max-attempts", "1");
    }

    private Set<String> knownEligible() {
        return sandbox.knownEligible();
    }

    @Test
    void customersDeadLetteredWhileJoorWasDownAreDeliveredByTheReplay() throws Exception {
        sandbox.joor.failNextPosts(1000, 503);
        try (SyncApplication app = sandbox.startApp()) {
            app.runCycle();
        }
        List<JsonNode> letters = sandbox.deadLetters();
        assertThat(letters).filteredOn(d -> d.get("destination").asText().equals("joor")).hasSize(knownEligible().size());
        sandbox.joor.failNextPosts(0, 503);
        sandbox.joor.resetStats();
        sandbox.shopify.resetStats();

        SyncApplication.CycleResult replay;
        try (SyncApplication app = sandbox.startApp()) {
            replay = app.replayDeadLetters();
        }

        assertThat(replay.failed()).as(replay.summary()).isFalse();
        assertThat(replay.summary()).startsWith("REPLAY SUMMARY");
        assertThat(sandbox.joor.receivedConnections()).extracting(c -> c.get("customer_code").asText())
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(knownEligible());
        // the customer without address fails again: its record stays, with its attempts added up
        List<JsonNode> left = sandbox.deadLetters();
        assertThat(left).singleElement().satisfies(d -> {
            assertThat(d.get("customerId").asText()).isEqualTo(Long.toString(DemoData.NO_ADDRESS_ID));
            assertThat(d.get("attempts").asInt()).isEqualTo(2);
        });
        assertThat(SandboxHarness.list(dir.resolve("dead-letter/replayed"))).hasSize(knownEligible().size());
        assertThat(sandbox.shopify.receivedSearchQueries()).isEmpty(); // no cycle: Shopify's customers not read
    }

    @Test
    void aFixedCustomerReplayedToDataServicesLandsInATemplateFile() throws Exception {
        try (SyncApplication app = sandbox.startApp()) {
            app.runCycle();
        }
        Path record = SandboxHarness.list(dir.resolve("dead-letter")).get(0);
        // someone completes the address in the record, as the customer now stands in Shopify
        JsonNode fixed = SandboxHarness.JSON.readTree(record.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) fixed.get("customer")).set("defaultAddress",
                SandboxHarness.JSON.readTree("{\"address1\":\"1 Main St\",\"city\":\"Boston\",\"provinceCode\":\"MA\","
                        + "\"countryCodeV2\":\"US\",\"zip\":\"02110\"}"));
        Files.writeString(record, fixed.toString());
        int filesBefore = sandbox.templateFiles().size();

        SyncApplication.CycleResult replay;
        try (SyncApplication app = sandbox.startApp()) {
            replay = app.replayDeadLetters();
        }

        assertThat(replay.summary()).contains(" replayed=1 delivered=1 ", " data_services=1 ");
        assertThat(sandbox.templateFiles()).hasSize(filesBefore + 1);
        assertThat(SandboxHarness.codesOf(SandboxHarness.parse(sandbox.templateFiles().get(filesBefore))))
                .contains(Long.toString(DemoData.NO_ADDRESS_ID));
        assertThat(sandbox.deadLetters()).isEmpty();
        assertThat(SandboxHarness.list(dir.resolve("dead-letter/replayed"))).hasSize(1);
    }
}
