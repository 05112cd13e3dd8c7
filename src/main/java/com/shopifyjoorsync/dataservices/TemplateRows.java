package com.shopifyjoorsync.dataservices;

import java.util.ArrayList;
import java.util.List;

import com.shopifyjoorsync.mapping.MalformedCustomerException;
import com.shopifyjoorsync.mapping.WholesaleCustomer;

import org.apache.camel.Body;

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
