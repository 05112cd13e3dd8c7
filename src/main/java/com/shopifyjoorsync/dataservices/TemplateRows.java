package com.shopifyjoorsync.dataservices;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopifyjoorsync.mapping.MalformedCustomerException;
import com.shopifyjoorsync.mapping.WholesaleCustomer;
import com.shopifyjoorsync.state.ContentHash;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * A new customer as one Customer Data Template row. Rows missing a mandatory cell are refused with
 * the missing columns named, because Data Services cannot process them (the customer is dead-lettered
 * until it is completed in Shopify).
 */
public final class TemplateRows {

    /** The header record, for the CSV data format. */
    public List<List<String>> header() {
        return List.of(TemplateColumns.NAMES);
    }

    /** The customer's row, with what the batch needs to record it or dead-letter it. */
    public TemplateRow templateRow(@Body WholesaleCustomer c, @ExchangeProperty("customer") JsonNode customer,
            @ExchangeProperty("replayFile") String replayFile) {
        List<List<String>> record = row(c);
        return new TemplateRow(c.code(), customer, record.get(0), ContentHash.of(record), replayFile);
    }

    /** A batch's rows as records for the CSV data format. */
    public List<List<String>> records(@Body List<TemplateRow> batch) {
        return batch.stream().map(TemplateRow::cells).toList();
    }

    /** One record (a list holding one row) for the CSV data format. */
    public List<List<String>> row(@Body WholesaleCustomer c) {
        List<String> missing = new ArrayList<>();
        require(missing, "Customer Name", c.name());
        require(missing, "Address 1", c.address1());
        require(missing, "City", c.city());
        require(missing, "Country", c.country());
        require(missing, "Email", c.email());
        require(missing, "Price Currency", c.priceCurrency());
        require(missing, "Price Label", c.priceLabel());
        if (c.country() != null && TemplateColumns.STATE_REQUIRED.contains(c.country())) {
            require(missing, "State", c.state());
        }
        if (!missing.isEmpty()) {
            throw new MalformedCustomerException("customer " + c.code() + " lacks mandatory Customer Data Template "
                    + "fields: " + String.join(", ", missing) + " (complete them in Shopify)");
        }
        List<String> cells = List.of(c.code(), c.name(), nz(c.address1()), nz(c.address2()), nz(c.city()),
                nz(c.state()), nz(c.zip()), nz(c.country()), nz(c.email()), nz(c.phone()), nz(c.buyerName()),
                nz(c.priceCurrency()), nz(c.priceLabel()));
        return List.of(cells.stream().map(CellNeutraliser::neutralise).toList());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static void require(List<String> missing, String column, String value) {
        if (value == null || value.isBlank()) {
            missing.add(column);
        }
    }
}
