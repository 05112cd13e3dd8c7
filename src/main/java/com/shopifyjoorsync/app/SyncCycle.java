package com.shopifyjoorsync.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import com.shopifyjoorsync.joor.KnownCustomerCodes;
import com.shopifyjoorsync.observe.CycleProgress;
import com.shopifyjoorsync.observe.SecretMask;
import com.shopifyjoorsync.shopify.CustomerPaging;
import com.shopifyjoorsync.state.CycleWindow;
import com.shopifyjoorsync.state.PendingSubmissions;
import com.shopifyjoorsync.state.StateStore;
import com.shopifyjoorsync.state.UnconfirmedCounts;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One sync cycle's tallies: its id, the outcome counters, and the SYNC SUMMARY line monitoring
 * greps. The window is {@link SyncWindow}'s, the JOOR jobs {@link JoorJobTracking}'s.
 * Cycles never overlap (the quartz job is stateful), so one instance serves them in turn.
 */
public final class SyncCycle {
    private static final Logger LOG = LoggerFactory.getLogger("shopify-joor-sync.summary");
    /** Exchange property: what sjs-customer decided for the customer (see {@link #customerDone}). */
    public static final String OUTCOME_PROPERTY = "customerOutcome";
    /** Exchange property: true when the change check found the content delivered before. */
    public static final String UNCHANGED_PROPERTY = "contentUnchanged";
    /** The MDC key every log line of a cycle carries (the cycle id). */
    public static final String LOG_CYCLE_KEY = "cycle";
    /** The MDC key of the shop entry (shops=...), on every line of its cycles when there are several. */
    public static final String LOG_SHOP_KEY = "shop";
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final String shopEntry;
    private final Clock clock;
    private final StateStore state;
    private final java.util.function.Predicate<String> knownCodes;
    private final SyncWindow windows;
    private final JoorJobTracking jobs;
    private final CycleProgress progress;
    private final LongSupplier shopifyPoints;
    private final LongSupplier shopifyThrottled;
    private final LongSupplier joorCredits;
    private final LongSupplier joor429;

    private volatile Counters current;
    /** One run at a time: a polling cycle, a replay or a webhook run (they share the batches and the tallies). */
    private final java.util.concurrent.Semaphore oneRun = new java.util.concurrent.Semaphore(1);
    /** The id of the run holding {@link #oneRun}, null when none. */
    private volatile String runHolder;
    private volatile String lastSummary;
    private volatile PendingSubmissions lastPending;
    /** What finished cycles counted, for the process totals metrics read (see {@link #total}). */
    private final Map<String, Long> finishedTotals = new ConcurrentHashMap<>();
    private final CycleHistory history = new CycleHistory();

    public SyncCycle(Clock clock, StateStore state, KnownCustomerCodes knownCodes, SyncWindow windows,
            JoorJobTracking jobs, CycleProgress progress, LongSupplier shopifyPoints, LongSupplier shopifyThrottled, LongSupplier joorCredits,
            LongSupplier joor429, String shopEntry) {
        this.shopEntry = shopEntry;
        this.clock = clock;
        this.state = state;
        this.knownCodes = knownCodes::contains;
        this.windows = windows;
        this.jobs = jobs;
        this.progress = progress;
        this.shopifyPoints = shopifyPoints;
        this.shopifyThrottled = shopifyThrottled;
        this.joorCredits = joorCredits;
        this.joor429 = joor429;
    }

    /**
     * Opens a cycle: an id, and the window from the state store: [watermark - overlap, now], the end
     * frozen now; or every tagged customer for the first cycle and the periodic full sweep.
     */
    public void start(Exchange exchange) {
        awaitOtherRun();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        CycleWindow window = windows.open(now);
        Instant since = SyncWindow.since(window);
        String id = ID.format(now) + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        runHolder = id;
        open(counters(id, window));
        exchange.setProperty("cycleId", id);
        exchange.setProperty("fullSweep", window.fullSweep());
        exchange.setProperty("windowStart", window.fullSweep() ? null : since);
        exchange.setProperty("windowEnd", now);
        exchange.setProperty(Exchange.CHARSET_NAME, "UTF-8");
        LOG.info("SYNC START cycle={} {} until={}", id, window.fullSweep() ? "full sweep"
                : "since=" + (since == null ? "beginning" : since), now);
    }

    /**
     * Opens a replay of the dead letters: no window, the watermark untouched; the same counters and
     * summary keys, under REPLAY SUMMARY.
     */
    public void startReplay(Exchange exchange) {
        awaitOtherRun();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String id = "replay-" + ID.format(now);
        runHolder = id;
        Counters replay = counters(id, new CycleWindow(null, now, false));
        replay.replay = true;
        open(replay);
        exchange.setProperty("cycleId", id);
        exchange.setProperty("fullSweep", false);
        exchange.setProperty(Exchange.CHARSET_NAME, "UTF-8");
        LOG.info("REPLAY START cycle={}", id);
    }

    /**
     * Opens a webhook run unless a cycle or a replay is running (false: the deliveries wait for the
     * next run). No window: the customers Shopify named are read as they are now; the watermark is the
     * polling cycle's alone.
     */
    public boolean startWebhooks(Exchange exchange) {
        if (!oneRun.tryAcquire()) {
            return false;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String id = "webhooks-" + ID.format(now) + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        runHolder = id;
        Counters run = counters(id, new CycleWindow(null, now, false));
        run.webhooks = true;
        open(run);
        exchange.setProperty("cycleId", id);
        exchange.setProperty("fullSweep", false);
        exchange.setProperty("windowStart", null);
        exchange.setProperty("windowEnd", null);
        exchange.setProperty("webhookRun", true);
        exchange.setProperty(Exchange.CHARSET_NAME, "UTF-8");
        return true;
    }

    /** Closes a webhook run: its deliveries are processed; nothing moves but what it delivered. */
    public String finishWebhooks(Exchange exchange) {
        Counters c = current;
        c.pending = null;
        c.unconfirmed = state.unconfirmedCounts();
        return completed(c, exchange);
    }

    /** Deliveries a webhook run processed, and the customers they said Shopify removed. */
    void webhookDeliveries(int deliveries, int removed) {
        current.deliveries.addAndGet(deliveries);
        current.removed.addAndGet(removed);
    }

    /** Waits while a webhook run holds the run (seconds); a polling cycle or replay never overlaps another. */
    private void awaitOtherRun() {
        try {
            while (!oneRun.tryAcquire(1, java.util.concurrent.TimeUnit.SECONDS)) {
                String holder = runHolder;
                if (holder != null && !holder.startsWith("webhooks-")) {
                    // a cycle's run that never closed: cycles never overlap (quartz), so it is over
                    LOG.warn("Run {} never closed; the next one starts", holder);
                    break;
                }
            }
            runHolder = "starting";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the webhook run to end", e);
        }
    }

    /** Lets the next run start, when the run ending is the one holding it. */
    private void endRun(String id) {
        if (id != null && id.equals(runHolder)) {
            runHolder = null;
            oneRun.release();
        }
    }

    void replayed() {
        current.replayed.incrementAndGet();
    }

    /** Closes a replay: nothing moves but the delivered records (to replayed/). */
    public String finishReplay(Exchange exchange, @ExchangeProperty("replayDeliveredBefore") Integer before,
            @ExchangeProperty("replayDeliveredAfter") Integer after) {
        Counters c = current;
        c.replayDelivered = (after == null ? 0 : after) - (before == null ? 0 : before);
        return completed(c, exchange);
    }

    /** Makes these the current cycle's counters, the last cycle's adding to the process totals. */
    private void open(Counters started) {
        synchronized (finishedTotals) {
            if (current != null) {
                current.outcomes().forEach((outcome, n) -> finishedTotals.merge(outcome, n, Long::sum));
            }
            current = started;
            jobs.reset();
        }
        MDC.put(LOG_CYCLE_KEY, started.id);
        if (shopEntry != null) {
            MDC.put(LOG_SHOP_KEY, shopEntry);
        }
    }

    /** Fresh counters, with the API budgets' process totals as they stand now. */
    private Counters counters(String id, CycleWindow window) {
        return new Counters(id, window, shopifyPoints.getAsLong(), shopifyThrottled.getAsLong(),
                joorCredits.getAsLong(), joor429.getAsLong());
    }

    /** After JOOR's list was read: customers Data Services has created in JOOR now go through the API. */
    public void knownCodesRead(@Body Object ignored) {
        current.promoted.addAndGet(state.promoteKnown(knownCodes));
    }

    /**
     * One customer's path is done: its outcome counted, the progress told. {@code customerOutcome} is
     * what sjs-customer decided (outside_window, not_eligible, untagged, still_dead_lettered,
     * eligible; none for a replayed record), {@code contentUnchanged} what the change check found.
     */
    void customerDone(String outcome, Boolean unchanged) {
        Counters c = current;
        if (outcome != null) {
            switch (outcome) {
                case "outside_window" -> c.outsideWindow.incrementAndGet();
                case "untagged" -> {
                    c.notEligible.incrementAndGet();
                    c.untagged.incrementAndGet();
                }
                case "not_eligible" -> c.notEligible.incrementAndGet();
                case "still_dead_lettered" -> {
                    c.eligible.incrementAndGet();
                    c.stillDeadLettered.incrementAndGet();
                }
                case "eligible" -> c.eligible.incrementAndGet();
                case "left_for_cycle" -> {
                    c.eligible.incrementAndGet();
                    c.leftForCycle.incrementAndGet();
                }
                default -> throw new IllegalArgumentException("unknown customer outcome " + outcome);
            }
        }
        if (Boolean.TRUE.equals(unchanged)) {
            c.unchanged.incrementAndGet();
        }
        if (!c.replay) {
            progress.customerDone();
        }
    }

    /**
     * A page's customers not served before in this cycle ({@code fetched} counts customers, not
     * nodes); what Shopify served again is counted apart.
     */
    void fetched(List<?> customers, CustomerPaging.Reading reading) {
        current.fetched.addAndGet(customers.size());
        current.repeated.set(reading.repeated());
    }

    /** A batch of template rows was written to the cycle's working file (not delivered yet). */
    void sentToDataServices(int rows) {
        current.templateRows.addAndGet(rows);
    }

    /** Customers in the cycle's template file. */
    public long dataServicesRows() {
        return current.templateRows.get();
    }

    /** The endpoint accepted the cycle's file: its customers count as sent to Data Services. */
    void dataServicesAccepted() {
        current.dataServices.addAndGet(current.templateRows.get());
    }

    /**
     * Customers pending at Data Services as the last cycle ended (null before it): the figure of its
     * summary line, so that a metrics scrape reads no database.
     */
    public PendingSubmissions lastPending() {
        return lastPending;
    }

    void deadLettered() {
        current.deadLettered.incrementAndGet();
    }

    /** A job JOOR finished with every record processed: these customers are updated in JOOR. */
    void joorConfirmed(int customers) {
        current.joorUpdated.addAndGet(customers);
    }

    /** JOOR took a bulk POST but its answer could not be read: its customers were dead-lettered. */
    void joorAnswerUnreadable() {
        current.joorUnreadableAnswers.incrementAndGet();
    }

    /**
     * No JOOR request got through for joor.rate-limit-timeout while a batch was being sent: that batch
     * is neither sent nor dead-lettered, no further batch goes to JOOR in this cycle, and the cycle
     * fails once its batches are done ({@link #failIfGaveUpOnJoor}). Its customers are not recorded:
     * the next cycle, whose window has not moved, sends them.
     */
    public void gaveUpOnJoor(Exchange exchange) {
        Counters c = current;
        if (c.joorGaveUp == null) {
            c.joorGaveUp = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, RuntimeException.class);
        }
    }

    /** False once the cycle gave up on JOOR's budget: nothing more is sent to JOOR in it. */
    public boolean sendingToJoor() {
        Counters c = current;
        return c == null || c.joorGaveUp == null;
    }

    /** After the batches: a cycle that gave up on JOOR's budget fails here, with why. */
    public void failIfGaveUpOnJoor() {
        RuntimeException gaveUp = current.joorGaveUp;
        if (gaveUp != null) {
            throw gaveUp;
        }
    }

    /**
     * Closes a completed cycle: every customer of the window was delivered or dead-lettered, so the
     * watermark moves to the window's frozen end.
     */
    public String finish(Exchange exchange) {
        Counters c = current;
        c.untagged.addAndGet(windows.close(c.id, c.window));
        return completed(c, exchange);
    }

    private String completed(Counters c, Exchange exchange) {
        if (!c.webhooks) {
            c.pending = pending();
        }
        c.unconfirmed = state.unconfirmedCounts();
        lastSummary = summary(c, null);
        if (!c.webhooks) {
            history.ended(c.window.end(), clock.instant(), true);
        }
        LOG.info(lastSummary);
        MDC.remove(LOG_CYCLE_KEY);
        MDC.remove(LOG_SHOP_KEY);
        endRun(c.id);
        exchange.getMessage().setBody(lastSummary);
        return lastSummary;
    }

    /**
     * Closes a cycle stopped before its last page because Camel is stopping (SIGTERM): what it sent
     * is recorded (delivered, or awaiting its JOOR job's confirmation), the watermark stays, so the
     * next cycle reads the same window again and sends what this one did not.
     */
    public String stopped(Exchange exchange) {
        Counters c = current;
        c.pending = pending();
        c.unconfirmed = state.unconfirmedCounts();
        c.stopped = true;
        lastSummary = summary(c, null);
        LOG.warn(lastSummary);
        MDC.remove(LOG_CYCLE_KEY);
        MDC.remove(LOG_SHOP_KEY);
        endRun(c.id);
        exchange.getMessage().setBody(lastSummary);
        return lastSummary;
    }

    /** Closes a failed cycle: the watermark stays, so the next cycle re-reads the same window. */
    public String fail(Exchange exchange) {
        Counters c = current;
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (c == null || !c.id.equals(exchange.getProperty("cycleId", String.class))) {
            // failed before the cycle opened (e.g. the state store could not be read)
            c = counters("-", new CycleWindow(null, clock.instant(), false));
        }
        try {
            c.pending = pending();
        } catch (RuntimeException storeDown) {
            // the state store may be why the cycle failed: the line goes out without the pending keys
        }
        lastSummary = summary(c, error == null ? "unknown"
                : SecretMask.mask(error.getClass().getSimpleName() + ": " + error.getMessage()));
        if (!c.webhooks) {
            history.ended(c.window.end(), clock.instant(), false);
        }
        LOG.error(lastSummary);
        MDC.remove(LOG_CYCLE_KEY);
        MDC.remove(LOG_SHOP_KEY);
        endRun(exchange.getProperty("cycleId", String.class));
        return lastSummary;
    }

    private PendingSubmissions pending() {
        PendingSubmissions pending = state.pendingAtDataServices();
        lastPending = pending;
        return pending;
    }

    public String lastSummary() {
        return lastSummary;
    }

    public String cycleId() {
        Counters c = current;
        return c == null ? null : c.id;
    }

    private String summary(Counters c, String error) {
        long seconds = Math.round(Duration.between(c.window.end(), clock.instant()).toMillis() / 1000.0);
        StringBuilder line = new StringBuilder(c.replay ? (error == null ? "REPLAY SUMMARY" : "REPLAY FAILED")
                : c.webhooks ? (error == null ? "WEBHOOK SUMMARY" : "WEBHOOK FAILED")
                : error != null ? "SYNC FAILED" : c.stopped ? "SYNC STOPPED" : "SYNC SUMMARY")
                .append(" cycle=").append(c.id);
        if (shopEntry != null) {
            line.append(" shop=").append(shopEntry);
        }
        if (c.webhooks) {
            line.append(" deliveries=").append(c.deliveries.get()).append(" left_for_cycle=").append(c.leftForCycle.get())
                    .append(" removed=").append(c.removed.get());
        }
        if (c.replay) {
            line.append(" replayed=").append(c.replayed.get()).append(" delivered=").append(c.replayDelivered);
        }
        line
                .append(" fetched=").append(c.fetched.get())
                .append(" eligible=").append(c.eligible.get())
                .append(" unchanged=").append(c.unchanged.get())
                .append(" joor_updated=").append(c.joorUpdated.get())
                .append(" data_services=").append(c.dataServices.get())
                .append(" dead_lettered=").append(c.deadLettered.get())
                .append(" shopify_points=").append(shopifyPoints.getAsLong() - c.shopifyPoints0)
                .append(" joor_credits=").append(joorCredits.getAsLong() - c.joorCredits0)
                .append(" seconds=").append(seconds)
                .append(" not_eligible=").append(c.notEligible.get())
                .append(" outside_window=").append(c.outsideWindow.get())
                .append(" joor_jobs=").append(jobs.posted())
                .append(" joor_jobs_unconfirmed=").append(jobs.unconfirmed())
                .append(" joor_failed_records=").append(jobs.failedRecords())
                .append(" shopify_throttled=").append(shopifyThrottled.getAsLong() - c.shopifyThrottled0)
                .append(" joor_429=").append(joor429.getAsLong() - c.joor4290)
                .append(" full_sweep=").append(c.window.fullSweep())
                .append(" untagged=").append(c.untagged.get())
                .append(" still_dead_lettered=").append(c.stillDeadLettered.get())
                .append(" now_known_to_joor=").append(c.promoted.get())
                .append(" repeated=").append(c.repeated.get());
        if (c.pending != null) {
            line.append(" pending_data_services=").append(c.pending.count()).append(" pending_oldest=")
                    .append(c.pending.oldestSince() == null ? "-" : c.pending.oldestSince().truncatedTo(ChronoUnit.SECONDS));
        }
        if (c.unconfirmed != null) {
            line.append(" joor_awaiting_confirmation=").append(c.unconfirmed.awaiting())
                    .append(" joor_resend_next=").append(c.unconfirmed.toResend())
                    .append(" joor_unreadable_answers=").append(c.joorUnreadableAnswers.get());
        }
        if (error != null) {
            line.append(" error=\"").append(error.replace('"', '\'')).append('"');
        }
        return line.toString();
    }

    /**
     * Customers of every cycle since the process started with this outcome (updated, data_services,
     * unchanged, not_eligible, outside_window, dead_lettered): the running cycle's counted live.
     */
    public long total(String outcome) {
        synchronized (finishedTotals) {
            Counters c = current;
            return finishedTotals.getOrDefault(outcome, 0L) + (c == null ? 0 : c.outcomes().getOrDefault(outcome, 0L));
        }
    }

    /** Completed and failed cycles: how many, how long, when the last one completed. */
    public CycleHistory history() {
        return history;
    }

    private static final class Counters {
        final String id;
        final CycleWindow window;
        final long shopifyPoints0;
        final long shopifyThrottled0;
        final long joorCredits0;
        final long joor4290;
        final AtomicLong fetched = new AtomicLong();
        final AtomicLong repeated = new AtomicLong();
        final AtomicLong eligible = new AtomicLong();
        final AtomicLong notEligible = new AtomicLong();
        final AtomicLong outsideWindow = new AtomicLong();
        final AtomicLong joorUpdated = new AtomicLong();
        final AtomicLong dataServices = new AtomicLong();
        final AtomicLong templateRows = new AtomicLong();
        final AtomicLong deadLettered = new AtomicLong();
        final AtomicLong unchanged = new AtomicLong();
        final AtomicLong untagged = new AtomicLong();
        final AtomicLong promoted = new AtomicLong();
        final AtomicLong stillDeadLettered = new AtomicLong();
        final AtomicLong replayed = new AtomicLong();
        volatile boolean replay;
        volatile boolean webhooks;
        final AtomicLong deliveries = new AtomicLong();
        final AtomicLong leftForCycle = new AtomicLong();
        final AtomicLong removed = new AtomicLong();
        volatile boolean stopped;
        volatile int replayDelivered;
        volatile PendingSubmissions pending;
        volatile UnconfirmedCounts unconfirmed;
        final AtomicLong joorUnreadableAnswers = new AtomicLong();
        volatile RuntimeException joorGaveUp;

        Counters(String id, CycleWindow window, long p, long t, long c, long r) {
            this.id = id;
            this.window = window;
            this.shopifyPoints0 = p;
            this.shopifyThrottled0 = t;
            this.joorCredits0 = c;
            this.joor4290 = r;
        }

        Map<String, Long> outcomes() {
            return Map.of("updated", joorUpdated.get(), "data_services", dataServices.get(), "unchanged",
                    unchanged.get(), "not_eligible", notEligible.get(), "outside_window", outsideWindow.get(),
                    "dead_lettered", deadLettered.get());
        }
    }
}
