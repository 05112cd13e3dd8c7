package com.shopifyjoorsync.linkreport;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the link report needs of a JOOR connection: its Customer Code, names, contact email and the
 * cities of its addresses. Addresses are read as JOOR's connection-get publishes them
 * ({@code billing.billing_addresses.billing_address[]}), and at the top level
 * ({@code billing_addresses.billing_address[]}) as a JOOR account may hold them instead, shipping likewise.
 *
 * @param code the Customer Code, "" when the connection has none
 */
public record ListedConnection(String code, String name, String alias, String email, List<String> cities) {

    public ListedConnection {
        cities = List.copyOf(cities);
    }

    public static ListedConnection from(JsonNode connection, String code) {
        Set<String> cities = new LinkedHashSet<>();
        for (String kind : List.of("billing", "shipping")) {
            addCities(cities, connection.path(kind).path(kind + "_addresses").path(kind + "_address"));
            addCities(cities, connection.path(kind + "_addresses").path(kind + "_address"));
        }
        return new ListedConnection(code == null ? "" : code, text(connection, "customer_name"),
                text(connection, "customer_alias"), text(connection, "customer_contact_email"), new ArrayList<>(cities));
    }

    /** The name people know it by: customer_name, else the alias. */
    public String displayName() {
        return !name.isEmpty() ? name : alias;
    }

    private static void addCities(Set<String> cities, JsonNode addresses) {
        List<JsonNode> list = new ArrayList<>();
        if (addresses.isArray()) {
            addresses.forEach(list::add);
        } else if (addresses.isObject()) {
            list.add(addresses);
        }
        for (JsonNode address : list) {
            String city = text(address, "city");
            if (!city.isEmpty()) {
                cities.add(city);
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? "" : value.asText().strip();
    }
}
