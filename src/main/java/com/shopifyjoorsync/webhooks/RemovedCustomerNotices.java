package com.shopifyjoorsync.webhooks;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopifyjoorsync.joor.KnownCustomerCodes;
import com.shopifyjoorsync.linkreport.RemovedCustomer;
import com.shopifyjoorsync.state.WebhookInbox.Removed;

import org.apache.camel.Body;

/**
 * With {@code webhooks.removed-customers=dead-letter}: a customer Shopify deleted or merged away
 * whose Customer Code JOOR still holds becomes a dead letter saying what a person does in JOOR (the
 * sync never deletes connections). The record's customer is the removal itself, so a replay can look
 * again: once JOOR no longer holds the code, the dead letter is done.
 */
public final class RemovedCustomerNotices {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final ObjectMapper json;
    private final KnownCustomerCodes joorCodes;

    public RemovedCustomerNotices(ObjectMapper json, KnownCustomerCodes joorCodes) {
        this.json = json;
        this.joorCodes = joorCodes;
    }

    /** The removal as the dead letter's customer: customerId, removal (deleted or merged), mergedInto, removedAt. */
    public ObjectNode record(@Body Removed removed) {
        ObjectNode record = json.createObjectNode();
        record.put("customerId", removed.customerId());
        record.put("removal", removed.removal());
        record.put("mergedInto", removed.mergedInto());
        record.put("removedAt", removed.removedAt() == null ? null : removed.removedAt().toString());
        return record;
    }

    public String customerId(@Body JsonNode record) {
        return record.path("customerId").asText();
    }

    /** Why it is dead-lettered, and what to do in JOOR. */
    public String reason(@Body JsonNode record) {
        RemovedCustomer gone = removal(record);
        String when = gone.removedAt() == null ? "" : " on " + WHEN.format(gone.removedAt());
        return "Removed in Shopify, still a connection in JOOR (webhooks.removed-customers=dead-letter): "
                + gone.whatToDo(when, gone.merged() && joorCodes.contains(gone.mergedInto()))
                + " Replay this record once done in JOOR.";
    }

    private static RemovedCustomer removal(JsonNode record) {
        String at = record.path("removedAt").asText(null);
        return new RemovedCustomer(record.path("customerId").asText(), "merged".equals(record.path("removal").asText()),
                record.path("mergedInto").asText(null), at == null ? null : Instant.parse(at));
    }
}
