package com.shopifyjoorsync.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.shopifyjoorsync.app.SyncApplication;
import com.shopifyjoorsync.sandbox.DemoData;

/**
 * Whole sync cycles, in this JVM, against the sandbox servers holding generated stores; prints one
 * {@code BENCH scenario=... n=...} line per run, then a table. Run it with {@code bench/run.sh}
 * (a forked JVM with -Xmx256m); {@code mvn verify} compiles it but never runs it. The sandboxes run
 * in one child JVM for the whole benchmark, a new store per run ({@link BenchStore}), so this JVM's
 * heap and CPU are the product's, and the sandboxes are warm from the second run on.
 *
 * <p>Arguments: scenarios to run, each optionally with its sizes ({@code unthrottled:1000,10000});
 * none = every scenario at its default sizes.
 */
public final class SyncBenchmark {
    static final long SEED = 20261128L;
    /** The JOOR credit window of the credit-bound scenarios: the real 300 credits, in 10 s instead of 300 s. */
    static final int JOOR_CREDITS = 300;
    static final Duration JOOR_SHORT_WINDOW = Duration.ofSeconds(10);
    static final int SHOPIFY_BUCKET = 2000;
    static final int SHOPIFY_RESTORE = 100;

    private static final Map<String, List<Integer>> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("unthrottled", List.of(1_000, 10_000, 100_000));
        DEFAULTS.put("shopify-standard", List.of(10_000));
        // the same, with customers lacking a phone or an address: Shopify charges less than it asks for
        DEFAULTS.put("shopify-sparse", List.of(10_000));
        // 66,667 customers: 30% tagged, half of them known = 10,000 known customers
        DEFAULTS.put("joor-credits", List.of(1_000, 66_667));
        DEFAULTS.put("no-change", List.of(100_000));
        DEFAULTS.put("naive-baseline", List.of(1_000));
        // the Data Services workbook alone: a cycle's working file to .xlsx, heap flat from 1,000 to 100,000 rows
        DEFAULTS.put("workbook", List.of(1_000, 100_000));
        DEFAULTS.put("webhooks", List.of(10_000));
        // a large store's first cycle on a Standard budget: read in bulk, and paged (-Dbench.bulk.paging=false: bulk only)
        DEFAULTS.put("bulk-initial", List.of(100_000));
        // -Dbench.shops (10) shops of n customers each on one node, every first cycle at once, vs one alone
        DEFAULTS.put("many-shops", List.of(10_000));
    }

    /**
     * Runs per scenario and size; the table shows the median run (by seconds), each BENCH line one
     * run. The CPU-bound scenario runs five times in this JVM, each with a new store and a new
     * application: the first runs also pay for the JIT compiling the product (C2 spent ~37 s of CPU
     * over two 100,000 runs), which a long-running sync pays once. The budget-bound ones are set by
     * the budgets, and run once.
     */
    private static final Map<String, Integer> REPEATS = Map.of("unthrottled", 5);
    /**
     * Runs before those, printed but not counted, so the median is the steady state of a sync that
     * has been running: at 100,000 the JIT compiler still spent 6 to 8 s of CPU in every 10 s over the
     * first four runs (H2's MVStore and Camel most), on the two cores the run also needs.
     */
    private static final int WARMUPS = 2;

    /** How often the heap run samples the live heap (a full collection each time). */
    static final long HEAP_SAMPLE_MS = Long.getLong("bench.live-sample-ms", 200);

    private final HeapWatch heap = new HeapWatch();
    private long samplePeriod = HEAP_SAMPLE_MS;
    private final CpuWatch cpu = new CpuWatch();
    private final List<BenchResult> results = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Map<String, List<Integer>> plan = plan(args);
        SyncBenchmark bench = new SyncBenchmark();
        System.out.printf("Benchmark: %s; max heap %d MB; %d cores%n", plan,
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        try {
            for (Map.Entry<String, List<Integer>> scenario : plan.entrySet()) {
                int repeat = Integer.getInteger("bench.repeat", REPEATS.getOrDefault(scenario.getKey(), 1));
                for (int n : scenario.getValue()) {
                    List<BenchResult> runs = new ArrayList<>();
                    // budget-bound runs are long and run once: a sample a second
                    bench.samplePeriod = repeat > 1 ? 0 : Math.max(HEAP_SAMPLE_MS, 1000);
                    int warmups = repeat > 1 ? Integer.getInteger("bench.warmups", WARMUPS) : 0;
                    for (int i = 1; i <= warmups + repeat; i++) {
                        BenchResult r = bench.run(scenario.getKey(), n);
                        if (i <= warmups) {
                            r.put("run", "warmup-" + i + "/" + warmups);
                        } else {
                            r.put("run", (i - warmups) + "/" + repeat);
                            runs.add(r);
                        }
                        System.out.println(r.line());
                    }
                    BenchResult median = median(runs);
                    if (repeat > 1) {
                        // the timed runs sampled the heap only at their end: one more run samples it throughout
                        bench.samplePeriod = HEAP_SAMPLE_MS;
                        BenchResult heapRun = bench.run(scenario.getKey(), n);
                        heapRun.put("run", "heap");
                        System.out.println(heapRun.line());
                        median.put("heap_peak_mb", heapRun.get("heap_peak_mb"));
                    }
                    bench.results.add(median);
                }
            }
        } finally {
            BenchStore.stopSandboxes();
        }
        System.out.println();
        System.out.print(BenchTable.render(bench.results));
        System.exit(0);
    }

    /** The run with the median seconds (each run has printed its own line). */
    static BenchResult median(List<BenchResult> runs) {
        List<BenchResult> sorted = new ArrayList<>(runs);
        sorted.sort(java.util.Comparator.comparingDouble(r -> Double.parseDouble(r.get("seconds"))));
        return sorted.get(sorted.size() / 2);
    }

    static Map<String, List<Integer>> plan(String[] args) {
        if (args.length == 0) {
            return DEFAULTS;
        }
        Map<String, List<Integer>> plan = new LinkedHashMap<>();
        for (String arg : args) {
            String[] parts = arg.split(":", 2);
            if (!DEFAULTS.containsKey(parts[0])) {
                throw new IllegalArgumentException("unknown scenario " + parts[0] + "; known: " + DEFAULTS.keySet());
            }
            plan.put(parts[0], parts.length == 1 ? DEFAULTS.get(parts[0])
                    : java.util.Arrays.stream(parts[1].split(",")).map(s -> Integer.parseInt(s.replace("_", ""))).toList());
        }
        return plan;
    }

    BenchResult run(String scenario, int n) throws Exception {
        return switch (scenario) {
            case "unthrottled" -> unthrottled(n);
            case "shopify-standard" -> shopifyStandard(n, false);
            case "shopify-sparse" -> shopifyStandard(n, true);
            case "joor-credits" -> joorCredits(n);
            case "no-change" -> noChange(n);
            case "naive-baseline" -> naiveBaseline(n);
            case "workbook" -> workbook(n);
            case "webhooks" -> webhooks(n);
            case "bulk-initial" -> bulkInitial(n);
            case "many-shops" -> manyShops(n);
            default -> throw new IllegalArgumentException(scenario);
        };
    }

    /**
     * A cycle's working file of {@code n} template rows (as the sync writes it: CSV, neutralised cells,
     * the default mapping's 17 columns) streamed into the workbook Data Services receives
     * (data-services.format=xlsx): its seconds, and the live heap sampled every 200 ms while it is written.
     */
    private BenchResult workbook(int n) throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("bench-workbook");
        java.nio.file.Path csv = dir.resolve("template-bench.csv");
        java.nio.file.Path xlsx = dir.resolve("template-bench.xlsx");
        try {
            List<String> columns = new ArrayList<>(com.shopifyjoorsync.dataservices.TemplateColumns.NAMES);
            columns.addAll(List.of("Payment Method", "Shipping Method", "Sales Rep", "Discount"));
            try (org.apache.commons.csv.CSVPrinter out = new org.apache.commons.csv.CSVPrinter(
                    java.nio.file.Files.newBufferedWriter(csv),
                    com.shopifyjoorsync.dataservices.TemplateFormat.writing(','))) {
                out.printRecord(columns);
                java.util.Random random = new java.util.Random(SEED);
                for (int i = 0; i < n; i++) {
                    long code = DemoData.FIRST_ID + i;
                    out.printRecord(Long.toString(code), "Boutique Zoë " + i + " & Co", (random.nextInt(900) + 1)
                            + " Rue Saint-Denis", i % 3 == 0 ? "Suite " + i % 50 : "", i % 2 == 0 ? "Montréal" : "東京",
                            i % 2 == 0 ? "QC" : "JP-13", String.format(java.util.Locale.ROOT, "%05d", i % 100_000),
                            i % 2 == 0 ? "CA" : "JP", "buyer" + i + "@store.example",
                            com.shopifyjoorsync.dataservices.CellNeutraliser.neutralise("+1 514 555 " + i % 10_000),
                            "Zoë Šimůnková " + i, "USD", "Wholesale USD", "", "", "", "");
                }
            }
            long base = HeapWatch.liveHeapNow();
            heap.reset();
            cpu.start();
            long t0 = System.nanoTime();
            heap.startLiveSampling(HEAP_SAMPLE_MS);
            com.shopifyjoorsync.dataservices.TemplateWorkbook.fromCsv(csv, ',', xlsx);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long livePeak = heap.stopLiveSampling();
            return new BenchResult("workbook", n).put("seconds", seconds).put("rows_per_s", n / seconds)
                    .put("csv_mb", java.nio.file.Files.size(csv) / 1048576.0)
                    .put("xlsx_mb", java.nio.file.Files.size(xlsx) / 1048576.0)
                    .put("cpu_s", cpu.processSeconds())
                    .put("heap_peak_mb", (livePeak - base) / 1048576.0).put("heap_base_mb", base / 1048576.0)
                    .put("gcs", heap.collections());
        } finally {
            java.nio.file.Files.deleteIfExists(csv);
            java.nio.file.Files.deleteIfExists(xlsx);
            java.nio.file.Files.deleteIfExists(dir);
        }
    }

    /**
     * Webhooks (issue 13): after a first cycle, up to 1,000 customers JOOR knows change at once in the
     * store, whose own signed customers/update deliveries go to the running sync's receiver; each is
     * timed from its change to its connection reaching JOOR. No rate limits; webhooks.linger 1s.
     */
    private BenchResult webhooks(int n) throws Exception {
        try (BenchStore store = new BenchStore(n, SEED).unlimited()) {
            int port;
            try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                port = free.getLocalPort();
            }
            Map<String, String> settings = new LinkedHashMap<>(store.settings);
            settings.put("webhooks.enabled", "true");
            settings.put("webhooks.secrets", store.shopifyClientSecret);
            settings.put("webhooks.linger", "1s");
            settings.put("camel.server.port", Integer.toString(port));
            try (SyncApplication app = SyncApplication.start(settings)) {
                SyncApplication.CycleResult first = app.runCycle();
                if (first.failed()) {
                    throw new IllegalStateException("setup cycle failed: " + first.summary(), first.error());
                }
                begin(store);
                long t0 = System.nanoTime();
                Map<String, String> burst = store.webhookBurst("http://127.0.0.1:" + port + "/shopify/webhooks",
                        Integer.getInteger("bench.webhooks.burst", 1_000));
                double seconds = (System.nanoTime() - t0) / 1e9;
                BenchResult r = new BenchResult("webhooks", n).put("seconds", seconds);
                burst.forEach(r::put);
                return r.put("cpu_s", cpu.processSeconds());
            }
        }
    }

    /**
     * What one node carries: {@code -Dbench.shops} (10) stores of n customers each, each posting to a
     * JOOR account of its own, no rate limit anywhere (the APIs' budgets are per shop and per account:
     * a node adds none). First the first store's first cycle alone, then every store's first cycle at
     * once in one deployment (shops=s1,...), from a fresh state: each shop's seconds against alone.
     */
    private BenchResult manyShops(int n) throws Exception {
        int shops = Integer.getInteger("bench.shops", 10);
        try (BenchStore store = new BenchStore(n, SEED, false, shops).unlimited()) {
            double alone;
            try (SyncApplication app = SyncApplication.start(store.settings)) {
                long t0 = System.nanoTime();
                SyncApplication.CycleResult result = app.runCycle();
                alone = (System.nanoTime() - t0) / 1e9;
                if (result.failed()) {
                    throw new IllegalStateException("many-shops alone failed: " + result.summary(), result.error());
                }
            }
            Map<String, String> settings = new LinkedHashMap<>(store.settings);
            java.nio.file.Path together = java.nio.file.Files.createDirectories(store.dir.resolve("together"));
            settings.putAll(com.shopifyjoorsync.sandbox.SandboxSettings.runningIn(together));
            List<String> names = new ArrayList<>();
            for (int i = 0; i < shops; i++) {
                String name = "s" + (i + 1);
                names.add(name);
                Map<String, String> own = store.stores.get(i);
                for (String key : List.of("shopify.base-url", "shopify.access-token", "joor.api-url", "joor.api-token")) {
                    settings.put("shops." + name + "." + key, own.get(key));
                }
                settings.put("shops." + name + ".shopify.shop", "bench-" + name);
            }
            settings.put("shops", String.join(",", names));
            long base = HeapWatch.liveHeapNow();
            begin(store);
            BenchResult r = new BenchResult("many-shops", n);
            try (com.shopifyjoorsync.app.SyncShops deployment = com.shopifyjoorsync.app.SyncShops.start(settings, names)) {
                long t0 = System.nanoTime();
                heap.startLiveSampling(samplePeriod);
                List<SyncApplication.CycleResult> results = deployment.runCycles();
                double seconds = (System.nanoTime() - t0) / 1e9;
                long livePeak = heap.stopLiveSampling();
                List<Long> each = new ArrayList<>();
                long eligible = 0;
                long updated = 0;
                for (SyncApplication.CycleResult result : results) {
                    if (result.failed()) {
                        throw new IllegalStateException("many-shops failed: " + result.summary(), result.error());
                    }
                    each.add(value(result.summary(), "seconds"));
                    eligible += value(result.summary(), "eligible");
                    updated += value(result.summary(), "joor_updated");
                }
                java.util.Collections.sort(each);
                r.put("shops", shops).put("seconds", seconds).put("alone_s", alone)
                        .put("shop_median_s", each.get(each.size() / 2)).put("shop_max_s", each.get(each.size() - 1))
                        .put("slowest_vs_alone", seconds / alone)
                        .put("customers_per_s", eligible / seconds).put("eligible", eligible).put("joor_updated", updated);
                counters(r, store.stats(), updated);
                r.put("cpu_s", cpu.processSeconds()).put("heap_peak_mb", (livePeak - base) / 1048576.0)
                        .put("heap_base_mb", base / 1048576.0).put("gcs", heap.collections());
            }
            return r;
        }
    }

    /** One first cycle with no rate limit anywhere: what the pipeline itself costs. */
    private BenchResult unthrottled(int n) throws Exception {
        try (BenchStore store = new BenchStore(n, SEED).unlimited()) {
            return measure("unthrottled", store, store.settings);
        }
    }

    /**
     * One first cycle against Shopify's Standard bucket (2000 points, 100/s); JOOR unlimited.
     * {@code seconds_over_min}: the cycle's time over the true minimum, (actual points − bucket) /
     * restore rate. {@code sparse}: no customer has a phone and every other one no address
     * ({@link BenchStore#SPARSE}), so a page's actual cost is well below its requested cost.
     */
    private BenchResult shopifyStandard(int n, boolean sparse) throws Exception {
        try (BenchStore store = new BenchStore(n, SEED, sparse).unlimited()) {
            store.shopifyBucket(SHOPIFY_BUCKET, SHOPIFY_RESTORE);
            BenchResult r = measure(sparse ? "shopify-sparse" : "shopify-standard", store, store.settings);
            long points = Long.parseLong(r.get("shopify_points"));
            double min = Math.max(0, (points - SHOPIFY_BUCKET) / (double) SHOPIFY_RESTORE);
            r.put("min_seconds", min);
            r.put("seconds_over_min", min > 0 ? Double.parseDouble(r.get("seconds")) / min : Double.NaN);
            return r;
        }
    }

    /**
     * A store's first cycle on Shopify's Standard bucket (JOOR unlimited), read by a bulk operation
     * (the default shopify.bulk-threshold), and the same store paged (threshold 0) in the same run:
     * {@code paging_seconds}, and {@code paging_min_seconds} from paging's actual points.
     */
    private BenchResult bulkInitial(int n) throws Exception {
        Double pagingSeconds = null;
        Double pagingMin = null;
        if (Boolean.parseBoolean(System.getProperty("bench.bulk.paging", "true"))) {
            try (BenchStore store = new BenchStore(n, SEED).unlimited()) {
                store.shopifyBucket(SHOPIFY_BUCKET, SHOPIFY_RESTORE);
                BenchResult paging = measure("bulk-initial-paging", store, store.settings);
                System.out.println(paging.line());
                pagingSeconds = Double.parseDouble(paging.get("seconds"));
                pagingMin = Math.max(0, (Long.parseLong(paging.get("shopify_points")) - SHOPIFY_BUCKET) / (double) SHOPIFY_RESTORE);
            }
        }
        try (BenchStore store = new BenchStore(n, SEED).unlimited()) {
            store.shopifyBucket(SHOPIFY_BUCKET, SHOPIFY_RESTORE);
            Map<String, String> settings = new LinkedHashMap<>(store.settings);
            // the product's default, or -Dbench.bulk.threshold (a smaller store read in bulk too)
            settings.remove("shopify.bulk-threshold");
            if (System.getProperty("bench.bulk.threshold") != null) {
                settings.put("shopify.bulk-threshold", System.getProperty("bench.bulk.threshold"));
            }
            BenchResult r = measure("bulk-initial", store, settings);
            if (pagingSeconds != null) {
                r.put("paging_seconds", pagingSeconds).put("paging_min_seconds", pagingMin)
                        .put("paging_over_bulk", pagingSeconds / Double.parseDouble(r.get("seconds")));
            }
            return r;
        }
    }

    /**
     * Every customer JOOR knows changed since the last cycle; JOOR's budget at its real ratio (300
     * credits a window) with the window shortened to 10 s. The first cycle (unmeasured, no limits)
     * delivers the store; then each known customer's address changes in Shopify.
     */
    private BenchResult joorCredits(int n) throws Exception {
        try (BenchStore store = new BenchStore(n, SEED).unlimited()) {
            firstCycle(store);
            int changed = store.changeKnownAddresses();
            store.joorCredits(JOOR_CREDITS, JOOR_SHORT_WINDOW);
            Map<String, String> settings = new LinkedHashMap<>(store.settings);
            settings.put("joor.credits-per-window", Integer.toString(JOOR_CREDITS));
            settings.put("joor.credit-window", JOOR_SHORT_WINDOW.toSeconds() + "s");
            BenchResult r = measure("joor-credits", store, settings);
            r.put("known_changed", changed);
            r.put("credit_window", JOOR_CREDITS + "/" + JOOR_SHORT_WINDOW.toSeconds() + "s");
            return r;
        }
    }

    /** A second cycle over an unchanged store, at the real limits (Shopify Standard, JOOR 300 per 300 s). */
    private BenchResult noChange(int n) throws Exception {
        try (BenchStore store = new BenchStore(n, SEED).unlimited()) {
            firstCycle(store);
            store.shopifyBucket(SHOPIFY_BUCKET, SHOPIFY_RESTORE);
            store.joorCredits(JOOR_CREDITS, Duration.ofSeconds(300));
            Map<String, String> settings = new LinkedHashMap<>(store.settings);
            settings.remove("joor.credits-per-window");
            settings.remove("joor.credit-window");
            return measure("no-change", store, settings);
        }
    }

    /** The per-customer lookup + single POST strategy, at the same JOOR credit window as joor-credits. */
    private BenchResult naiveBaseline(int n) throws Exception {
        try (BenchStore store = new BenchStore(n, SEED).unlimited()) {
            store.joorCredits(JOOR_CREDITS, JOOR_SHORT_WINDOW);
            NaiveJoorSync naive = new NaiveJoorSync(store.shopifyGraphqlUrl, store.shopifyToken,
                    store.joorApiUrl, store.joorToken, JOOR_CREDITS, JOOR_SHORT_WINDOW, DemoData.EXPORTED_TAGS);
            long base = HeapWatch.liveHeapNow();
            begin(store);
            long t0 = System.nanoTime();
            heap.startLiveSampling(samplePeriod);
            naive.run(DemoData.EXPORTED_TAGS);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long livePeak = heap.stopLiveSampling();
            BenchResult r = new BenchResult("naive-baseline", n);
            r.put("seconds", seconds).put("customers_per_s", naive.eligible / seconds)
                    .put("eligible", naive.eligible).put("joor_updated", naive.updated)
                    .put("data_services", naive.unknown);
            counters(r, store.stats(), naive.updated);
            r.put("cpu_s", cpu.processSeconds());
            r.put("heap_peak_mb", (livePeak - base) / 1048576.0).put("heap_base_mb", base / 1048576.0);
            r.put("credit_window", JOOR_CREDITS + "/" + JOOR_SHORT_WINDOW.toSeconds() + "s");
            return r;
        }
    }

    private void firstCycle(BenchStore store) throws Exception {
        try (SyncApplication app = SyncApplication.start(store.settings)) {
            SyncApplication.CycleResult first = app.runCycle();
            if (first.failed()) {
                throw new IllegalStateException("setup cycle failed: " + first.summary(), first.error());
            }
        }
    }

    private void begin(BenchStore store) {
        store.resetStats();
        heap.reset();
        cpu.start();
    }

    /** Starts the application on these settings, runs one measured cycle, and reads every counter. */
    private BenchResult measure(String scenario, BenchStore store, Map<String, String> settings) throws Exception {
        long base = HeapWatch.liveHeapNow();
        begin(store);
        BenchResult r = new BenchResult(scenario, store.n);
        try (SyncApplication app = SyncApplication.start(settings)) {
            Map<Long, Long> threadsAtStart = cpu.allThreads();
            long t0 = System.nanoTime();
            long cpu0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            SyncApplication.CycleResult result;
            heap.startLiveSampling(samplePeriod);
            try (StackSampler sampler = StackSampler.ofCurrentThread()) {
                result = app.runCycle();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cycleCpu = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e9;
            long livePeak = heap.stopLiveSampling();
            histogram(scenario + "-" + store.n);
            if (Boolean.getBoolean("bench.threads")) {
                System.out.println("threads' CPU seconds in the cycle: " + cpu.busiestThreads(threadsAtStart));
            }
            if (result.failed()) {
                throw new IllegalStateException(scenario + " n=" + store.n + " failed: " + result.summary(), result.error());
            }
            String summary = result.summary();
            long eligible = value(summary, "eligible");
            long updated = value(summary, "joor_updated");
            r.put("seconds", seconds).put("customers_per_s", eligible / seconds)
                    .put("fetched", value(summary, "fetched")).put("eligible", eligible)
                    .put("unchanged", value(summary, "unchanged")).put("joor_updated", updated)
                    .put("data_services", value(summary, "data_services"))
                    .put("dead_lettered", value(summary, "dead_lettered"));
            counters(r, store.stats(), updated);
            r.put("cpu_s", cpu.processSeconds()).put("cycle_thread_cpu_s", cycleCpu);
            r.put("heap_peak_mb", (livePeak - base) / 1048576.0).put("heap_base_mb", base / 1048576.0)
                    .put("gcs", heap.collections());
        }
        // what the product still holds once it has stopped (the sandboxes are in their own JVM)
        r.put("heap_left_mb", (HeapWatch.liveHeapNow() - base) / 1048576.0);
        return r;
    }

    /** The sandboxes' counters, and their JVM's CPU and live heap (read there, at the end of the run). */
    private static void counters(BenchResult r, BenchStore.Stats s, long updated) {
        r.put("shopify_requests", s.shopifyRequests())
                .put("shopify_points", s.shopifyPoints())
                .put("throttled", s.throttled())
                .put("joor_requests", s.joorRequests())
                .put("joor_credits", s.joorCredits())
                .put("credits_per_updated_customer", updated == 0 ? Double.NaN : s.joorCredits() / (double) updated)
                .put("http_429", s.http429())
                .put("joor_posts", s.joorPosts())
                .put("sandbox_cpu_s", s.cpuSeconds())
                .put("sandbox_heap_mb", s.heapBytes() / 1048576.0);
    }

    /** With -Dbench.histogram=DIR: the live objects by class once the cycle is done (the application still up). */
    private static void histogram(String name) throws Exception {
        String dir = System.getProperty("bench.histogram");
        if (dir == null) {
            return;
        }
        Object text = java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(
                new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(dir));
        java.nio.file.Files.writeString(java.nio.file.Path.of(dir, "histogram-" + name + "-" + System.nanoTime() + ".txt"),
                String.valueOf(text));
    }

    private static long value(String summary, String key) {
        Matcher m = Pattern.compile(" " + key + "=(\\d+)").matcher(summary);
        if (!m.find()) {
            throw new IllegalStateException("no " + key + " in " + summary);
        }
        return Long.parseLong(m.group(1));
    }
}
