package com.shopifyjoorsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopifyjoorsync.dataservices.TemplateColumns;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default mapping file of routes/, and the checks around whatever mapping is configured. */
class CustomerMappingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEFAULT_MAPPING = "file:routes/customer-mapping.jslt";
    private static final MappingDefaults NO_DEFAULTS = new MappingDefaults("Wholesale CAD", null, null, null, null);

    @TempDir
    Path dir;

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static CustomerMapping mapping(String location, MappingDefaults defaults) {
        return new CustomerMapping(new MappingFile(location, false), defaults, new CustomerTags(List.of("JOOR")), JSON);
    }

    private static final String BOB = """
            {'id':'gid://shopify/Customer/706405506930370084','legacyResourceId':'706405506930370084',
             'firstName':'Bob','lastName':'Biller','displayName':'Bob Biller',
             'defaultEmailAddress':{'emailAddress':'bob@biller.com'},
             'defaultPhoneNumber':{'phoneNumber':'+15555555555'},
             'tags':['WHOLESALE'],
             'defaultAddress':{'company':'Biller & Co','address1':'151 O Connor Street','address2':null,
               'city':'Ottawa','provinceCode':'ON','countryCodeV2':'CA','zip':'K2P 2L8','phone':'555-555-5555'}}""";

    @Test
    void mapsTheCustomerToJoorsConnectionFieldsKeepingTheIdExact() throws Exception {
        CustomerExport export = joorExport(mapping(DEFAULT_MAPPING, NO_DEFAULTS), json(BOB), "CAD", null);

        assertThat(export.code()).isEqualTo("706405506930370084");
        assertThat((JsonNode) export.connection()).isEqualTo(json("""
                {'customer_code':'706405506930370084','customer_name':'Biller & Co','customer_alias':'Biller & Co',
                 'customer_contact_name':'Bob Biller','customer_contact_email':'bob@biller.com',
                 'customer_buyer_name':'Bob Biller','price_currency':'CAD','price_label':'Wholesale CAD',
                 'billing':{'billing_addresses':{'billing_address':[{'address_1':'151 O Connor Street',
                   'city':'Ottawa','state':'ON','zip':'K2P 2L8','country':'CA','phone':'+15555555555'}]}},
                 'shipping':{'shipping_addresses':{'shipping_address':[{'address_1':'151 O Connor Street',
                   'city':'Ottawa','state':'ON','zip':'K2P 2L8','country':'CA','phone':'+15555555555'}]}}}"""));
    }

    @Test
    void theTemplateRowHasTheContractColumnsAndTheDefaultsFromTheSettings() throws Exception {
        MappingDefaults defaults = new MappingDefaults("Wholesale CAD", "Net 30", "UPS Ground", "R7", "10");
        JsonNode row = templateRow(mapping(DEFAULT_MAPPING, defaults), json(BOB), "CAD");

        assertThat(row.get("Customer Code").asText()).isEqualTo("706405506930370084");
        assertThat(row.get("Customer Name").asText()).isEqualTo("Biller & Co");
        assertThat(row.get("State").asText()).isEqualTo("ON");
        assertThat(row.get("Payment Method").asText()).isEqualTo("Net 30");
        assertThat(row.get("Shipping Method").asText()).isEqualTo("UPS Ground");
        assertThat(row.get("Sales Rep").asText()).isEqualTo("R7");
        assertThat(row.get("Discount").asText()).isEqualTo("10");
        assertThat(joorExport(mapping(DEFAULT_MAPPING, defaults), json(BOB), "CAD", null).connection()
                .get("sales_rep_code").asText()).isEqualTo("R7");
    }

    @Test
    void customerNameFallsBackToTheDisplayNameAndAddressesAreLeftOutWhenThereIsNone() throws Exception {
        JsonNode customer = json("""
                {'legacyResourceId':'9007199254740993','firstName':'Ann','lastName':'Lee','displayName':'Ann Lee',
                 'defaultEmailAddress':{'emailAddress':'ann@example.com'},'defaultAddress':null,'tags':['JOOR']}""");
        JsonNode connection = joorExport(mapping(DEFAULT_MAPPING, NO_DEFAULTS), customer, "USD", null).connection();

        assertThat(connection.get("customer_code").asText()).isEqualTo("9007199254740993");
        assertThat(connection.get("customer_name").asText()).isEqualTo("Ann Lee");
        assertThat(connection.has("billing")).isFalse();
        assertThat(connection.has("shipping")).isFalse();
        assertThat(connection.has("sales_rep_code")).isFalse();
    }

    @Test
    void refusesACustomerWithoutCodeNamingOnlyItsId() throws Exception {
        assertThatThrownBy(() -> joorExport(mapping(DEFAULT_MAPPING, NO_DEFAULTS),
                json("{'id':'gid://shopify/Customer/x','firstName':'Secret','email':'s@x.com'}"), "USD", null))
                .isInstanceOf(MalformedCustomerException.class).hasMessageContaining("legacyResourceId")
                .hasMessageNotContaining("Secret").hasMessageNotContaining("s@x.com");
    }

    @Test
    void refusesFieldsJoorWouldRejectNamingTheLimit() throws Exception {
        String email = "a".repeat(45) + "@example.com";
        JsonNode customer = json("{'legacyResourceId':'1','displayName':'A','defaultEmailAddress':{'emailAddress':'"
                + email + "'}}");
        assertThatThrownBy(() -> joorExport(mapping(DEFAULT_MAPPING, NO_DEFAULTS), customer, "USD", null))
                .isInstanceOf(MalformedCustomerException.class)
                .hasMessageContaining("customer_contact_email has 57 characters, JOOR allows 50");
    }

    private static JsonNode customerWithCompany(String company, String firstName, String lastName) throws Exception {
        ObjectNode customer = (ObjectNode) json(BOB);
        ((ObjectNode) customer.get("defaultAddress")).put("company", company);
        customer.put("firstName", firstName).put("lastName", lastName);
        return customer;
    }

    @Test
    void aLongCompanyNameIsShortenedInTheNameAndWholeInTheAliasAndTheTemplate() throws Exception {
        String company = "The Extraordinarily Long Named Wholesale Fashion and Lifestyle Boutique Cooperative of "
                + "Greater Ottawa Region"; // 107 characters
        CustomerMapping mapping = mapping(DEFAULT_MAPPING, NO_DEFAULTS);
        JsonNode connection = joorExport(mapping, customerWithCompany(company, "Bob", "Biller"), "CAD", null)
                .connection();

        String name = connection.get("customer_name").asText();
        assertThat(name).hasSizeLessThanOrEqualTo(100).endsWith("\u2026")
                .isEqualTo("The Extraordinarily Long Named Wholesale Fashion and Lifestyle Boutique Cooperative of"
                        + " Greater\u2026");
        assertThat(connection.get("customer_alias").asText()).isEqualTo(company);
        assertThat(templateRow(mapping, customerWithCompany(company, "Bob", "Biller"), "CAD").get("Customer Name")
                .asText()).isEqualTo(company);
    }

    @Test
    void aLongBuyerNameIsShortenedInTheBuyerNameAndWholeInTheContactName() throws Exception {
        String last = "Montgomery-Worthington-Fairfax-Smythe-Ashcombe"; // 58 characters with the first name
        JsonNode connection = joorExport(mapping(DEFAULT_MAPPING, NO_DEFAULTS),
                customerWithCompany("Biller & Co", "Alexandrina", last), "CAD", null).connection();

        assertThat(connection.get("customer_contact_name").asText()).isEqualTo("Alexandrina " + last);
        assertThat(connection.get("customer_buyer_name").asText()).hasSize(50)
                .isEqualTo("Alexandrina Montgomery-Worthington-Fairfax-Smythe\u2026");
    }

    @Test
    void shorteningNeverSplitsACharacterOutsideTheBasicPlane() throws Exception {
        String company = "A".repeat(98) + "\uD83D\uDC51\uD83D\uDC51\uD83D\uDC51"; // 101 characters, the last three crowns
        JsonNode connection = joorExport(mapping(DEFAULT_MAPPING, NO_DEFAULTS),
                customerWithCompany(company, "Bob", "Biller"), "CAD", null).connection();

        String name = connection.get("customer_name").asText();
        assertThat(name).isEqualTo("A".repeat(98) + "\uD83D\uDC51\u2026");
        assertThat(name.codePointCount(0, name.length())).isEqualTo(100);
    }

    @Test
    void aCompanyNameTooLongEvenForTheAliasIsRefusedNamingFieldLengthAndLimit() throws Exception {
        JsonNode customer = customerWithCompany("C".repeat(151), "Bob", "Biller");
        assertThatThrownBy(() -> joorExport(mapping(DEFAULT_MAPPING, NO_DEFAULTS), customer, "USD", null))
                .isInstanceOf(MalformedCustomerException.class)
                .hasMessage("customer 706405506930370084 exceeds JOOR field limits: customer_alias has 151 characters,"
                        + " JOOR allows 150");
    }

    @Test
    void theLimitsHoldForAnyMappingAndCustomerNameIsRequired() throws Exception {
        Path file = dir.resolve("own.jslt");
        Files.writeString(file, """
                {"connection": {"customer_code": .customerCode, "customer_name": .customer.note,
                                "sales_rep_code": .customer.note},
                 "template": {}}
                """);
        CustomerMapping own = mapping("file:" + file, NO_DEFAULTS);
        ObjectNode customer = (ObjectNode) json(BOB);

        customer.put("note", "N".repeat(101));
        assertThatThrownBy(() -> joorExport(own, customer, "USD", null))
                .isInstanceOf(MalformedCustomerException.class)
                .hasMessageContaining("customer_name has 101 characters, JOOR allows 100; "
                        + "sales_rep_code has 101 characters, JOOR allows 100");
        customer.putNull("note");
        assertThatThrownBy(() -> joorExport(own, customer, "USD", null))
                .isInstanceOf(MalformedCustomerException.class)
                .hasMessageContaining("no customer_name, which JOOR requires");
    }

    @Test
    void fitToJoorNamesTheFieldsWithALimitWhenGivenAnotherOne() throws Exception {
        Path file = dir.resolve("typo.jslt");
        Files.writeString(file, "{\"connection\": {\"customer_name\": fit-to-joor(\"customer_nmae\", \"x\")}}");
        assertThatThrownBy(() -> joorExport(mapping("file:" + file, NO_DEFAULTS), json(BOB), "USD", null))
                .isInstanceOf(MalformedCustomerException.class)
                .hasMessageContaining("customer_nmae").hasMessageContaining("customer_name, customer_alias");
    }

    @Test
    void aCustomerWhoseDataShopifyHidIsRefusedNamingTheAccessNeeded() throws Exception {
        // what Shopify answers an app without protected customer data access
        JsonNode hidden = json("""
                {'id':'gid://shopify/Customer/706405506930370084','legacyResourceId':'706405506930370084',
                 'firstName':null,'lastName':null,'displayName':'\u2022\u2022\u2022','defaultEmailAddress':null,
                 'defaultPhoneNumber':null,'tags':['WHOLESALE'],
                 'defaultAddress':{'company':null,'address1':null,'city':null,'provinceCode':'ON','countryCodeV2':'CA'}}""");
        CustomerMapping mapping = mapping(DEFAULT_MAPPING, NO_DEFAULTS);

        for (var refused : List.<org.assertj.core.api.ThrowableAssert.ThrowingCallable>of(
                () -> joorExport(mapping, hidden, "USD", null), () -> templateRow(mapping, hidden, "USD"))) {
            assertThatThrownBy(refused).isInstanceOf(MalformedCustomerException.class)
                    .hasMessageContaining("displayName")
                    .hasMessageContaining("protected customer data, level 2 (name, email, phone, address fields)");
        }
    }

    @Test
    void aMaskedValueAMappingWouldSendAsANameOrEmailIsRefusedToo() throws Exception {
        Path file = dir.resolve("masked.jslt");
        Files.writeString(file, """
                {"connection": {"customer_code": .customerCode, "customer_name": "Biller & Co",
                                "customer_contact_email": .customer.note},
                 "template": {}}
                """);
        ObjectNode customer = (ObjectNode) json(BOB);
        customer.put("note", "*** ***");
        assertThatThrownBy(() -> joorExport(mapping("file:" + file, NO_DEFAULTS), customer, "USD", null))
                .isInstanceOf(MalformedCustomerException.class)
                .hasMessageContaining("the mapping's customer_contact_email").hasMessageContaining("level 2");
        assertThat(ProtectedCustomerData.isMasked("Bob*Biller")).isFalse();
        assertThat(ProtectedCustomerData.isMasked("   ")).isFalse();
    }

    @Test
    void theDefaultMappingPassesTheStartCheck() {
        assertThat(MappingCheck.problems(mapping(DEFAULT_MAPPING, NO_DEFAULTS), JSON, TemplateColumns.NAMES))
                .isEmpty();
    }

    @Test
    void aMappingThatRoundsTheCodeOrDropsAContractColumnFailsTheStartCheck() throws Exception {
        Path file = dir.resolve("bad.jslt");
        Files.writeString(file, """
                {"connection": {"customer_code": number(.customerCode)},
                 "template": {"Customer Code": .customerCode, "Customer Name": "x"}}
                """);
        List<String> problems = MappingCheck.problems(mapping("file:" + file, NO_DEFAULTS), JSON,
                TemplateColumns.NAMES);
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).contains("customer_code", "9007199254740993", ".customerCode");
        assertThat(problems.get(1)).contains("lacks the contract columns", "Address 1", "Price Label");
    }

    @Test
    void aMappingThatIsNotJsltIsRefusedWithItsLocation() throws Exception {
        Path file = dir.resolve("broken.jslt");
        Files.writeString(file, "{ \"connection\": .customer. }");
        assertThatThrownBy(() -> new MappingFile("file:" + file, false))
                .isInstanceOf(MappingFile.MappingFileException.class).hasMessageContaining(file.toString());
    }

    @Test
    void withReloadAnEditedFileIsCompiledAgain() throws Exception {
        Path file = dir.resolve("m.jslt");
        Files.writeString(file, "{\"v\": 1}");
        MappingFile mappingFile = new MappingFile("file:" + file, true);
        assertThat(mappingFile.apply(JSON.createObjectNode()).get("v").asInt()).isEqualTo(1);
        Files.writeString(file, "{\"v\": 2}");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(file).toMillis() + 2000));
        assertThat(mappingFile.apply(JSON.createObjectNode()).get("v").asInt()).isEqualTo(2);
    }

    /** The route's steps for a known customer: the mapping step, then the connection checked and hashed. */
    private static CustomerExport joorExport(CustomerMapping mapping, JsonNode customer, String currency, String replayFile) {
        return mapping.joorExport(customer, mapping.map(customer, currency), replayFile);
    }

    /** The route's steps for a customer JOOR does not know: the mapping step, then the template row. */
    private static JsonNode templateRow(CustomerMapping mapping, JsonNode customer, String currency) {
        return mapping.templateRow(customer, mapping.map(customer, currency));
    }
}
