package com.shopifyjoorsync.dataservices;

import java.util.List;

/** The Customer Data Template columns, in the order Data Services expects (mandatory ones first). */
public final class TemplateColumns {
    public static final List<String> NAMES = List.of("Customer Code", "Customer Name", "Address 1", "Address 2",
            "City", "State", "Zip", "Country", "Email", "Phone", "Buyer Name", "Price Currency", "Price Label");

    /** Countries for which JOOR requires the State column. */
    public static final List<String> STATE_REQUIRED = List.of("US", "CA", "AU", "JP");

    private TemplateColumns() {
    }
}
