package com.shopifyjoorsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One Shopify customer as JOOR sees it: the fields both destinations (API connection and
 * Customer Data Template row) are built from, so the two never disagree.
 */
public record WholesaleCustomer(
        String code,
        String name,
        String buyerName,
        String email,
        String phone,
        String address1,
        String address2,
        String city,
        String state,
        String zip,
        String country,
        String priceCurrency,
        String priceLabel) {

    /**
     * Customer Code = legacyResourceId (kept as text: ids exceed 2^53); Customer Name = the default
     * address's company, else the display name; Buyer Name = first and last name; State = province code;
     * Country = ISO alpha-2; Price Currency = the shop's currency.
     */
    public static WholesaleCustomer from(JsonNode customer, String shopCurrency, String priceLabel) {
        if (customer == null || !customer.isObject()) {
            throw new MalformedCustomerException("customer is not a JSON object: " + customer);
        }
        String code = text(customer, "legacyResourceId");
        if (code == null) {
            code = idFromGid(text(customer, "id"));
        }
        if (code == null || !code.matches("\\d{1,50}")) {
            throw new MalformedCustomerException("customer has no numeric legacyResourceId (Customer Code): id="
                    + text(customer, "id") + ", legacyResourceId=" + text(customer, "legacyResourceId"));
        }
        JsonNode address = customer.path("defaultAddress");
        String buyer = join(text(customer, "firstName"), text(customer, "lastName"));
        if (buyer == null) {
            buyer = join(text(address, "firstName"), text(address, "lastName"));
        }
        String company = text(address, "company");
        String name = company != null ? company : text(customer, "displayName");
        if (name == null) {
            name = buyer;
        }
        String email = text(customer.path("defaultEmailAddress"), "emailAddress");
        if (email == null) {
            email = text(customer, "email");
        }
        String phone = text(customer.path("defaultPhoneNumber"), "phoneNumber");
        if (phone == null) {
            phone = text(address, "phone");
        }
        return new WholesaleCustomer(code, name, buyer, email, phone, text(address, "address1"),
                text(address, "address2"), text(address, "city"), text(address, "provinceCode"), text(address, "zip"),
                text(address, "countryCodeV2"), shopCurrency, priceLabel);
    }

    private static String idFromGid(String gid) {
        if (gid == null) {
            return null;
        }
        int slash = gid.lastIndexOf('/');
        return slash >= 0 ? gid.substring(slash + 1) : gid;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        String s = value.asText().trim();
        return s.isEmpty() ? null : s;
    }

    private static String join(String first, String last) {
        if (first == null) {
            return last;
        }
        return last == null ? first : first + " " + last;
    }
}
