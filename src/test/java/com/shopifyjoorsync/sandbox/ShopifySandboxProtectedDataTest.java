package com.shopifyjoorsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The knob that answers as Shopify answers an app without access to protected customer data. */
class ShopifySandboxProtectedDataTest {
    private static final String QUERY = """
            { customer(id: "gid://shopify/Customer/%s") { legacyResourceId firstName lastName displayName email
                defaultEmailAddress { emailAddress } defaultPhoneNumber { phoneNumber }
                defaultAddress { firstName lastName company address1 address2 city zip phone provinceCode countryCodeV2 } } }
            """;

    private ShopifySandbox sandbox;
    private ShopifySandboxHttp http;

    @BeforeEach
    void start() {
        sandbox = ShopifySandbox.start(null);
        http = new ShopifySandboxHttp(sandbox);
        SandboxAddress a = new SandboxAddress();
        a.setFirstName("Bob").setLastName("Biller").setCompany("Biller & Co").setAddress1("151 O'Connor Street")
                .setCity("Ottawa").setProvinceCode("ON").setCountryCodeV2("CA").setZip("K2P 2L8").setPhone("+16135550100");
        sandbox.put(new SandboxCustomer(1001).setFirstName("Bob").setLastName("Biller").setEmail("bob@biller.com")
                .setPhone("+16135550100").setTags("JOOR").setDefaultAddress(a));
        sandbox.put(new SandboxCustomer(1002).setTags("JOOR"));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private JsonNode customer(long id) {
        return http.query(QUERY.formatted(id)).data().get("customer");
    }

    @Test
    void hidesNamesEmailsPhonesAndAddressesAndMasksTheDisplayName() {
        sandbox.setProtectedDataHidden(true);

        JsonNode c = customer(1001);
        assertThat(c.get("legacyResourceId").asText()).isEqualTo("1001");
        assertThat(c.get("displayName").asText()).isEqualTo("\u2022\u2022\u2022");
        for (String field : new String[] {"firstName", "lastName", "email", "defaultEmailAddress", "defaultPhoneNumber"}) {
            assertThat(c.get(field).isNull()).as(field).isTrue();
        }
        JsonNode address = c.get("defaultAddress");
        for (String field : new String[] {"firstName", "lastName", "company", "address1", "city", "zip", "phone"}) {
            assertThat(address.get(field).isNull()).as(field).isTrue();
        }
        assertThat(address.get("countryCodeV2").asText()).isEqualTo("CA");
        // a customer with no name, e-mail or phone has an empty displayName, hidden or not
        assertThat(customer(1002).get("displayName").asText()).isEmpty();
    }

    @Test
    void showsEverythingAgainWhenTheAccessIsGranted() {
        sandbox.setProtectedDataHidden(true);
        sandbox.setProtectedDataHidden(false);

        JsonNode c = customer(1001);
        assertThat(c.get("displayName").asText()).isEqualTo("Bob Biller");
        assertThat(c.at("/defaultEmailAddress/emailAddress").asText()).isEqualTo("bob@biller.com");
        assertThat(c.at("/defaultAddress/company").asText()).isEqualTo("Biller & Co");
    }
}
