package com.shopifyjoorsync.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JOOR connections of a demo store that JOOR got elsewhere (entered at a tradeshow), so their Customer
 * Code is no Shopify id: two are tagged demo customers by email, two by company and city, one could
 * be either of two customers of the same company and city, and one is no Shopify customer at all.
 * Picked from the data, not hard-coded, so they stay right when the demo store changes.
 */
public final class TradeshowConnections {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TradeshowConnections() {
    }

    /** The connections, in JOOR's single-read shape (JOOR's v2 reference, api-docs.jooraccess.com); empty when the store has no suitable customers. */
    public static List<ObjectNode> of(DemoData demo) {
        Map<String, List<SandboxCustomer>> byCompanyAndCity = new LinkedHashMap<>();
        for (SandboxCustomer c : demo.customers()) {
            SandboxAddress a = c.getDefaultAddress();
            if (DemoData.isEligible(c) && a != null && a.getCompany() != null && a.getCity() != null) {
                byCompanyAndCity.computeIfAbsent(key(a.getCompany(), a.getCity()), k -> new ArrayList<>()).add(c);
            }
        }
        List<SandboxCustomer> alone = new ArrayList<>();
        List<SandboxCustomer> pair = null;
        for (List<SandboxCustomer> group : byCompanyAndCity.values()) {
            boolean unknown = group.stream().noneMatch(c -> demo.knownCodes().contains(c.code()));
            if (unknown && group.size() == 1 && group.get(0).getEmail() != null) {
                alone.add(group.get(0));
            } else if (unknown && group.size() == 2 && pair == null) {
                pair = group;
            }
        }
        List<ObjectNode> connections = new ArrayList<>();
        int n = 0;
        for (SandboxCustomer c : alone.subList(0, Math.min(2, alone.size()))) {
            // the buyer's name where the company should be, the email typed in capitals
            SandboxAddress a = c.getDefaultAddress();
            connections.add(connection(++n, c.getFirstName() + " " + c.getLastName(),
                    c.getEmail().toUpperCase(Locale.ROOT), a.getAddress1(), a.getCity(), a.getProvinceCode(), a.getCountryCodeV2()));
        }
        for (SandboxCustomer c : alone.subList(Math.min(2, alone.size()), Math.min(4, alone.size()))) {
            // the company in capitals, and the buyer's own email rather than the store's
            SandboxAddress a = c.getDefaultAddress();
            connections.add(connection(++n, a.getCompany().toUpperCase(Locale.ROOT), "buyer" + n + "@mail.example",
                    a.getAddress1(), a.getCity(), a.getProvinceCode(), a.getCountryCodeV2()));
        }
        if (pair != null) {
            SandboxAddress a = pair.get(0).getDefaultAddress();
            connections.add(connection(++n, a.getCompany(), "orders@" + slug(a.getCompany()) + ".example",
                    "1 Showroom Plaza", a.getCity(), a.getProvinceCode(), a.getCountryCodeV2()));
        }
        connections.add(connection(++n, "Fjord & Fell", "kari@fjordfell.example", "Karl Johans gate 7", "Oslo", null,
                "NO"));
        return connections;
    }

    private static ObjectNode connection(int n, String name, String email, String address1, String city, String state,
            String country) {
        ObjectNode c = NODES.objectNode();
        c.put("customer_code", String.format(Locale.ROOT, "TRADESHOW-%03d", n));
        c.put("customer_name", name);
        c.put("customer_alias", name);
        c.put("customer_contact_email", email);
        ObjectNode address = c.putObject("billing").putObject("billing_addresses").putArray("billing_address")
                .addObject();
        address.put("address_1", address1);
        address.put("city", city);
        if (state != null) {
            address.put("state", state);
        }
        address.put("country", country);
        return c;
    }

    private static String key(String company, String city) {
        return company.toLowerCase(Locale.ROOT) + "\n" + city.toLowerCase(Locale.ROOT);
    }

    private static String slug(String company) {
        return DemoData.ascii(company).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
