package com.shopifyjoorsync.webhooks;

import java.util.ArrayList;
import java.util.HashSet;
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

    /** A run's deliveries taken so far: marked processed together when the run has sent their customers. */
    public List<Delivery> begin() {
        return new ArrayList<>();
    }

    /** Whether deliveries wait that this run can still take (within one look-ahead). */
    public boolean more(@ExchangeProperty("webhookTaken") List<Delivery> taken) {
        return !untaken(taken).isEmpty();
    }

    /**
     * The deliveries waiting for the oldest customers to read, at most one search's worth of them (a
     * customer changed many times is read once), and the deletes and merges among them; added to
     * what the run took.
     */
    public List<Delivery> next(@ExchangeProperty("webhookTaken") List<Delivery> taken) {
        List<Delivery> next = new ArrayList<>();
        Set<String> toRead = new LinkedHashSet<>();
        for (Delivery d : untaken(taken)) {
            if (!readsCustomer(d)) {
                next.add(d);
            } else if (toRead.contains(d.customerId()) || toRead.size() < CustomerIdSearch.IDS_PER_SEARCH) {
                toRead.add(d.customerId());
                next.add(d);
            }
        }
        taken.addAll(next);
        return next;
    }

    /**
     * Waiting deliveries this run has not taken, leaving out those for a customer it read already:
     * its connection may still wait in an unsent batch, where the content hash cannot see it yet, so
     * a change that came after the read goes to the next run.
     */
    private List<Delivery> untaken(List<Delivery> taken) {
        Set<String> keys = new HashSet<>();
        Set<String> read = new HashSet<>();
        for (Delivery d : taken) {
            keys.add(d.key());
            if (readsCustomer(d)) {
                read.add(d.customerId());
            }
        }
        return inbox.pending(LOOK_AHEAD).stream()
                .filter(d -> !keys.contains(d.key()) && !(readsCustomer(d) && read.contains(d.customerId())))
                .toList();
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
