package com.shopifyjoorsync.linkreport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One run of the link report: what was read from JOOR and Shopify, then what was found. */
public final class LinkReportRun {
    final long joorCreditsBefore;
    final List<ListedConnection> connections = Collections.synchronizedList(new ArrayList<>());
    final Map<String, TaggedCustomer> tagged = Collections.synchronizedMap(new LinkedHashMap<>());
    volatile List<UnlinkedConnection> unlinked = List.of();
    /** Connections whose code is a customer Shopify deleted or merged away, with that customer. */
    volatile List<Removed> removed = List.of();
    volatile List<OverdueSubmission> overdue = List.of();

    LinkReportRun(long joorCreditsBefore) {
        this.joorCreditsBefore = joorCreditsBefore;
    }

    record Removed(ListedConnection connection, RemovedCustomer customer) {
    }
}
