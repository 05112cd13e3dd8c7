package com.shopifyjoorsync.webhooks;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.shopifyjoorsync.shopify.CustomerIdSearch;
import com.shopifyjoorsync.state.WebhookInbox;
import com.shopifyjoorsync.state.WebhookInbox.Delivery;
import com.shopifyjoorsync.state.WebhookInbox.Removed;

import org.apache.camel.ExchangeProperty;

/**
 * What a webhook run does with the stored deliveries: which customers to read again from Shopify
 * (the create, update and tag deliveries: their payloads carry no tags since 2025-01, so the
 * customer is read through GraphQL, by id, as the cycle reads it), and which customers Shopify
 * deleted or merged away (recorded and reported; JOOR keeps their connections).
 */
public final class WebhookDeliveries {
    /** Deliveries looked at per search: a burst of repeats for few customers is taken in one go. */
    private static final int LOOK_AHEAD = 5000;

    private final WebhookInbox inbox;

    public WebhookDeliveries(WebhookInbox inbox) {
        this.inbox = inbox;
    }

    public boolean waiting() {
        return inbox.waiting() > 0;
    }

    /**
     * The deliveries waiting for the oldest customers to read, at most one search's worth of them (a
     * customer changed many times is read once), and the deletes and merges among them.
     */
    public List<Delivery> next() {
        List<Delivery> taken = new ArrayList<>();
        Set<String> toRead = new LinkedHashSet<>();
        for (Delivery d : inbox.pending(LOOK_AHEAD)) {
            if (!readsCustomer(d)) {
                taken.add(d);
            } else if (toRead.contains(d.customerId()) || toRead.size() < CustomerIdSearch.IDS_PER_SEARCH) {
                toRead.add(d.customerId());
                taken.add(d);
            }
        }
        return taken;
    }

    /** The search for the customers to read again ({@code id:1 OR id:2}), or null when none is to be read. */
    public String search(@ExchangeProperty("webhookDeliveries") List<Delivery> deliveries) {
        List<String> ids = deliveries.stream().filter(WebhookDeliveries::readsCustomer).map(Delivery::customerId)
                .distinct().toList();
        return ids.isEmpty() ? null : CustomerIdSearch.build(ids);
    }

    /** The customers these deliveries say Shopify deleted or merged into another. */
    public List<Removed> removed(@ExchangeProperty("webhookDeliveries") List<Delivery> deliveries) {
        List<Removed> removed = new ArrayList<>();
        for (Delivery d : deliveries) {
            if (d.customerId() == null) {
                continue; // a merge that did not happen
            }
            switch (d.topic()) {
                case "customers/delete" -> removed.add(new Removed(d.customerId(), "deleted", null, d.triggeredAt()));
                case "customers/merge" -> removed.add(new Removed(d.customerId(), "merged", d.otherCustomerId(), d.triggeredAt()));
                default -> {
                }
            }
        }
        return removed;
    }

    /** The deliveries are done: never taken again; the removed customers recorded with them. */
    public void processed(@ExchangeProperty("webhookDeliveries") List<Delivery> deliveries,
            @ExchangeProperty("removedCustomers") List<Removed> removed) {
        inbox.processed(deliveries, removed);
    }

    private static boolean readsCustomer(Delivery d) {
        return d.customerId() != null && !d.topic().equals("customers/delete") && !d.topic().equals("customers/merge");
    }
}
