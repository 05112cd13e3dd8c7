package com.shopifyjoorsync.deadletter;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Counts delivery attempts on the exchange itself before each redelivery, so the dead letter says
 * how often a customer was tried whatever the failed step did to the message headers.
 */
public final class DeliveryAttempts implements Processor {
    public static final String PROPERTY = "sjsDeliveryAttempts";

    @Override
    public void process(Exchange exchange) {
        Integer redeliveries = exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class);
        exchange.setProperty(PROPERTY, 1 + (redeliveries == null ? 0 : redeliveries));
    }

    /** Attempts made so far: 1 when the first one failed for good. */
    public static int of(Exchange exchange) {
        Integer counted = exchange.getProperty(PROPERTY, Integer.class);
        Integer header = exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class);
        int fromHeader = 1 + (header == null ? 0 : header);
        return counted == null ? fromHeader : Math.max(counted, fromHeader);
    }
}
