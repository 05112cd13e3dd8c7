package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopifyjoorsync.sandbox.DemoData;
import com.shopifyjoorsync.sandbox.SandboxAddress;
import com.shopifyjoorsync.sandbox.SandboxCustomer;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** One full cycle of the real configuration against the sandbox servers, checked by its outputs. */
class CustomerSyncTest extends SandboxTest {
    private static final List<String> HEADER = List.of("Customer Code", "Customer Name", "Address 1", "Address 2",
            "City", "State", "Zip", "Country", "Email", "Phone", "Buyer Name", "Price Currency", "Price Label",
            // optional columns of the default mapping, after the contract ones
            "Payment Method", "Shipping Method", "Sales Rep", "Discount");

    private Set<String> eligibleCodes() {
        return sandbox.demo.customers().stream().filter(CustomerSyncTest::hasExportedTag).map(SandboxCustomer::code)
                .collect(Collectors.toSet());
    }

    /** The rule users configure: exact tag, case and surrounding spaces ignored. */
    private static boolean hasExportedTag(SandboxCustomer c) {
        return c.getTags().stream().map(t -> t.trim().toUpperCase())
                .anyMatch(t -> t.equals("JOOR_ENABLED") || t.equals("JOOR") || t.equals("WHOLESALE"));
    }

    private List<String> receivedCodes() {
        return sandbox.joor.receivedConnections().stream().map(c -> c.get("customer_code").asText()).toList();
    }

    private static List<String> codesOf(List<CSVRecord> rows) {
        return SandboxHarness.codesOf(rows);
    }

    @Test
    void knownCustomersGoToJoorAndNewOnesToTheTemplateEachOnce() throws Exception {
        SyncApplication.CycleResult result = sandbox.runOnce();

        assertThat(result.failed()).as(result.summary()).isFalse();
        Set<String> eligible = eligibleCodes();
        Set<String> known = new HashSet<>(eligible);
        known.retainAll(sandbox.demo.knownCodes());
        Set<String> fresh = new HashSet<>(eligible);
        fresh.removeAll(known);
        fresh.remove(Long.toString(DemoData.NO_ADDRESS_ID)); // dead-lettered, see below

        assertThat(receivedCodes()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(known);
        assertThat(sandbox.templateFiles()).hasSize(1);
        assertThat(codesOf(sandbox.templateRows())).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(fresh);
        assertThat(result.summary()).startsWith("SYNC SUMMARY ")
                .contains(" eligible=" + eligible.size() + " ", " joor_updated=" + known.size() + " ",
                        " data_services=" + fresh.size() + " ", " dead_lettered=1 ");
    }

    @Test
    void lookAlikeTagsAreNotExported() throws Exception {
        sandbox.runOnce();

        Set<String> everywhere = new HashSet<>(receivedCodes());
        everywhere.addAll(codesOf(sandbox.templateRows()));
        assertThat(DemoData.TRAP_IDS).isNotEmpty();
        for (long trap : DemoData.TRAP_IDS) {
            assertThat(everywhere).doesNotContain(Long.toString(trap));
        }
        // and lower-case or mixed-case spellings of a configured tag are exported
        assertThat(sandbox.demo.customers()).anyMatch(c -> c.getTags().contains("wholesale")
                && everywhere.contains(c.code()));
    }

    @Test
    void theBulkPayloadOfAKnownCustomerCarriesItsDataAndExactCode() throws Exception {
        SandboxCustomer c = new SandboxCustomer(9_007_199_254_740_993L) // 2^53 + 1: a double would round it
                .setFirstName("Bob").setLastName("Biller").setEmail("bob@biller.com").setPhone("+16135550100")
                .setTags("VIP", "wholesale");
        c.setDefaultAddress(address("Biller & Co", "151 O'Connor Street", "Ottawa", "ON", "CA", "K2P 2L8"));
        sandbox.shopify.put(c);
        sandbox.joor.seedKnownCodes(List.of("9007199254740993"));

        sandbox.runOnce();

        JsonNode sent = sandbox.joor.receivedConnections().stream()
                .filter(x -> x.get("customer_code").asText().equals("9007199254740993")).findFirst().orElseThrow();
        ObjectNode expected = (ObjectNode) SandboxHarness.JSON.readTree("""
                {"customer_code":"9007199254740993","customer_name":"Biller & Co","customer_alias":"Biller & Co",
                 "customer_contact_name":"Bob Biller","customer_contact_email":"bob@biller.com",
                 "customer_buyer_name":"Bob Biller","price_currency":"USD","price_label":"Wholesale USD",
                 "billing":{"billing_addresses":{"billing_address":[{"address_1":"151 O'Connor Street",
                   "city":"Ottawa","state":"ON","zip":"K2P 2L8","country":"CA","phone":"+16135550100"}]}},
                 "shipping":{"shipping_addresses":{"shipping_address":[{"address_1":"151 O'Connor Street",
                   "city":"Ottawa","state":"ON","zip":"K2P 2L8","country":"CA","phone":"+16135550100"}]}}}""");
        assertThat(sent).isEqualTo(expected);
    }

    @Test
    void theTemplateIsUtf8WithTheContractHeaderAndNeutralisedCells() throws Exception {
        sandbox.settings.put("data-services.format", "csv"); // the CSV's own text is read below
        sandbox.runOnce();

        Path file = sandbox.templateFiles().get(0);
        assertThat(file.getFileName().toString()).startsWith("customer-data-template-").endsWith(".csv");
        List<CSVRecord> records = SandboxHarness.parse(file);
        assertThat(records.get(0).toList()).isEqualTo(HEADER);

        SandboxCustomer nonAscii = sandbox.shopify.customer(DemoData.NON_ASCII_ID);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).contains(nonAscii.getDefaultAddress().getCompany());

        CSVRecord formula = row(records, DemoData.FORMULA_COMPANY_ID);
        assertThat(formula.get(1)).startsWith("'=");
        CSVRecord quoted = row(records, DemoData.COMMA_QUOTE_COMPANY_ID);
        assertThat(quoted.get(1)).isEqualTo(sandbox.shopify.customer(DemoData.COMMA_QUOTE_COMPANY_ID)
                .getDefaultAddress().getCompany());
        for (CSVRecord r : records.subList(1, records.size())) {
            assertThat(r.get(9)).doesNotStartWith("+"); // phones are neutralised too
            assertThat(r.get(11)).isEqualTo("USD");
            assertThat(r.get(12)).isEqualTo("Wholesale USD");
        }
    }

    @Test
    void aNewCustomerWithoutAddressIsDeadLetteredWithTheMissingColumnsAndAKnownOneIsUpdated() throws Exception {
        SandboxCustomer known = new SandboxCustomer(706405506930399001L).setFirstName("No").setLastName("Address")
                .setEmail("no.address@example.com").setTags("JOOR");
        sandbox.shopify.put(known);
        sandbox.joor.seedKnownCodes(List.of(known.code()));

        SyncApplication.CycleResult result = sandbox.runOnce();

        assertThat(result.failed()).isFalse();
        List<JsonNode> letters = sandbox.deadLetters();
        assertThat(letters).hasSize(1);
        JsonNode letter = letters.get(0);
        assertThat(letter.get("customerId").asText()).isEqualTo(Long.toString(DemoData.NO_ADDRESS_ID));
        assertThat(letter.get("destination").asText()).isEqualTo("data-services");
        assertThat(letter.get("error").asText()).contains("Address 1", "City", "Country");
        assertThat(letter.get("customer").get("legacyResourceId").asText())
                .isEqualTo(Long.toString(DemoData.NO_ADDRESS_ID));
        assertThat(letter.get("attempts").asInt()).isEqualTo(1);
        assertThat(letter.get("failedAt").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");

        JsonNode sent = sandbox.joor.receivedConnections().stream()
                .filter(x -> x.get("customer_code").asText().equals(known.code())).findFirst().orElseThrow();
        assertThat(sent.has("billing")).isFalse();
        assertThat(sent.get("customer_name").asText()).isEqualTo("No Address");
    }

    private static CSVRecord row(List<CSVRecord> records, long id) {
        return records.stream().filter(r -> r.get(0).equals(Long.toString(id))).findFirst().orElseThrow();
    }

    static SandboxAddress address(String company, String address1, String city, String province, String country,
            String zip) {
        SandboxAddress a = new SandboxAddress();
        a.setCompany(company);
        a.setAddress1(address1);
        a.setCity(city);
        a.setProvinceCode(province);
        a.setCountryCodeV2(country);
        a.setZip(zip);
        return a;
    }
}
