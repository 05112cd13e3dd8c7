package com.shopifyjoorsync.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paces GraphQL calls from Shopify's cost-based leaky bucket, so that {@code THROTTLED} stays the
 * exception rather than the way the client learns the limit.
 *
 * <p>Every answer carries {@code extensions.cost.throttleStatus} (currently/maximum available,
 * restore rate); {@link #record(JsonNode)} keeps it with the time it was read, and
 * {@link #beforeRequest()} estimates the level now and sleeps once, just long enough for the
 * planned request's estimated cost. Nothing is hard-coded about the plan (Standard, Plus, ...):
 * the numbers come from Shopify at run time.
 *
 * <p>The page size follows the learned per-node cost ({@code requestedQueryCost ≈ 2 + first ×
 * perNode}) so a page stays within Shopify's single-query limit of 1000 points and within the
 * bucket's {@code maximumAvailable} (a larger request could never run).
 *
 * <p>Pages are sized to what the bucket holds now rather than held back until a full page's cost
 * is there. Shopify's "GraphQL Admin API rate limits" page
 * (shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits): the bucket must hold a query's
 * <em>requested</em> cost before it runs, and is refunded the difference to its <em>actual</em> cost
 * (objects not returned, null objects) once it has run. So a request never asks for more than the
 * bucket holds (no THROTTLED), and what a full page would hold back unused is spent instead. Once
 * the bucket is spent, a page is at least what about two seconds of restore pay for at the actual
 * cost per customer (learned from {@code actualQueryCost}), and never below {@value #MIN_PAGE_SIZE}.
 *
 * <p>One pacer per shop (the bucket is per app and store). Thread-safe; calls are expected to be
 * sequential (plan, wait, call, record).
 */
public class ShopifyCostPacer {

    /** Shopify refuses a query whose requested cost exceeds this ({@code MAX_COST_EXCEEDED}). */
    public static final int SINGLE_QUERY_MAX_COST = 1000;
    /** Shopify's largest page ({@code first}) for a connection. */
    public static final int MAX_PAGE_SIZE = 250;
    /** Page size until Shopify has told us what a node costs. */
    public static final int INITIAL_PAGE_SIZE = 50;
    /** Smallest page worth a request of its own when the bucket runs low (unless the bucket is smaller). */
    public static final int MIN_PAGE_SIZE = 10;
    /**
     * Once the bucket is spent, a page waits for about this much restore: every request costs the
     * connection's 2 points more, and a page's requested − actual is what the cycle's last page
     * leaves unspent; 2 s keeps both near 1% of a cycle.
     */
    static final Duration STEADY_PAGE_INTERVAL = Duration.ofSeconds(2);
    /** Fixed part of a connection's cost. */
    static final int CONNECTION_BASE_COST = 2;
    /** Wait after a throttled answer that told us neither the bucket nor a Retry-After. */
    static final Duration DEFAULT_THROTTLE_BACKOFF = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(ShopifyCostPacer.class);

    /** Sleeps for a duration; tests pass one that only records (or advances a fake clock). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Clock clock;
    private final Sleeper sleeper;

    // bucket as last read (or as estimated after reserving a planned request)
    private boolean bucketKnown;
    private double available;
    private double maximum;
    private double restoreRate;
    private Instant readAt;
    private Instant holdUntil;

    // the request about to be sent (or being sent)
    private int plannedCost;
    private int plannedFirst;

    // page sizing: requested cost per node (the limits), actual cost per node (what a page spends)
    private double perNodeCost = Double.NaN;
    private double actualPerNodeCost = Double.NaN;
    private int pageCap = MAX_PAGE_SIZE;

    // counters since start
    private long pointsUsed;
    private long requests;
    private long throttled;

    public ShopifyCostPacer() {
        this(Clock.systemUTC(), duration -> Thread.sleep(duration.toMillis()));
    }

    public ShopifyCostPacer(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Announces a request that is not a customers page (e.g. the shop query) and its estimated cost. */
    public synchronized void planned(int estimatedCost) {
        plannedCost = Math.max(0, estimatedCost);
        plannedFirst = 0;
    }

    /**
     * Announces a customers page of {@code first} nodes; returns its estimated requested cost
     * (what {@link #beforeRequest()} then waits for).
     */
    public synchronized int plannedPage(int first) {
        plannedFirst = Math.max(0, first);
        plannedCost = (int) Math.ceil(CONNECTION_BASE_COST + plannedFirst * nodeCost());
        return plannedCost;
    }

    /**
     * Blocks until the estimated bucket level covers the planned request (and any Retry-After has
     * passed), with a single sleep; then reserves the planned cost in the estimate. Never waits
     * while nothing is known about the bucket, nor when the bucket is full enough.
     */
    public void beforeRequest() {
        Duration wait;
        synchronized (this) {
            requests++;
            Instant now = clock.instant();
            long waitMillis = 0;
            if (holdUntil != null) {
                waitMillis = Math.max(0, Duration.between(now, holdUntil).toMillis());
            }
            if (bucketKnown) {
                double need = Math.min(plannedCost, maximum);
                double level = levelAt(now);
                if (level < need) {
                    long bucketMillis = restoreRate > 0
                            ? (long) Math.ceil((need - level) * 1000.0 / restoreRate)
                            : DEFAULT_THROTTLE_BACKOFF.toMillis();
                    waitMillis = Math.max(waitMillis, bucketMillis);
                }
                Instant sendAt = now.plusMillis(waitMillis);
                available = levelAt(sendAt) - plannedCost;
                readAt = sendAt;
            }
            wait = Duration.ofMillis(waitMillis);
            holdUntil = null;
        }
        if (!wait.isZero()) {
            if (wait.toMillis() >= 5000) {
                LOG.info("Waiting {} ms for Shopify's rate-limit bucket before the next request", wait.toMillis());
            } else {
                LOG.debug("Waiting {} ms for Shopify's rate-limit bucket", wait.toMillis());
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ShopifyException("Interrupted while waiting for Shopify's rate limit", e);
            }
        }
    }

    /**
     * Records {@code extensions.cost} of an answer, normal or throttled: the bucket level (read
     * now), the points spent, and what a node of the planned page costs. A null or missing node is
     * ignored.
     */
    public synchronized void record(JsonNode cost) {
        if (cost == null || cost.isMissingNode() || cost.isNull()) {
            return;
        }
        JsonNode actual = cost.path("actualQueryCost");
        if (actual.isNumber()) {
            pointsUsed += actual.asLong();
            if (plannedFirst > 0) {
                // a short last page makes this low; the next full page corrects it
                actualPerNodeCost = Math.max(0, actual.asDouble() - CONNECTION_BASE_COST) / plannedFirst;
            }
        }
        JsonNode requested = cost.path("requestedQueryCost");
        if (requested.isNumber()) {
            learnRequestedCost(requested.asInt());
        }
        JsonNode status = cost.path("throttleStatus");
        if (status.path("currentlyAvailable").isNumber() && status.path("maximumAvailable").isNumber()
                && status.path("restoreRate").isNumber()) {
            available = status.path("currentlyAvailable").asDouble();
            maximum = status.path("maximumAvailable").asDouble();
            restoreRate = status.path("restoreRate").asDouble();
            readAt = clock.instant();
            bucketKnown = true;
        }
    }

    /**
     * Records a throttled answer (after {@link #record(JsonNode)} of its cost, if any). A
     * {@code Retry-After} holds the next request at least that long; without it and without a known
     * bucket, the next request waits {@link #DEFAULT_THROTTLE_BACKOFF}.
     */
    public synchronized void recordThrottled(Duration retryAfter) {
        throttled++;
        hold(retryAfter != null ? retryAfter : bucketKnown ? null : DEFAULT_THROTTLE_BACKOFF);
    }

    /** Holds the next request at least this long (e.g. a 503's {@code Retry-After}); null does nothing. */
    public synchronized void hold(Duration duration) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            return;
        }
        Instant until = clock.instant().plus(duration);
        if (holdUntil == null || until.isAfter(holdUntil)) {
            holdUntil = until;
        }
    }

    /**
     * Shopify refused the planned page as over the single-query limit ({@code MAX_COST_EXCEEDED}).
     * Learns from the cost it reported (if any) and shrinks the page size below the refused one.
     *
     * @param requestedCost the cost Shopify computed for the refused query, or null
     * @return false when there is nothing to shrink (the refused request was not a page or asked for
     *         one node)
     */
    public synchronized boolean pageTooCostly(Integer requestedCost) {
        if (plannedFirst <= 1) {
            return false;
        }
        if (requestedCost != null) {
            learnRequestedCost(requestedCost);
        }
        if (largestPageSize() >= plannedFirst) {
            // what we know of the cost does not explain the refusal: halve the page
            pageCap = Math.min(pageCap, Math.max(1, plannedFirst / 2));
        }
        LOG.warn("Shopify refused a page of {} customers as too costly (requested cost {}); next pages ask for {}",
                plannedFirst, requestedCost == null ? "unknown" : requestedCost, computePageSize());
        return true;
    }

    /**
     * The next page's {@code first}: as many customers as the bucket holds the requested cost of now,
     * but at least what two seconds of restore pay for at the actual cost per customer (the request then
     * waits for it), and at most the largest page Shopify's limits allow.
     */
    public synchronized int pageSize() {
        return computePageSize();
    }

    /** Sum of {@code actualQueryCost} over every answer recorded since start. */
    public synchronized long pointsUsed() {
        return pointsUsed;
    }

    /** Requests sent (calls of {@link #beforeRequest()}) since start, retries included. */
    public synchronized long requests() {
        return requests;
    }

    /** Throttled answers since start. */
    public synchronized long throttled() {
        return throttled;
    }

    /** The clock the pacer reads (so a caller can turn an HTTP date into a wait consistently). */
    public Clock clock() {
        return clock;
    }

    private int computePageSize() {
        int largest = largestPageSize();
        if (!bucketKnown) {
            return largest;
        }
        double level = levelAt(clock.instant());
        int fits = (int) Math.floor((level - CONNECTION_BASE_COST) / Math.max(nodeCost(), 1e-9));
        return Math.min(largest, Math.max(minimumPageSize(largest), fits));
    }

    /**
     * What about {@link #STEADY_PAGE_INTERVAL} of restore pays for at the actual cost per customer (the
     * requested cost until one is known); at least {@value #MIN_PAGE_SIZE}, at most {@code largest}.
     */
    private int minimumPageSize(int largest) {
        double perNode = Double.isNaN(actualPerNodeCost) ? nodeCost() : actualPerNodeCost;
        double points = restoreRate * STEADY_PAGE_INTERVAL.toMillis() / 1000.0;
        int steady = perNode <= 0 ? largest : (int) Math.ceil(points / perNode);
        return Math.min(largest, Math.max(MIN_PAGE_SIZE, steady));
    }

    /**
     * The largest {@code first} whose estimated requested cost stays within both 1000 points and the
     * bucket's {@code maximumAvailable}, and within 250. {@value #INITIAL_PAGE_SIZE} (or less, for a
     * small bucket) until a page's cost is known.
     */
    private int largestPageSize() {
        double limit = bucketKnown ? Math.min(SINGLE_QUERY_MAX_COST, maximum) : SINGLE_QUERY_MAX_COST;
        double nodeCost = nodeCost();
        int size = nodeCost <= 0 ? MAX_PAGE_SIZE : (int) Math.floor((limit - CONNECTION_BASE_COST) / nodeCost);
        if (Double.isNaN(perNodeCost)) {
            size = Math.min(size, INITIAL_PAGE_SIZE);
        }
        return Math.max(1, Math.min(Math.min(size, MAX_PAGE_SIZE), pageCap));
    }

    private double nodeCost() {
        return Double.isNaN(perNodeCost) ? ShopifyQueries.CUSTOMER_NODE_COST_GUESS : perNodeCost;
    }

    private void learnRequestedCost(int requestedCost) {
        if (plannedFirst > 0 && requestedCost >= 0) {
            perNodeCost = (double) Math.max(0, requestedCost - CONNECTION_BASE_COST) / plannedFirst;
        }
        // a retry of the same request needs what Shopify says it costs, not our guess
        plannedCost = Math.max(plannedCost, requestedCost);
    }

    private double levelAt(Instant when) {
        double seconds = Math.max(0, Duration.between(readAt, when).toNanos() / 1e9);
        return Math.min(maximum, available + restoreRate * seconds);
    }

    @Override
    public synchronized String toString() {
        return bucketKnown
                ? String.format("ShopifyCostPacer[available=%.0f/%.0f restore=%.0f/s pageSize=%d]",
                        available, maximum, restoreRate, computePageSize())
                : "ShopifyCostPacer[bucket unknown pageSize=" + computePageSize() + "]";
    }
}
