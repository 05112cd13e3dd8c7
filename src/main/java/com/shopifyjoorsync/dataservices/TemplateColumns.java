package com.shopifyjoorsync.dataservices;

import java.util.List;

/** The contract columns of the Customer Data Template, in the order Data Services expects. */
public final class TemplateColumns {
    public static final List<String> NAMES = List.of("Customer Code", "Customer Name", "Address 1", "Address 2",
            "City", "State", "Zip", "Country", "Email", "Phone", "Buyer Name", "Price Currency", "Price Label");

    /** Columns Data Services cannot do without (State too, in {@link #STATE_REQUIRED}). */
    public static final List<String> MANDATORY = List.of("Customer Name", "Address 1", "City", "Country", "Email",
            "Price Currency", "Price Label");

    /** Countries for which JOOR requires the State column. */
    public static final List<String> STATE_REQUIRED = List.of("US", "CA", "AU", "JP");

    private TemplateColumns() {
    }
}
