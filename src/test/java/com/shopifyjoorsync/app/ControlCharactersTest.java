package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopifyjoorsync.sandbox.SandboxAddress;
import com.shopifyjoorsync.sandbox.SandboxCustomer;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Shopify customers whose name, company and address carry NUL, ESC, DEL, a C1 control and
 * bidirectional overrides and isolates: neither the template file nor JOOR receives any of them, and
 * the change is noted at DEBUG.
 */
class ControlCharactersTest extends SandboxTest {
    /** What must never arrive: NUL, ESC, DEL, NEL (C1), LRE..RLO, LRI..PDI. */
    private static final String FORBIDDEN = "\u0000\u001B\u007F\u0085\u202A\u202B\u202C\u202D\u202E"
            + "\u2066\u2067\u2068\u2069";

    private static SandboxCustomer customer(long id) {
        SandboxCustomer c = new SandboxCustomer(id).setFirstName("A\u0000da").setLastName("Love\u001Blace")
                .setEmail("ada@evil.example").setTags("JOOR");
        SandboxAddress a = CustomerSyncTest.address("Evil\u202ECorp\u2066 \u2069Ltd\u202A\u202C", "1 Main\u007F Street",
                "Port\u0085land", "OR", "US", "97205");
        c.setDefaultAddress(a);
        return c;
    }

    @Test
    void neitherTheTemplateNorJoorReceivesControlCharactersAndTheChangeIsLoggedAtDebug() throws Exception {
        sandbox.settings.put("data-services.format", "csv"); // the file's bytes are read below
        SandboxCustomer fresh = customer(706405506930399101L);
        SandboxCustomer known = customer(706405506930399102L);
        sandbox.shopify.put(fresh);
        sandbox.shopify.put(known);
        sandbox.joor.seedKnownCodes(List.of(known.code()));
        Logger mapping = ((LoggerContext) LoggerFactory.getILoggerFactory())
                .getLogger("com.shopifyjoorsync.dataservices.CellNeutraliser");
        Level before = mapping.getLevel();
        mapping.setLevel(Level.DEBUG);
        try (CapturedLogs logs = new CapturedLogs()) {
            assertThat(sandbox.runOnce().failed()).isFalse();

            assertThat(logs.messages()).anySatisfy(m -> assertThat(m)
                    .startsWith("Removed control characters from customer " + fresh.code() + ": ")
                    .contains("U+202E RIGHT-TO-LEFT OVERRIDE", "U+0000 NULL", "from template.Customer Name",
                            "from template.Address 1"))
                    .anySatisfy(m -> assertThat(m).startsWith("Removed control characters from customer "
                            + known.code() + ": ").contains("from connection.customer_name",
                            "from connection.billing.billing_addresses.billing_address[0].city"));
        } finally {
            mapping.setLevel(before);
        }

        // the template file, byte for byte
        byte[] file = Files.readAllBytes(sandbox.templateFiles().get(0));
        String text = new String(file, StandardCharsets.UTF_8);
        assertThat(text.chars().filter(c -> FORBIDDEN.indexOf(c) >= 0 || c < 0x20 && c != '\r' && c != '\n'))
                .isEmpty();
        CSVRecord row = sandbox.templateRows().stream().filter(r -> r.get(0).equals(fresh.code())).findFirst()
                .orElseThrow();
        assertThat(List.of(row.get(1), row.get(2), row.get(4), row.get(10)))
                .containsExactly("EvilCorp Ltd", "1 Main Street", "Portland", "Ada Lovelace");
        assertThat(text).contains(fresh.code() + ",EvilCorp Ltd,1 Main Street,,Portland,OR,97205,US,ada@evil.example,");

        // what JOOR received
        JsonNode sent = sandbox.joor.receivedConnections().stream()
                .filter(c -> c.get("customer_code").asText().equals(known.code())).findFirst().orElseThrow();
        assertThat(sent.toString()).doesNotContain("\\u00") // how JSON writes a C0 control
                .satisfies(json -> assertThat(json.chars().filter(c -> FORBIDDEN.indexOf(c) >= 0)).isEmpty());
        assertThat(sent.get("customer_name").asText()).isEqualTo("EvilCorp Ltd");
        assertThat(sent.get("customer_contact_name").asText()).isEqualTo("Ada Lovelace");
        JsonNode billing = sent.path("billing").path("billing_addresses").path("billing_address").get(0);
        assertThat(billing.get("address_1").asText()).isEqualTo("1 Main Street");
        assertThat(billing.get("city").asText()).isEqualTo("Portland");
    }
}
