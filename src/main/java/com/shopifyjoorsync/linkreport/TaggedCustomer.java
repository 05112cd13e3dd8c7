package com.shopifyjoorsync.linkreport;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopifyjoorsync.mapping.WholesaleCustomer;

/**
 * A Shopify customer tagged for JOOR, as the link report compares it with JOOR connections.
 *
 * @param id      legacyResourceId: the number to type into JOOR's Customer Code field
 * @param name    the name the sync gives it in JOOR (company, else the customer's name)
 * @param company the default address's company, "" when none
 */
public record TaggedCustomer(String id, String name, String company, String email, String city) {

    /** @throws com.shopifyjoorsync.mapping.MalformedCustomerException when the customer has no id */
    public static TaggedCustomer from(JsonNode customer) {
        WholesaleCustomer c = WholesaleCustomer.from(customer, null, null);
        JsonNode company = customer.path("defaultAddress").path("company");
        return new TaggedCustomer(c.code(), nz(c.name()), company.isTextual() ? company.asText().strip() : "",
                nz(c.email()), nz(c.city()));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
