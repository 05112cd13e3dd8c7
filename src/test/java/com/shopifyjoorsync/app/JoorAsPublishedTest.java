package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopifyjoorsync.sandbox.SandboxCustomer;

import org.junit.jupiter.api.Test;

/**
 * What JOOR receives is what JOOR's reference pages publish: field lengths within the published
 * limits, addresses nested as a connection's, and every request asking for JSON.
 */
class JoorAsPublishedTest extends SandboxTest {
    /** JOOR's published maximum lengths (bulk-connection, connection-get), written out independently. */
    private static final Map<String, Integer> PUBLISHED = Map.of("customer_code", 50, "customer_name", 100,
            "customer_alias", 150, "customer_contact_name", 1000, "customer_contact_email", 50,
            "customer_buyer_name", 50, "sales_rep_code", 100);
    private static final String LONG_COMPANY = "The Extraordinarily Long Named Wholesale Fashion and Lifestyle "
            + "Boutique Cooperative of the Greater Ottawa Region"; // 112 characters

    private List<String> receivedCodes() {
        return sandbox.joor.receivedConnections().stream().map(c -> c.get("customer_code").asText()).toList();
    }

    private SandboxCustomer known(long id, String company, String email) {
        SandboxCustomer c = new SandboxCustomer(id).setFirstName("Bob").setLastName("Biller").setEmail(email)
                .setTags("JOOR");
        c.setDefaultAddress(CustomerSyncTest.address(company, "151 O'Connor Street", "Ottawa", "ON", "CA", "K2P 2L8"));
        sandbox.shopify.put(c);
        sandbox.joor.seedKnownCodes(List.of(c.code()));
        return c;
    }

    @Test
    void nothingOverAPublishedLimitReachesJoorAndOnlyWhatCannotBeShortenedIsDeadLettered() throws Exception {
        sandbox.settings.put("joor.default-sales-rep", "R".repeat(100));
        SandboxCustomer longName = known(706405506930399101L, LONG_COMPANY, "buyer@example.com");
        SandboxCustomer longEmail = known(706405506930399102L, "Biller & Co",
                "a.very.long.mailbox.name.for.purchasing@wholesale-example.com"); // 61 characters
        SandboxCustomer longAlias = known(706405506930399103L, "C".repeat(151), "buyer@example.com");

        SyncApplication.CycleResult result = sandbox.runOnce();

        assertThat(result.failed()).as(result.summary()).isFalse();
        // the batch-mates all arrive, in batches JOOR never refused
        Set<String> expected = new HashSet<>(sandbox.knownEligible());
        expected.add(longName.code());
        assertThat(receivedCodes()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(sandbox.joor.requestLog()).noneMatch(l -> l.startsWith("POST") && l.endsWith(" 400"));
        for (JsonNode sent : sandbox.joor.receivedConnections()) {
            PUBLISHED.forEach((field, max) -> {
                String value = sent.path(field).asText("");
                assertThat(value.codePointCount(0, value.length())).as(field + " of " + sent.get("customer_code"))
                        .isLessThanOrEqualTo(max);
            });
        }
        JsonNode shortened = sandbox.joor.receivedConnections().stream()
                .filter(c -> c.get("customer_code").asText().equals(longName.code())).findFirst().orElseThrow();
        assertThat(shortened.get("customer_name").asText()).hasSizeLessThanOrEqualTo(100).endsWith("\u2026")
                .startsWith("The Extraordinarily Long Named Wholesale");
        assertThat(shortened.get("customer_alias").asText()).isEqualTo(LONG_COMPANY);

        Map<String, String> errors = new java.util.HashMap<>();
        sandbox.deadLetters().forEach(d -> errors.put(d.get("customerId").asText(), d.get("error").asText()));
        assertThat(errors.get(longEmail.code())).contains("customer_contact_email has 61 characters, JOOR allows 50");
        assertThat(errors.get(longAlias.code())).contains("customer_alias has 151 characters, JOOR allows 150");
        assertThat(sandbox.deadLetters()).filteredOn(d -> d.get("destination").asText().equals("joor"))
                .extracting(d -> d.get("customerId").asText())
                .containsExactlyInAnyOrder(longEmail.code(), longAlias.code());
        assertThat(result.summary()).contains(" dead_lettered=3 "); // and the demo's customer without address
    }

    @Test
    void aDefaultSalesRepLongerThanJoorAllowsStopsTheStartNamingTheSetting() {
        sandbox.settings.put("joor.default-sales-rep", "R".repeat(101));

        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, sandbox::startApp);

        assertThat(e.problems()).singleElement().asString()
                .isEqualTo("joor.default-sales-rep has 101 characters: JOOR's sales_rep_code allows 100");
        assertThat(sandbox.shopify.requestCount()).isZero();
    }

    @Test
    void addressesAreNestedAsJoorPublishesAConnectionAndReadBackSo() throws Exception {
        SandboxCustomer c = known(706405506930399104L, "Biller & Co", "bob@biller.com");

        sandbox.runOnce();

        JsonNode sent = sandbox.joor.receivedConnections().stream()
                .filter(x -> x.get("customer_code").asText().equals(c.code())).findFirst().orElseThrow();
        assertThat(sent.has("billing_addresses")).isFalse();
        assertThat(sent.has("shipping_addresses")).isFalse();
        assertThat(sent.at("/billing/billing_addresses/billing_address/0/city").asText()).isEqualTo("Ottawa");
        assertThat(sent.at("/shipping/shipping_addresses/shipping_address/0/address_1").asText())
                .isEqualTo("151 O'Connor Street");
        // JOOR applied it, and serves it back in the same shape
        assertThat(sandbox.joor.connections().get(c.code()).at("/billing/billing_addresses/billing_address/0/zip")
                .asText()).isEqualTo("K2P 2L8");
    }

    @Test
    void everyJoorRequestAsksForJson() throws Exception {
        SyncApplication.CycleResult result = sandbox.runOnce();

        assertThat(result.failed()).as(result.summary()).isFalse();
        // the connection list, the bulk POSTs and the job reads
        assertThat(sandbox.joor.requestLog()).anyMatch(l -> l.startsWith("GET /v2/connection"))
                .anyMatch(l -> l.startsWith("POST /v2/bulk-connection"))
                .anyMatch(l -> l.startsWith("GET /v2/bulk-connection/"));
        assertThat(sandbox.joor.requestsWithoutJsonAccept()).isEmpty();
    }
}
