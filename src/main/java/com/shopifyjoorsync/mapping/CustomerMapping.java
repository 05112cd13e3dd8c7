package com.shopifyjoorsync.mapping;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/** The route-facing side of the mapping: the steps the customer routes call by name. */
public final class CustomerMapping {
    private final ConnectionMapper connections;
    private final String priceLabel;

    public CustomerMapping(ConnectionMapper connections, String priceLabel) {
        this.connections = connections;
        this.priceLabel = priceLabel;
    }

    /** The Customer Code (legacyResourceId), or "unknown" when the customer has none (then dead-lettered). */
    public String customerCode(@Body JsonNode customer) {
        try {
            return WholesaleCustomer.from(customer, null, null).code();
        } catch (MalformedCustomerException e) {
            return "unknown";
        }
    }

    public WholesaleCustomer wholesaleCustomer(@Body JsonNode customer,
            @ExchangeProperty("shopCurrency") String shopCurrency) {
        return WholesaleCustomer.from(customer, shopCurrency, priceLabel);
    }

    public CustomerExport toJoorExport(@Body JsonNode customer, @ExchangeProperty("shopCurrency") String shopCurrency) {
        WholesaleCustomer c = wholesaleCustomer(customer, shopCurrency);
        return new CustomerExport(c.code(), customer, connections.toConnection(c));
    }

    /** The bulk-connection payload of a batch. */
    public List<ObjectNode> connections(@Body List<CustomerExport> batch) {
        return batch.stream().map(CustomerExport::connection).toList();
    }
}
