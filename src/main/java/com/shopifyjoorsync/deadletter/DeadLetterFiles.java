package com.shopifyjoorsync.deadletter;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shopifyjoorsync.state.Delivery;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead-letter folder as --replay-dead-letters sees it: the records waiting, each read back into
 * the exchange the customer routes expect, and moved to replayed/ once its customer is delivered.
 */
public final class DeadLetterFiles {
    private static final Logger LOG = LoggerFactory.getLogger("shopify-joor-sync.dead-letter");
    private final Path folder;
    private final ObjectMapper json;
    private final AtomicInteger delivered = new AtomicInteger();

    public DeadLetterFiles(Path folder, ObjectMapper json) {
        this.folder = folder;
        this.json = json;
    }

    /** The folder behind a file: endpoint URI, or null for any other component. */
    public static Path folderOf(String deadLetterUri) {
        if (!deadLetterUri.startsWith("file:")) {
            return null;
        }
        String path = deadLetterUri.substring("file:".length());
        int query = path.indexOf('?');
        return Path.of(query >= 0 ? path.substring(0, query) : path);
    }

    public Path folder() {
        return folder;
    }

    /** The records waiting, oldest name first (replayed/ and files being written are left out). */
    public List<File> waiting() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".json"))
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted().map(Path::toFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads one record: the customer as fetched becomes the body; its id and file become properties.
     * A record that cannot be read is left where it is, for a person to look at (null body).
     */
    public JsonNode read(@Body File file, Exchange exchange) {
        JsonNode record;
        try {
            record = json.readTree(file);
        } catch (IOException e) {
            LOG.error("Dead letter {} cannot be read, left as it is: {}", file.getName(), e.getMessage());
            return null;
        }
        JsonNode customer = record.path("customer");
        if (customer.isMissingNode() || customer.isNull()) {
            LOG.error("Dead letter {} holds no customer to replay (a failure before any customer was read); "
                    + "left as it is", file.getName());
            return null;
        }
        exchange.setProperty("replayFile", file.getAbsolutePath());
        exchange.setProperty("customer", customer);
        exchange.setProperty("customerId", record.path("customerId").asText());
        exchange.removeProperty("destination");
        // what the record was for: a customer, or a removal (webhooks.removed-customers=dead-letter)
        exchange.setProperty("replayOf", record.path("destination").asText());
        return customer;
    }

    /** The replayed customer was delivered (or its content already was): its record moves to replayed/. */
    public void deliveredOne(@ExchangeProperty("replayFile") String replayFile) {
        if (replayFile != null) {
            moveToReplayed(List.of(replayFile));
        }
    }

    /** A JOOR batch was accepted: the records replayed into it move to replayed/. */
    public void deliveredBatch(@ExchangeProperty("batch") List<? extends Delivery> batch) {
        moveToReplayed(batch.stream().map(Delivery::replayFile).filter(f -> f != null).toList());
    }

    public void moveToReplayed(@Body Collection<String> files) {
        if (files == null || files.isEmpty()) {
            return;
        }
        Path replayed = folder.resolve("replayed");
        try {
            Files.createDirectories(replayed);
            for (String name : files) {
                Path file = Path.of(name);
                if (Files.exists(file)) {
                    Files.move(file, replayed.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                    delivered.incrementAndGet();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records moved to replayed/ since the process started. */
    public int deliveredCount() {
        return delivered.get();
    }
}
