package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * A Shopify app without access to protected customer data gets names, e-mails and addresses hidden:
 * nothing masked or empty is sent to JOOR or the template in their place, every such customer is
 * dead-lettered naming the access, and once access is granted they go out like any other.
 */
class ProtectedCustomerDataTest extends SandboxTest {
    private static final String ACCESS = "the app needs access to protected customer data, level 2 (name, email,"
            + " phone, address fields)";

    private Set<String> eligible() {
        Set<String> ids = new HashSet<>();
        sandbox.demo.eligibleIds().forEach(id -> ids.add(Long.toString(id)));
        return ids;
    }

    @Test
    void customersWhoseDataShopifyHidesAreDeadLetteredNamingTheAccessAndNothingIsSentInTheirPlace()
            throws Exception {
        sandbox.shopify.setProtectedDataHidden(true);

        SyncApplication.CycleResult result = sandbox.runOnce();

        assertThat(result.failed()).as(result.summary()).isFalse();
        assertThat(sandbox.joor.bulkPosts()).isZero();
        assertThat(sandbox.templateRows()).isEmpty();
        List<JsonNode> letters = sandbox.deadLetters();
        assertThat(letters).extracting(d -> d.get("customerId").asText())
                .containsExactlyInAnyOrderElementsOf(eligible());
        assertThat(letters).allSatisfy(d -> assertThat(d.get("error").asText())
                .contains("Shopify hid the name and e-mail of customer " + d.get("customerId").asText(),
                        "displayName", ACCESS));
        assertThat(letters).extracting(d -> d.get("destination").asText()).contains("joor", "data-services");
        assertThat(result.summary()).contains(" dead_lettered=" + eligible().size() + " ");
    }

    @Test
    void onceTheAccessIsGrantedTheNextSweepSendsThemWithTheirRealNames() throws Exception {
        sandbox.settings.put("sync.full-sweep", "0s"); // every cycle re-reads every tagged customer
        sandbox.shopify.setProtectedDataHidden(true);
        try (SyncApplication app = sandbox.startApp()) {
            app.runCycle();
            sandbox.shopify.setProtectedDataHidden(false);

            SyncApplication.CycleResult result = app.runCycle();

            assertThat(result.failed()).as(result.summary()).isFalse();
        }
        List<String> sent = sandbox.joor.receivedConnections().stream().map(c -> c.get("customer_code").asText())
                .toList();
        assertThat(sent).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sandbox.knownEligible());
        assertThat(sandbox.joor.receivedConnections()).allSatisfy(c -> assertThat(c.toString()).doesNotContain("\u2022"));
        List<CSVRecord> rows = sandbox.templateRows();
        assertThat(rows).isNotEmpty().allSatisfy(r -> {
            assertThat(r.get(1)).isNotBlank().doesNotContain("\u2022"); // Customer Name
            assertThat(r.get(8)).contains("@"); // Email
        });
    }
}
