package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopifyjoorsync.sandbox.SandboxCustomer;

import org.junit.jupiter.api.Test;

/**
 * What JOOR receives is what JOOR's reference pages publish: addresses nested as a connection's, and
 * every request asking for JSON.
 */
class JoorAsPublishedTest extends SandboxTest {
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
