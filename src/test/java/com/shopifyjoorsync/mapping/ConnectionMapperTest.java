package com.shopifyjoorsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

class ConnectionMapperTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ConnectionMapper mapper = new ConnectionMapper(JSON);

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void mapsTheCustomerToJoorsConnectionFieldsKeepingTheIdExact() throws Exception {
        JsonNode customer = json("""
                {'id':'gid://shopify/Customer/706405506930370084','legacyResourceId':'706405506930370084',
                 'firstName':'Bob','lastName':'Biller','displayName':'Bob Biller',
                 'defaultEmailAddress':{'emailAddress':'bob@biller.com'},
                 'defaultPhoneNumber':{'phoneNumber':'+15555555555'},
                 'tags':['WHOLESALE'],
                 'defaultAddress':{'company':'Biller & Co','address1':'151 O Connor Street','address2':null,
                   'city':'Ottawa','provinceCode':'ON','countryCodeV2':'CA','zip':'K2P 2L8','phone':'555-555-5555'}}""");
        WholesaleCustomer c = WholesaleCustomer.from(customer, "CAD", "Wholesale CAD");

        assertThat(mapper.toConnection(c)).isEqualTo(json("""
                {'customer_code':'706405506930370084','customer_name':'Biller & Co','customer_alias':'Biller & Co',
                 'customer_contact_name':'Bob Biller','customer_contact_email':'bob@biller.com',
                 'customer_buyer_name':'Bob Biller','price_currency':'CAD','price_label':'Wholesale CAD',
                 'billing_addresses':{'billing_address':[{'address_1':'151 O Connor Street','city':'Ottawa',
                   'state':'ON','zip':'K2P 2L8','country':'CA','phone':'+15555555555'}]},
                 'shipping_addresses':{'shipping_address':[{'address_1':'151 O Connor Street','city':'Ottawa',
                   'state':'ON','zip':'K2P 2L8','country':'CA','phone':'+15555555555'}]}}"""));
    }

    @Test
    void customerNameFallsBackToTheDisplayNameAndAddressesAreLeftOutWhenThereIsNone() throws Exception {
        JsonNode customer = json("""
                {'legacyResourceId':'9007199254740993','firstName':'Ann','lastName':'Lee','displayName':'Ann Lee',
                 'defaultEmailAddress':{'emailAddress':'ann@example.com'},'defaultAddress':null,'tags':['JOOR']}""");
        JsonNode connection = mapper.toConnection(WholesaleCustomer.from(customer, "USD", "W"));

        assertThat(connection.get("customer_code").asText()).isEqualTo("9007199254740993");
        assertThat(connection.get("customer_name").asText()).isEqualTo("Ann Lee");
        assertThat(connection.has("billing_addresses")).isFalse();
    }

    @Test
    void refusesACustomerWithoutCode() throws Exception {
        assertThatThrownBy(() -> WholesaleCustomer.from(json("{'firstName':'X'}"), "USD", "W"))
                .isInstanceOf(MalformedCustomerException.class).hasMessageContaining("legacyResourceId");
    }

    @Test
    void refusesFieldsJoorWouldRejectNamingTheLimit() throws Exception {
        String email = "a".repeat(45) + "@example.com";
        JsonNode customer = json("{'legacyResourceId':'1','displayName':'A','defaultEmailAddress':{'emailAddress':'"
                + email + "'}}");
        assertThatThrownBy(() -> mapper.toConnection(WholesaleCustomer.from(customer, "USD", "W")))
                .isInstanceOf(MalformedCustomerException.class)
                .hasMessageContaining("customer_contact_email has 57 characters, JOOR allows 50");
    }
}
