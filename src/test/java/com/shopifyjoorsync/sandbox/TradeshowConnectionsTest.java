package com.shopifyjoorsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

/** The demo's tradeshow connections are what --sandbox --link-report promises to show. */
class TradeshowConnectionsTest {
    private final DemoData demo = DemoData.demo();
    private final List<ObjectNode> connections = TradeshowConnections.of(demo);

    private List<SandboxCustomer> taggedWith(String email) {
        return demo.customers().stream().filter(DemoData::isEligible)
                .filter(c -> c.getEmail() != null && c.getEmail().equalsIgnoreCase(email)).toList();
    }

    private List<SandboxCustomer> taggedAt(String company, String city) {
        return demo.customers().stream().filter(DemoData::isEligible).filter(c -> c.getDefaultAddress() != null)
                .filter(c -> company.equalsIgnoreCase(c.getDefaultAddress().getCompany())
                        && city.equals(c.getDefaultAddress().getCity()))
                .toList();
    }

    private static String city(ObjectNode c) {
        return c.path("billing").path("billing_addresses").path("billing_address").get(0).path("city").asText();
    }

    @Test
    void twoByEmailTwoByCompanyAndCityOneAmbiguousOneUnknown() {
        assertThat(connections).hasSize(6);
        assertThat(connections).extracting(c -> c.get("customer_code").asText())
                .doesNotHaveDuplicates().allMatch(code -> code.startsWith("TRADESHOW-"));
        assertThat(connections.subList(0, 2)).allSatisfy(c -> {
            assertThat(taggedWith(c.get("customer_contact_email").asText())).hasSize(1);
            assertThat(demo.knownCodes()).doesNotContain(taggedWith(c.get("customer_contact_email").asText()).get(0).code());
        });
        assertThat(connections.subList(2, 4)).allSatisfy(c -> {
            assertThat(taggedWith(c.get("customer_contact_email").asText())).isEmpty();
            assertThat(taggedAt(c.get("customer_name").asText(), city(c))).hasSize(1);
        });
        ObjectNode ambiguous = connections.get(4);
        assertThat(taggedAt(ambiguous.get("customer_name").asText(), city(ambiguous))).hasSize(2);
        ObjectNode unknown = connections.get(5);
        assertThat(taggedWith(unknown.get("customer_contact_email").asText())).isEmpty();
        assertThat(taggedAt(unknown.get("customer_name").asText().toLowerCase(Locale.ROOT), city(unknown))).isEmpty();
    }
}
