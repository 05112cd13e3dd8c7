package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** An engineer edits the mapping file, and JOOR and the Customer Data Template receive what it now says. */
class MappingChangeTest extends SandboxTest {
    /** The default mapping with some lines changed, as sync.customer-mapping. */
    private void useEditedMapping(String from, String to) throws Exception {
        String mapping = Files.readString(Path.of("routes/customer-mapping.jslt"), StandardCharsets.UTF_8);
        assertThat(mapping).contains(from);
        Path edited = dir.resolve("brand-mapping.jslt");
        Files.writeString(edited, mapping.replace(from, to), StandardCharsets.UTF_8);
        sandbox.settings.put("sync.customer-mapping", "file:" + edited);
    }

    @Test
    void anEditedMappingChangesWhatJoorAndTheTemplateReceive() throws Exception {
        useEditedMapping("""
                    "customer_alias": $name,""", """
                    "customer_alias": "Shop " + .customerCode,""");
        String mapping = Files.readString(dir.resolve("brand-mapping.jslt"));
        Files.writeString(dir.resolve("brand-mapping.jslt"), mapping.replace("""
                    "Discount": .defaults.discount""", """
                    "Discount": .defaults.discount,
                    "Customer Group": "Wholesale " + .shopCurrency"""));
        sandbox.settings.put("joor.default-payment-method", "Net 30");

        SyncApplication.CycleResult result = sandbox.runOnce();

        assertThat(result.failed()).as(result.summary()).isFalse();
        List<? extends JsonNode> sent = sandbox.joor.receivedConnections();
        assertThat(sent).isNotEmpty().allSatisfy(c -> assertThat(c.get("customer_alias").asText())
                .isEqualTo("Shop " + c.get("customer_code").asText()));
        List<CSVRecord> file = SandboxHarness.parse(sandbox.templateFiles().get(0));
        List<String> header = file.get(0).toList();
        assertThat(header.subList(0, 13)).containsExactly("Customer Code", "Customer Name", "Address 1",
                "Address 2", "City", "State", "Zip", "Country", "Email", "Phone", "Buyer Name", "Price Currency",
                "Price Label");
        assertThat(header.subList(13, header.size()))
                .containsExactly("Payment Method", "Shipping Method", "Sales Rep", "Discount", "Customer Group");
        assertThat(file.subList(1, file.size())).allSatisfy(row -> {
            assertThat(row.get(13)).isEqualTo("Net 30");
            assertThat(row.get(17)).isEqualTo("Wholesale USD");
        });
    }

    @Test
    void aMappingThatBreaksTheCustomerCodeStopsTheStartNamingTheSetting() throws Exception {
        useEditedMapping("""
                    "customer_code": .customerCode,""", """
                    "customer_code": .customer.id,""");

        ConfigurationException e = org.assertj.core.api.Assertions.catchThrowableOfType(ConfigurationException.class,
                sandbox::startApp);

        assertThat(e.problems()).singleElement().asString().startsWith("sync.customer-mapping=file:")
                .contains("customer_code", ".customerCode");
        assertThat(sandbox.shopify.requestCount()).isZero();
    }
}
