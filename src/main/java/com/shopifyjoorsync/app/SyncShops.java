package com.shopifyjoorsync.app;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.MeterRegistry;

import com.shopifyjoorsync.observe.SyncMetrics;

import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Several shops in one process ({@code shops=eu,us}): a {@link SyncApplication} per entry, each its
 * own Camel context built from the same routes/ and configuration with {@code sync.shop} naming its
 * entry, so a shop's cycles, timer, threads, pacers and retries are its own and one shop's failure or
 * slowness never holds another up. Every shop starts before any timer does, so a wrong setting of any
 * shop stops the start before anything is sent, with every shop's problems named. The first shop's
 * management server serves them all: a readiness check per shop ({@code sjs-shop-<name>}), and the
 * sjs_* metrics of every shop with a {@code shop} label.
 */
public final class SyncShops implements AutoCloseable {
    /** A camel-quartz option: the timers wait until every shop has started. */
    private static final String HOLD_TIMERS = "camel.component.quartz.auto-start-scheduler";

    /** One shop's entry and its application. */
    public record Shop(String name, SyncApplication app) {
        SyncSettings settings() {
            return app.context().getRegistry().lookupByNameAndType("sjsSettings", SyncSettings.class);
        }
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("shopify-joor-sync.shops");

    private final List<Shop> shops;

    private SyncShops(List<Shop> shops) {
        this.shops = List.copyOf(shops);
    }

    public List<Shop> shops() {
        return shops;
    }

    /**
     * Starts every shop of {@code names}, then their timers.
     *
     * @throws ConfigurationException naming every wrong setting of every shop, and what collides between them
     */
    public static SyncShops start(Map<String, String> overrides, List<String> names) throws Exception {
        warnIfTheHeapIsSmall(names.size(), Runtime.getRuntime().maxMemory());
        List<Shop> started = new ArrayList<>();
        List<String> problems = new ArrayList<>(receiverPorts(overrides, names));
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        for (String name : names) {
            Map<String, String> shop = new LinkedHashMap<>(overrides);
            shop.put(Shops.THIS, name);
            shop.put("camel.main.name", "shopify-joor-sync-" + name);
            if (!started.isEmpty() || !problems.isEmpty()) {
                // one management server, the first shop's, serves every shop's health and metrics
                shop.put("camel.management.enabled", "false");
            }
            shop.put(HOLD_TIMERS, "false");
            // what camel-main reads before the configuration makes the shop's settings the context's
            for (String key : Shops.READ_BY_CAMEL_MAIN) {
                Setting.lookup("shops." + name + "." + key, overrides).ifPresent(v -> shop.put(key, v));
            }
            try {
                started.add(new Shop(name, SyncApplication.start(shop)));
            } catch (Exception e) {
                ConfigurationException config = SyncApplication.configurationProblem(e);
                if (config == null) {
                    closeAll(started);
                    throw e;
                }
                problems.addAll(config.problems());
            }
        }
        problems.addAll(collisions(started));
        if (!problems.isEmpty()) {
            closeAll(started);
            throw new ConfigurationException(problems);
        }
        SyncShops deployment = new SyncShops(started);
        deployment.monitorFromTheFirst();
        deployment.startTimers();
        return deployment;
    }

    /** Live heap a shop's first cycle of 10,000 customers held beside the others (bench/README.md, many-shops). */
    static final long HEAP_PER_SHOP = 35L << 20;

    /** The shops' timers fire together at start: a heap too small for their first cycles at once is said. */
    static boolean warnIfTheHeapIsSmall(int shops, long maxHeap) {
        long wanted = shops * HEAP_PER_SHOP + (64L << 20);
        if (maxHeap >= wanted) {
            return false;
        }
        LOG.warn("{} shops with a maximum heap of {} MB: their cycles run at once and a large first cycle holds some"
                + " 35 MB each; give the JVM -Xmx{}m or more (bench/README.md, many-shops)", shops, maxHeap >> 20,
                wanted >> 20);
        return true;
    }

    /**
     * What two shops may not share: the store (its Customer Codes would go to JOOR twice), a JOOR
     * account's price label (one label is one currency), the dead-letter and work folders.
     */
    static List<String> collisions(List<Shop> shops) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < shops.size(); i++) {
            for (int j = i + 1; j < shops.size(); j++) {
                Shop a = shops.get(i);
                Shop b = shops.get(j);
                SyncSettings x = a.settings();
                SyncSettings y = b.settings();
                String both = "shops." + a.name() + " and shops." + b.name();
                if (Objects.equals(x.shopKey(), y.shopKey())) {
                    problems.add(both + " are the same Shopify store (" + x.shopKey() + "): one entry per store, or"
                            + " its customers' codes would reach JOOR from two entries");
                }
                if (Objects.equals(x.joorApiUrl(), y.joorApiUrl()) && Objects.equals(x.joorApiToken(), y.joorApiToken())
                        && Objects.equals(x.joorPriceLabel(), y.joorPriceLabel())) {
                    problems.add(both + " post to the same JOOR account with the same price label ("
                            + x.joorPriceLabel() + "): a price label is one currency, each store needs its own"
                            + " (shops.<name>.joor.price-label)");
                }
                if (Objects.equals(x.deadLetterUri(), y.deadLetterUri())) {
                    problems.add(both + " share sync.dead-letter-uri=" + x.deadLetterUri() + ": a replay would send"
                            + " one shop's customers with the other's settings; give each its own");
                }
                if (Objects.equals(x.workDir(), y.workDir())) {
                    problems.add(both + " share sync.work-dir=" + x.workDir() + ": give each its own");
                }
            }
        }
        return problems;
    }

    /**
     * Shops whose webhook receivers would listen on one port (checked before any starts: the second
     * could not listen). Port 0 is any free port, each its own.
     */
    static List<String> receiverPorts(Map<String, String> overrides, List<String> names) {
        Map<String, String> byPort = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            boolean receives = own(name, "webhooks.enabled", overrides).map(Boolean::parseBoolean).orElse(false);
            String port = own(name, Shops.SERVER_PORT, overrides)
                    .orElse(SettingsCatalog.get(Shops.SERVER_PORT).defaultValue());
            if (!receives || port.equals("0")) {
                continue;
            }
            String other = byPort.putIfAbsent(port, name);
            if (other != null) {
                problems.add("shops." + other + " and shops." + name + " receive webhooks on the same camel.server.port="
                        + port + ": give each its own (shops.<name>.camel.server.port)");
            }
        }
        return problems;
    }

    /** The shop's own value of a setting, else the top-level one. */
    private static java.util.Optional<String> own(String shop, String key, Map<String, String> overrides) {
        java.util.Optional<String> own = Setting.lookup("shops." + shop + "." + key, overrides);
        return own.isPresent() ? own : Setting.lookup(key, overrides);
    }

    /** The first shop's management server: a readiness check per shop, every shop's sjs_* metrics. */
    private void monitorFromTheFirst() {
        CamelContext first = shops.get(0).app().context();
        HealthCheckRegistry health = HealthCheckRegistry.get(first);
        Collection<MeterRegistry> registries = first.getRegistry().findByType(MeterRegistry.class);
        for (Shop shop : shops) {
            if (health != null) {
                health.register(new ShopReadiness(shop.name(), shop.app().context()));
            }
            if (shop != shops.get(0)) {
                for (SyncMetrics metrics : shop.app().context().getRegistry().findByType(SyncMetrics.class)) {
                    registries.forEach(metrics::bindTo);
                }
            }
        }
    }

    private void startTimers() throws Exception {
        for (Shop shop : shops) {
            CamelContext context = shop.app().context();
            QuartzComponent quartz = context.hasComponent("quartz") instanceof QuartzComponent q ? q : null;
            if (quartz != null && quartz.getScheduler() != null && !quartz.getScheduler().isStarted()) {
                quartz.getScheduler().start();
            }
        }
    }

    /** One cycle of every shop at once (--once): each shop's result, in the order of shops. */
    public List<SyncApplication.CycleResult> runCycles() throws InterruptedException {
        ExecutorService threads = Executors.newFixedThreadPool(shops.size(), r -> {
            Thread t = new Thread(r, "shopify-joor-sync-once");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<SyncApplication.CycleResult>> runs = new ArrayList<>();
            for (Shop shop : shops) {
                runs.add(threads.submit(() -> shop.app().runCycle()));
            }
            List<SyncApplication.CycleResult> results = new ArrayList<>();
            for (Future<SyncApplication.CycleResult> run : runs) {
                try {
                    results.add(run.get());
                } catch (ExecutionException e) {
                    results.add(new SyncApplication.CycleResult(null, true, e.getCause(), false));
                }
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    /** Blocks until every shop has stopped (SIGTERM, Ctrl-C). */
    public void awaitStopped() throws InterruptedException {
        for (Shop shop : shops) {
            shop.app().awaitStopped();
        }
    }

    /** Stops every shop at once: each stops its cycle at a batch boundary, as one shop alone does. */
    @Override
    public void close() {
        closeAll(shops);
    }

    private static void closeAll(List<Shop> shops) {
        List<Thread> stopping = new ArrayList<>();
        RuntimeException failed = null;
        for (Shop shop : shops) {
            Thread t = new Thread(shop.app()::close, "shopify-joor-sync-stop-" + shop.name());
            t.start();
            stopping.add(t);
        }
        for (Thread t : stopping) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed = new IllegalStateException("Interrupted while the shops stopped", e);
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    /** A shop's readiness on the first shop's server: DOWN while any readiness check of its context is. */
    static final class ShopReadiness extends AbstractHealthCheck {
        private final CamelContext shop;

        ShopReadiness(String name, CamelContext shop) {
            super("sjs", "sjs-shop-" + name);
            this.shop = shop;
        }

        @Override
        public boolean isLiveness() {
            return false;
        }

        @Override
        protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
            List<String> down = new ArrayList<>();
            HealthCheckRegistry checks = HealthCheckRegistry.get(shop);
            // the shop checks themselves are left out (the first shop's context holds them all)
            for (HealthCheck check : checks == null ? List.<HealthCheck>of()
                    : checks.stream().filter(c -> c.isEnabled() && c.isReadiness() && !c.getId().startsWith("sjs-shop-"))
                            .toList()) {
                HealthCheck.Result r = check.callReadiness();
                if (r.getState() == HealthCheck.State.DOWN) {
                    down.add(r.getCheck().getId() + r.getMessage().map(m -> ": " + m).orElse(""));
                }
            }
            builder.detail("context", shop.getName());
            if (down.isEmpty()) {
                builder.up();
            } else {
                builder.message(String.join("; ", down)).down();
            }
        }
    }
}
