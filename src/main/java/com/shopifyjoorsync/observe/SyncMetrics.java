package com.shopifyjoorsync.observe;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

import com.shopifyjoorsync.app.CycleHistory;
import com.shopifyjoorsync.state.PendingSubmissions;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;

/**
 * The product's Prometheus metrics, all named sjs_*: customers per outcome, Shopify points and
 * THROTTLED answers, JOOR credits and 429s, cycle durations, the last completed cycle, dead letters
 * waiting, JOOR's known-code index (its size, and whether it was refused), customers waiting at Data
 * Services and for how long the oldest. Every meter reads totals the cycle and the pacers keep, so nothing is counted twice and a
 * scrape costs nothing. Bound once Camel has started, to whatever Micrometer registry Camel has
 * (camel-micrometer-prometheus's, or the host's): without one there are no metrics and no cost.
 */
public final class SyncMetrics implements MeterBinder, ExtendedStartupListener {
    /** The outcomes of sjs_customers_total, as SyncCycle#total names them. */
    public static final List<String> OUTCOMES = List.of("updated", "data_services", "unchanged", "not_eligible",
            "outside_window", "dead_lettered");

    /**
     * How a bulk read ended: its file routed, nothing matched, the window paged instead, or a file
     * short of what Shopify counted (the cycle failed).
     */
    public static final List<String> BULK_OUTCOMES = List.of("file", "empty", "paging", "incomplete");

    /** Where the numbers come from. */
    public interface Sources {
        long customers(String outcome);

        CycleHistory cycles();

        long shopifyPoints();

        long shopifyThrottled();

        long joorCredits();

        long joorRateLimited();

        /** JOOR credits that could be spent now, by this process or another on the state store. */
        long joorCreditsAvailable();

        /** Dead letters waiting, or -1 when the dead-letter endpoint cannot be counted. */
        long deadLettersWaiting();

        /** Customer codes in JOOR's connection list when last read whole, or -1 before. */
        long joorIndexCodes();

        /** Customer codes of the last index routed on, or -1 when unknown. */
        long joorIndexLastGood();

        /** True while the last index read was refused (not routed on). */
        boolean joorIndexRefused();

        /** Customers pending at Data Services as the last cycle ended, or null before the first. */
        PendingSubmissions pendingAtDataServices();

        /** Webhook deliveries stored and not processed yet. */
        long webhooksWaiting();

        /** Customers Shopify deleted or merged away, as webhooks told. */
        long removedCustomers();

        /** Windows read by a Shopify bulk operation since start, per outcome ({@link #BULK_OUTCOMES}). */
        long shopifyBulkReads(String outcome);

        /** Now, to age the oldest pending customer. */
        default Instant now() {
            return Instant.now();
        }
    }

    private final Sources sources;
    private final Set<MeterRegistry> bound = ConcurrentHashMap.newKeySet();

    /** No tag with one shop; {@code shop=<entry>} on every meter when a deployment runs several (shops=...). */
    private final Tags shop;

    public SyncMetrics(Sources sources) {
        this(sources, null);
    }

    /** @param shopEntry the entry of shops this context serves, null when there is one shop */
    public SyncMetrics(Sources sources, String shopEntry) {
        this.sources = sources;
        this.shop = shopEntry == null ? Tags.empty() : Tags.of("shop", shopEntry);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (!bound.add(registry)) {
            return;
        }
        for (String outcome : OUTCOMES) {
            FunctionCounter.builder("sjs.customers", sources, s -> s.customers(outcome))
                    .description("Customers per outcome since start (updated = sent to JOOR in an accepted batch)")
                    .tag("outcome", outcome).tags(shop).register(registry);
        }
        for (String outcome : BULK_OUTCOMES) {
            FunctionCounter.builder("sjs.shopify.bulk.reads", sources, s -> s.shopifyBulkReads(outcome))
                    .description("Windows read by a Shopify bulk operation (paging: it fell back to pages, the log says why)")
                    .tag("outcome", outcome).tags(shop).register(registry);
        }
        counter(registry, "sjs.shopify.points", "Shopify cost points spent (actualQueryCost)", Sources::shopifyPoints);
        counter(registry, "sjs.shopify.throttled", "THROTTLED answers from Shopify", Sources::shopifyThrottled);
        counter(registry, "sjs.joor.credits", "JOOR credits spent (GET 1, POST 5)", Sources::joorCredits);
        counter(registry, "sjs.joor.rate.limited", "HTTP 429 answers from JOOR", Sources::joorRateLimited);
        Gauge.builder("sjs.webhooks.waiting", sources, Sources::webhooksWaiting)
                .description("Shopify webhook deliveries stored and not processed yet").strongReference(true).tags(shop).register(registry);
        Gauge.builder("sjs.shopify.removed.customers", sources, Sources::removedCustomers)
                .description("Customers Shopify deleted or merged away, as its webhooks told (JOOR keeps their connections)")
                .strongReference(true).tags(shop).register(registry);
        Gauge.builder("sjs.joor.credits.available", sources, Sources::joorCreditsAvailable)
                .description("JOOR credits that could be spent now (0 while a 429 pause lasts): a budget others"
                        + " spend shows here").strongReference(true).tags(shop).register(registry);
        for (boolean completed : new boolean[] {true, false}) {
            FunctionTimer.builder("sjs.cycle.duration", sources, s -> s.cycles().count(completed),
                    s -> s.cycles().seconds(completed), TimeUnit.SECONDS)
                    .description("Sync cycles and the time they took")
                    .tag("outcome", completed ? "completed" : "failed").tags(shop).register(registry);
        }
        Gauge.builder("sjs.cycle.last.success", sources, s -> epochSeconds(s.cycles().lastCompletedAt()))
                .description("When the last completed cycle ended (Unix time; NaN before the first)")
                .baseUnit("timestamp_seconds").strongReference(true).tags(shop).register(registry);
        Gauge.builder("sjs.cycle.last.duration", sources,
                s -> s.cycles().lastDuration() == null ? Double.NaN : s.cycles().lastDuration().toMillis() / 1000.0)
                .description("How long the last cycle took").baseUnit("seconds").strongReference(true).tags(shop).register(registry);
        Gauge.builder("sjs.dead.letters.waiting", sources, s -> {
            long n = s.deadLettersWaiting();
            return n < 0 ? Double.NaN : n;
        }).description("Dead-letter records waiting in the dead-letter folder").strongReference(true).tags(shop).register(registry);
        Gauge.builder("sjs.joor.index.codes", sources, s -> orNaN(s.joorIndexCodes()))
                .description("Customer codes in JOOR's connection list when last read whole (NaN before)")
                .strongReference(true).tags(shop).register(registry);
        Gauge.builder("sjs.joor.index.last.good.codes", sources, s -> orNaN(s.joorIndexLastGood()))
                .description("Customer codes of the last known-code index routed on (NaN when unknown)")
                .strongReference(true).tags(shop).register(registry);
        Gauge.builder("sjs.joor.index.refused", sources, s -> s.joorIndexRefused() ? 1 : 0)
                .description("1 while JOOR's connection list is refused (no list node, empty or shrunk): cycles fail")
                .strongReference(true).tags(shop).register(registry);
        Gauge.builder("sjs.data.services.pending", sources, s -> s.pendingAtDataServices() == null ? Double.NaN
                : s.pendingAtDataServices().count())
                .description("Customers sent to Data Services (the endpoint accepted the file) and not yet in JOOR,"
                        + " as the last cycle ended (NaN before)")
                .strongReference(true).tags(shop).register(registry);
        Gauge.builder("sjs.data.services.pending.oldest.age", sources, SyncMetrics::oldestPendingAge)
                .description("How long the oldest customer pending at Data Services has waited (0 when none, NaN"
                        + " before the first cycle)")
                .baseUnit("seconds").strongReference(true).tags(shop).register(registry);
    }

    private static double oldestPendingAge(Sources s) {
        PendingSubmissions pending = s.pendingAtDataServices();
        if (pending == null) {
            return Double.NaN;
        }
        return pending.oldestSince() == null ? 0 : Math.max(0, s.now().toEpochMilli() - pending.oldestSince().toEpochMilli()) / 1000.0;
    }

    // Micrometer holds a meter's state object weakly: it must be `sources`, which this binder keeps.
    private void counter(MeterRegistry registry, String name, String description, ToLongFunction<Sources> value) {
        FunctionCounter.builder(name, sources, value::applyAsLong).description(description).tags(shop).register(registry);
    }

    private static double orNaN(long n) {
        return n < 0 ? Double.NaN : n;
    }

    private static double epochSeconds(Instant at) {
        return at == null ? Double.NaN : at.toEpochMilli() / 1000.0;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // wait for fully started: the metrics service has made its registry by then
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        context.getRegistry().findByType(MeterRegistry.class).forEach(this::bindTo);
    }
}
