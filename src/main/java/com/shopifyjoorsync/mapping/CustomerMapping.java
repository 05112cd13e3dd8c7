package com.shopifyjoorsync.mapping;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import com.shopifyjoorsync.state.ContentHash;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/** The route-facing side of the mapping: the steps the customer routes call by name. */
public final class CustomerMapping {
    private final ConnectionMapper connections;
    private final CustomerTags tags;
    private final String priceLabel;

    public CustomerMapping(ConnectionMapper connections, CustomerTags tags, String priceLabel) {
        this.connections = connections;
        this.tags = tags;
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

    public CustomerExport toJoorExport(@Body JsonNode customer, @ExchangeProperty("shopCurrency") String shopCurrency,
            @ExchangeProperty("replayFile") String replayFile) {
        WholesaleCustomer c = wholesaleCustomer(customer, shopCurrency);
        ObjectNode connection = connections.toConnection(c);
        return new CustomerExport(c.code(), customer, connection, ContentHash.of(connection), replayFile);
    }

    /** The codes of a page's customers (for reading their state in one query). */
    public List<String> customerCodes(@Body List<? extends JsonNode> customers) {
        return customers.stream().map(this::customerCode).toList();
    }

    /** The codes of a page's customers that carry an export tag. */
    public List<String> eligibleCodes(@Body List<? extends JsonNode> customers) {
        return customers.stream().filter(tags::isEligible).map(this::customerCode).toList();
    }

    /** The bulk-connection payload of a batch. */
    public List<ObjectNode> connections(@Body List<CustomerExport> batch) {
        return batch.stream().map(CustomerExport::connection).toList();
    }
}
