package com.shopifyjoorsync.state;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * The state steps of the customer routes: what each customer was last sent (read a page at a time),
 * whether this content is new, and what was delivered.
 */
public final class CustomerStates {
    private final StateStore store;

    public CustomerStates(StateStore store) {
        this.store = store;
    }

    /** The state of a page's customers, in one query. */
    public Map<String, CustomerState> load(@Body List<String> customerIds) {
        return store.load(customerIds);
    }

    /** The content hash of what is about to be delivered. */
    public String contentHash(@Body Delivery delivery) {
        return delivery.contentHash();
    }

    /**
     * True when this exact content was already delivered to this destination, or is on its way to
     * JOOR (sent, its job not read back yet, or to be sent again): that job decides, not a second send.
     */
    public boolean unchanged(@ExchangeProperty("pageStates") Map<String, CustomerState> states,
            @ExchangeProperty("customerId") String customerId, @ExchangeProperty("destination") String destination,
            @ExchangeProperty("contentHash") String hash) {
        CustomerState state = states == null ? null : states.get(customerId);
        if (state == null || hash == null) {
            return false;
        }
        return switch (destination) {
            case "joor" -> hash.equals(state.joorHash()) && state.status() == CustomerState.Status.JOOR
                    || hash.equals(state.joorSentHash());
            case "data-services" -> hash.equals(state.templateHash())
                    && state.status() == CustomerState.Status.DATA_SERVICES_PENDING;
            default -> false;
        };
    }

    /** True when the customer was exported (to JOOR or Data Services) before: losing its tag matters. */
    public boolean wasExported(@ExchangeProperty("pageStates") Map<String, CustomerState> states,
            @ExchangeProperty("customerId") String customerId) {
        CustomerState state = states == null ? null : states.get(customerId);
        return state != null && state.exported();
    }

    /** True when this customer was dead-lettered as it is now: it waits for a change or a replay. */
    public boolean stillDeadLettered(@ExchangeProperty("pageStates") Map<String, CustomerState> states,
            @ExchangeProperty("customerId") String customerId, @ExchangeProperty("customer") JsonNode customer) {
        CustomerState state = states == null ? null : states.get(customerId);
        return state != null && state.deadLetterHash() != null && customer != null
                && state.deadLetterHash().equals(ContentHash.ofCustomer(customer));
    }

    public void deadLettered(@ExchangeProperty("customerId") String customerId,
            @ExchangeProperty("customer") JsonNode customer) {
        if (customerId != null && customer != null && !"unknown".equals(customerId)) {
            store.deadLettered(customerId, ContentHash.ofCustomer(customer));
        }
    }

    public void untag(@ExchangeProperty("customerId") String customerId) {
        store.untag(customerId);
    }

    /**
     * During a full sweep: these eligible customers are still tagged. Only those the state store
     * already holds (the page's states): one without a row was never exported, so it cannot lose a
     * tag, and a first sweep spends no update on each of its customers.
     */
    public void markSeen(@Body List<String> eligibleIds, @ExchangeProperty("pageStates") Map<String, CustomerState> states,
            @ExchangeProperty("cycleId") String cycleId) {
        if (states == null) {
            store.markSeen(eligibleIds, cycleId);
        } else if (!states.isEmpty()) {
            store.markSeen(eligibleIds.stream().filter(states::containsKey).toList(), cycleId);
        }
    }

    /** A batch of rows appended to the cycle's working file, staged in one transaction. */
    public void stageTemplateRows(@ExchangeProperty("batch") List<? extends Delivery> batch,
            @ExchangeProperty("cycleId") String cycleId) {
        store.stageTemplateRows(cycleId, batch);
    }

    /** The template file reached Data Services; returns the dead-letter files it delivered. */
    public List<String> templatePublished(@ExchangeProperty("cycleId") String cycleId) {
        return store.templatePublished(cycleId);
    }
}
