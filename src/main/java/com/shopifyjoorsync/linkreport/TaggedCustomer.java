package com.shopifyjoorsync.linkreport;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopifyjoorsync.mapping.MalformedCustomerException;

/**
 * A Shopify customer tagged for JOOR, as the link report compares it with JOOR connections.
 *
 * @param id      legacyResourceId: the number to type into JOOR's Customer Code field
 * @param name    the name the default mapping gives it in JOOR (company, else the customer's name)
 * @param company the default address's company, "" when none
 */
public record TaggedCustomer(String id, String name, String company, String email, String city) {

    /** @throws MalformedCustomerException when the customer has no id */
    public static TaggedCustomer from(JsonNode customer) {
        String id = text(customer, "legacyResourceId");
        if (!id.matches("\\d{1,50}")) {
            throw new MalformedCustomerException("customer has no numeric legacyResourceId: id="
                    + text(customer, "id"));
        }
        JsonNode address = customer.path("defaultAddress");
        String company = text(address, "company");
        String person = (text(customer, "firstName") + " " + text(customer, "lastName")).strip();
        String name = !company.isEmpty() ? company
                : !text(customer, "displayName").isEmpty() ? text(customer, "displayName") : person;
        String email = text(customer.path("defaultEmailAddress"), "emailAddress");
        return new TaggedCustomer(id, name, company, email.isEmpty() ? text(customer, "email") : email,
                text(address, "city"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText().strip() : "";
    }
}
