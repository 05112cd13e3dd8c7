package com.shopifyjoorsync.deadletter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopifyjoorsync.observe.SecretMask;

import org.apache.camel.Exchange;

/**
 * One JSON record per failed customer: customerId, customer (as fetched), destination, error,
 * attempts, failedAt. Read from exchange properties the customer routes set, so a failure at any
 * step (even with a null body) can be dead-lettered.
 */
public final class DeadLetters {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private final ObjectMapper json;

    public DeadLetters(ObjectMapper json) {
        this.json = json;
    }

    /** The record as JSON text; also sets the file name header. */
    public String record(Exchange exchange) throws IOException {
        Instant now = Instant.now();
        String customerId = exchange.getProperty("customerId", "unknown", String.class);
        String destination = exchange.getProperty("destination", "unknown", String.class);
        ObjectNode record = json.createObjectNode();
        record.put("customerId", customerId);
        Object customer = exchange.getProperty("customer");
        if (customer instanceof JsonNode node) {
            record.set("customer", node);
        } else {
            record.putNull("customer");
        }
        record.put("destination", destination);
        record.put("error", SecretMask.mask(describe(exchange)));
        record.put("attempts", attempts(exchange));
        record.put("failedAt", now.toString());
        String replayFile = exchange.getProperty("replayFile", String.class);
        if (replayFile != null && Files.exists(Path.of(replayFile))) {
            // failed again on replay: the same record, rewritten with its attempts added up
            record.put("attempts", json.readTree(Path.of(replayFile).toFile()).path("attempts").asInt(0)
                    + attempts(exchange));
            exchange.getMessage().setHeader(Exchange.FILE_NAME, Path.of(replayFile).getFileName().toString());
        } else {
            exchange.getMessage().setHeader(Exchange.FILE_NAME,
                    destination + "-" + customerId + "-" + STAMP.format(now) + ".json");
        }
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(record);
    }

    private static int attempts(Exchange exchange) {
        return DeliveryAttempts.of(exchange);
    }

    private static String describe(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (error == null) {
            error = exchange.getException();
        }
        String reason = exchange.getProperty("deadLetterReason", String.class);
        if (error == null) {
            return reason == null ? "unknown failure" : reason;
        }
        String message = error.getClass().getSimpleName() + ": " + error.getMessage();
        return reason == null ? message : reason + ": " + message;
    }
}
