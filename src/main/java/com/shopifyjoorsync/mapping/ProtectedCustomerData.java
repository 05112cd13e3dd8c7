package com.shopifyjoorsync.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Customers whose names and e-mails Shopify hid. An app without access to protected customer data
 * (level 2: name, email, phone, address fields) gets those fields as null, and displayName, which is
 * never null, masked as "•••" (shopify.dev: apps/launch/protected-customer-data, and the changelog
 * "displayName no longer exposes unapproved email or phone"). A masked value must never become a
 * retailer's name or e-mail in JOOR or the template, and the nulls beside it are no data to update
 * JOOR with, so such a customer is refused naming the access the app needs.
 *
 * <p>The rule, kept here alone: a value is masked when it is made only of mask characters
 * ({@code •}, {@code *}) and spaces. It is looked for in the customer's name and e-mail fields as
 * fetched, and in the name and e-mail fields of what the mapping made of it.
 */
final class ProtectedCustomerData {
    static final String ACCESS_NEEDED = "the app needs access to protected customer data, level 2 (name, email,"
            + " phone, address fields); once Shopify grants it, the next full sweep sends this customer";

    /** Fields of the Shopify customer as fetched (ShopifyQueries.CUSTOMERS_PAGE). */
    private static final List<JsonPointer> SHOPIFY_FIELDS = pointers("/displayName", "/firstName", "/lastName",
            "/email", "/defaultEmailAddress/emailAddress", "/defaultAddress/firstName", "/defaultAddress/lastName",
            "/defaultAddress/company");
    /** Fields of the mapping's output: the connection's and the template row's names and e-mail. */
    private static final List<JsonPointer> MAPPED_FIELDS = pointers("/customer_name", "/customer_alias",
            "/customer_contact_name", "/customer_buyer_name", "/customer_contact_email", "/Customer Name",
            "/Buyer Name", "/Email");
    private static final Pattern MASKED = Pattern.compile("[\\s\u2022*]*[\u2022*][\\s\u2022*]*");

    private ProtectedCustomerData() {
    }

    private static List<JsonPointer> pointers(String... paths) {
        return Stream.of(paths).map(JsonPointer::compile).toList();
    }

    static boolean isMasked(String value) {
        return value != null && MASKED.matcher(value).matches();
    }

    /**
     * @param mapped the connection or the template row the mapping made of the customer
     * @throws MalformedCustomerException naming the masked fields and the access the app needs
     */
    static void requireVisible(JsonNode customer, JsonNode mapped, String code) {
        List<String> masked = new ArrayList<>();
        for (JsonPointer field : SHOPIFY_FIELDS) {
            if (isMasked(customer.at(field).textValue())) {
                masked.add(field.toString().substring(1));
            }
        }
        for (JsonPointer field : MAPPED_FIELDS) {
            if (mapped != null && isMasked(mapped.at(field).textValue())) {
                masked.add("the mapping's " + field.toString().substring(1));
            }
        }
        if (!masked.isEmpty()) {
            throw new MalformedCustomerException("Shopify hid the name and e-mail of customer " + code + " ("
                    + String.join(", ", masked) + " masked): " + ACCESS_NEEDED);
        }
    }
}
