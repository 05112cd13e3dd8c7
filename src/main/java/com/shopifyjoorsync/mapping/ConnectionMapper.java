package com.shopifyjoorsync.mapping;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A {@link WholesaleCustomer} as a JOOR v2 connection (the adopted bulk-connection field names of
 * docs/joor.md). JOOR refuses a whole bulk POST for one over-long field, so the limits are checked
 * here: the customer is dead-lettered with the reason instead of costing its batch-mates credits.
 */
public final class ConnectionMapper {
    private final ObjectMapper json;

    public ConnectionMapper(ObjectMapper json) {
        this.json = json;
    }

    public ObjectNode toConnection(WholesaleCustomer c) {
        List<String> tooLong = new ArrayList<>();
        check(tooLong, "customer_code", c.code(), 50);
        check(tooLong, "customer_alias", c.name(), 150);
        check(tooLong, "customer_contact_name", c.buyerName(), 1000);
        check(tooLong, "customer_contact_email", c.email(), 50);
        check(tooLong, "customer_buyer_name", c.buyerName(), 50);
        if (!tooLong.isEmpty()) {
            throw new MalformedCustomerException("customer " + c.code() + " exceeds JOOR field limits: "
                    + String.join("; ", tooLong));
        }
        ObjectNode connection = json.createObjectNode();
        connection.put("customer_code", c.code());
        put(connection, "customer_name", c.name());
        put(connection, "customer_alias", c.name());
        put(connection, "customer_contact_name", c.buyerName());
        put(connection, "customer_contact_email", c.email());
        put(connection, "customer_buyer_name", c.buyerName());
        put(connection, "price_currency", c.priceCurrency());
        put(connection, "price_label", c.priceLabel());
        if (c.address1() != null || c.city() != null || c.country() != null) {
            connection.putObject("billing_addresses").set("billing_address", addresses(c));
            connection.putObject("shipping_addresses").set("shipping_address", addresses(c));
        }
        return connection;
    }

    private ArrayNode addresses(WholesaleCustomer c) {
        ArrayNode list = json.createArrayNode();
        ObjectNode a = list.addObject();
        put(a, "address_1", c.address1());
        put(a, "address_2", c.address2());
        put(a, "city", c.city());
        put(a, "state", c.state());
        put(a, "zip", c.zip());
        put(a, "country", c.country());
        put(a, "phone", c.phone());
        return list;
    }

    private static void put(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void check(List<String> problems, String field, String value, int max) {
        if (value != null && value.length() > max) {
            problems.add(field + " has " + value.length() + " characters, JOOR allows " + max);
        }
    }
}
