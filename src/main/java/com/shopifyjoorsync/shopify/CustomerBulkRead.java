package com.shopifyjoorsync.shopify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cycle's window read by a Shopify bulk operation (routes/shopify-bulk.camel.yaml): whether it is
 * worth it (Shopify's count against shopify.bulk-threshold), how often to ask how it goes, the JSONL
 * file's lines as pages of customers, and the reckoning before the watermark may move: as many
 * customers routed as Shopify counted in the file, else the cycle fails and the next reads again
 * (peers lost customers by moving on after a partial file). Anything but a completed operation
 * (not started, failed, cancelled, expired, too slow, its file refused) falls back to paging.
 */
public final class CustomerBulkRead {
    /** The exchange property holding the cycle's read. */
    public static final String PROPERTY = "shopifyBulk";
    private static final Logger LOG = LoggerFactory.getLogger("shopify-joor-sync.shopify");
    private static final Duration FIRST_POLL = Duration.ofMillis(250);
    private static final Duration LONGEST_POLL = Duration.ofSeconds(10);

    private final long threshold;
    private final Duration timeout;
    private final ObjectMapper json = ShopifyResponses.JSON;
    private final Clock clock;
    private final java.util.Map<String, java.util.concurrent.atomic.AtomicLong> outcomes = new java.util.concurrent.ConcurrentHashMap<>();

    public CustomerBulkRead(long threshold, Duration timeout, Clock clock) {
        this.threshold = threshold;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** One cycle's read: the operation as last seen, what was routed, when it gives up waiting. */
    public static final class Read {
        BulkOperation operation;
        final Instant giveUpAt;
        Duration nextPoll = FIRST_POLL;
        long lines;
        boolean unread;
        String fallback;

        Read(Instant giveUpAt) {
            this.giveUpAt = giveUpAt;
        }

    }

    /** Whether the window is read in bulk: Shopify counted at least shopify.bulk-threshold customers. */
    public boolean worthIt(@ExchangeProperty("customersEstimate") CustomerCount estimate) {
        return threshold > 0 && estimate != null && estimate.count() >= threshold;
    }

    public Read begin() {
        return new Read(clock.instant().plus(timeout));
    }

    /** The operation as Shopify answered the start or a poll. */
    public void seen(@Body BulkOperation operation, @ExchangeProperty(PROPERTY) Read read) {
        if (read.operation == null && operation.notStarted() == null) {
            LOG.info("Shopify bulk read {} started", operation.id());
        }
        read.operation = operation;
    }

    public String operationId(@ExchangeProperty(PROPERTY) Read read) {
        return read.operation.id();
    }

    /** The JSONL file's signed link (https; it takes no access token). */
    public String fileUrl(@ExchangeProperty(PROPERTY) Read read) {
        return read.operation.url();
    }

    /** Whether to ask again: Shopify still works on it, and shopify.bulk-timeout has not passed. */
    public boolean underWay(@ExchangeProperty(PROPERTY) Read read) {
        return read.operation.underWay() && clock.instant().isBefore(read.giveUpAt);
    }

    /** How long to wait before asking again: a quarter second at first, then longer, at most 10 s. */
    public long pollDelay(@ExchangeProperty(PROPERTY) Read read) {
        Duration wait = read.nextPoll;
        Duration next = wait.multipliedBy(2);
        read.nextPoll = next.compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : next;
        return wait.toMillis();
    }

    /**
     * What the operation left: "file" (a JSONL file to read), "empty" (completed, nothing matched)
     * or "paging" (anything else: the reason is logged, the cycle pages the window instead).
     */
    public String outcome(@ExchangeProperty(PROPERTY) Read read) {
        String outcome = decide(read);
        // a file that then cannot be read still counts as paging (fileRefused, fileBroken)
        if (!outcome.equals("file")) {
            counted(outcome);
        }
        return outcome;
    }

    /** Bulk reads since start that ended so: file (routed), empty, paging (fell back) or incomplete. */
    public long count(String outcome) {
        java.util.concurrent.atomic.AtomicLong n = outcomes.get(outcome);
        return n == null ? 0 : n.get();
    }

    private void counted(String outcome) {
        outcomes.computeIfAbsent(outcome, k -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
    }

    private String decide(Read read) {
        BulkOperation op = read.operation;
        if (op.notStarted() != null) {
            return fallBack(read, "Shopify did not start it (" + op.notStarted() + ")");
        }
        if (op.completed()) {
            if (op.url() != null) {
                return "file";
            }
            if (op.objectCount() == 0) {
                LOG.info("Shopify bulk read {} completed: no customer matched", op.id());
                return "empty";
            }
            return fallBack(read, "it completed with " + op.objectCount() + " objects but no file URL");
        }
        if (op.underWay()) {
            return fallBack(read, clock.instant().isBefore(read.giveUpAt)
                    ? "the sync is stopping (it was " + op.status() + "; Shopify finishes it for nothing)"
                    : "it was still " + op.status() + " after shopify.bulk-timeout");
        }
        return fallBack(read, "it ended " + op.status() + (op.errorCode() == null ? "" : " (" + op.errorCode() + ")"));
    }

    /** The file could not be downloaded (an expired link answers 403): the window is paged instead. */
    public void fileRefused(@ExchangeProperty(PROPERTY) Read read, @org.apache.camel.Header("CamelHttpResponseCode") Integer status) {
        counted(fallBack(read, "its file was refused (HTTP " + status + "; links expire)"));
    }

    /** The download broke off: what was routed stays routed (content hashes), the window is paged. */
    public void fileBroken(@ExchangeProperty(org.apache.camel.Exchange.EXCEPTION_CAUGHT) Exception problem,
            @ExchangeProperty(PROPERTY) Read read) {
        counted(fallBack(read, "its file could not be read to the end after " + read.lines + " customers: " + problem));
    }

    private String fallBack(Read read, String why) {
        read.fallback = why;
        LOG.warn("Shopify bulk read{} not used, the window is paged instead: {}",
                read.operation == null || read.operation.id() == null ? "" : " " + read.operation.id(), why);
        return "paging";
    }

    /** Whether the window was read in bulk (false: none was tried, or it fell back: page it). */
    public boolean read(@ExchangeProperty(PROPERTY) Read read) {
        return read != null && read.fallback == null;
    }

    /** A group of the file's lines as a page of customers (one JSON object per line). */
    public List<JsonNode> customers(@Body String lines, @ExchangeProperty(PROPERTY) Read read) {
        List<JsonNode> page = new ArrayList<>();
        for (String line : lines.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode customer = json.readTree(line);
                if (!customer.path("id").asText("").startsWith("gid://shopify/Customer/")) {
                    throw new ShopifyQueryException("Shopify's bulk file holds a line that is no customer: "
                            + line.substring(0, Math.min(120, line.length())), List.of());
                }
                page.add(customer);
            } catch (IOException e) {
                throw new UncheckedIOException("Shopify's bulk file holds a line that is not JSON", e);
            }
        }
        read.lines += page.size();
        return page;
    }

    /** The cycle stopped taking the file's lines (stopping, or JOOR's budget gone): it is not all read. */
    public void leftUnread(@ExchangeProperty(PROPERTY) Read read) {
        read.unread = true;
    }

    public boolean unread(@ExchangeProperty(PROPERTY) Read read) {
        return read.unread;
    }

    /** Before the watermark may move: every customer Shopify counted was routed. */
    public void reconcile(@ExchangeProperty(PROPERTY) Read read) {
        long counted = read.operation.objectCount();
        if (read.lines != counted) {
            counted("incomplete");
            throw new ShopifyBulkIncompleteException("Shopify's bulk read " + read.operation.id() + " counted " + counted
                    + " customers but its file held " + read.lines + ": the cycle fails and its window is read again");
        }
        counted("file");
        LOG.info("Shopify bulk read {} completed: {} customers routed, as Shopify counted", read.operation.id(), read.lines);
    }
}
