package com.shopifyjoorsync.bench;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shopifyjoorsync.sandbox.DemoData;
import com.shopifyjoorsync.sandbox.JoorSandbox;
import com.shopifyjoorsync.sandbox.SandboxCustomer;
import com.shopifyjoorsync.sandbox.SandboxSettings;
import com.shopifyjoorsync.sandbox.ShopifySandbox;

/**
 * The two sandbox servers of the benchmark, in a JVM of their own (started once per benchmark by
 * {@link BenchStore}), so that the benchmark JVM's heap and CPU are the product's and not the
 * sandboxes'. The JVM lives for the whole benchmark, so from the second store on the sandboxes run
 * warm (JIT-compiled, schema loaded), as they did in the benchmark's JVM before.
 *
 * <p>It reads one command a line on stdin and answers each with one line. {@code open <n> <seed>}
 * closes the current store if there is one, collects it, generates the new one, starts both
 * sandboxes and answers {@code READY <json>} (the product's settings, the URLs and tokens, the
 * counts); {@code close} closes the current store; every other command is about the current store
 * and is answered {@code OK ...}; an error is {@code ERR message}. Stdout carries nothing else:
 * {@code System.out} is pointed at stderr, which the parent appends to
 * {@code target/bench/sandboxes.log}. {@code quit}, or the end of stdin (the parent gone), ends it.
 */
public final class BenchSandboxes {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final ShopifySandbox shopify;
    private final JoorSandbox joor;
    private final List<String> knownCodes;
    /** Every store's servers, the first one's above included (many-shops: a pair per shop). */
    private final List<ShopifySandbox> shopifies;
    private final List<JoorSandbox> joors;
    private long cpuAtReset;

    private BenchSandboxes(List<ShopifySandbox> shopifies, List<JoorSandbox> joors, List<String> knownCodes) {
        this.shopify = shopifies.get(0);
        this.joor = joors.get(0);
        this.shopifies = shopifies;
        this.joors = joors;
        this.knownCodes = knownCodes;
        this.cpuAtReset = OS.getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        // the protocol owns the real stdout; anything printed or logged to the console goes to stderr
        PrintStream replies = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        System.err.printf("sandboxes' JVM, pid %d%n", ProcessHandle.current().pid());
        BenchSandboxes current = null;
        try {
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = commands.readLine()) != null) {
                String[] c = line.trim().split("\\s+");
                if (c[0].equals("quit")) {
                    replies.println("OK bye");
                    break;
                }
                String reply;
                try {
                    switch (c[0]) {
                        case "open" -> {
                            BenchSandboxes previous = current;
                            current = null;
                            close(previous);
                            Map<String, Object> ready = new LinkedHashMap<>();
                            int stores = c.length > 4 ? Integer.parseInt(c[4]) : 1;
                            current = open(Integer.parseInt(c[1]), Long.parseLong(c[2]),
                                    c.length > 3 && c[3].equals(BenchStore.SPARSE), stores, ready);
                            reply = "READY " + new ObjectMapper().writeValueAsString(ready);
                        }
                        case "close" -> {
                            BenchSandboxes previous = current;
                            current = null;
                            close(previous);
                            reply = "OK closed";
                        }
                        default -> {
                            if (current == null) {
                                throw new IllegalStateException("no store open");
                            }
                            reply = "OK " + current.answer(c);
                        }
                    }
                } catch (Exception | Error e) {
                    e.printStackTrace();
                    reply = "ERR " + (e + "").replaceAll("[\\r\\n]+", " ");
                }
                replies.println(reply);
            }
        } finally {
            close(current);
        }
        System.exit(0);
    }

    /** Stops the servers; what they held is garbage from here. */
    private static void close(BenchSandboxes sandboxes) {
        if (sandboxes != null) {
            sandboxes.shopifies.forEach(ShopifySandbox::close);
            sandboxes.joors.forEach(JoorSandbox::close);
        }
    }

    /**
     * Collects the previous store (so it never shares the heap with the new one), generates the
     * store and starts the servers as the benchmark always has; the generated copies are dropped here.
     */
    private static BenchSandboxes open(int n, long seed, boolean sparse, int stores, Map<String, Object> ready) {
        System.err.printf("store n=%d seed=%d%s: live heap before it %.1f MB%n", n, seed, sparse ? " sparse" : "",
                HeapWatch.liveHeapNow() / 1048576.0);
        DemoData data = DemoData.generated(seed, n, BenchStore.TAGGED_SHARE, BenchStore.KNOWN_SHARE_OF_TAGGED);
        if (sparse) {
            int i = 0;
            for (SandboxCustomer c : data.customers()) {
                c.setPhone(null);
                if (i++ % 2 == 1) {
                    c.setDefaultAddress(null);
                }
            }
        }
        List<String> knownCodes = List.copyOf(data.knownCodes());
        long eligible = data.customers().stream().filter(DemoData::isEligible).count();
        List<ShopifySandbox> shopifies = new java.util.ArrayList<>();
        List<JoorSandbox> joors = new java.util.ArrayList<>();
        List<Map<String, String>> each = new java.util.ArrayList<>();
        // many-shops: a store of n customers per shop (the same generated customers: Shopify ids are
        // global, so each store posts to a JOOR account of its own, as an agency's brands do)
        for (int i = 0; i < stores; i++) {
            ShopifySandbox s = ShopifySandbox.start(i == 0 ? data
                    : DemoData.generated(seed, n, BenchStore.TAGGED_SHARE, BenchStore.KNOWN_SHARE_OF_TAGGED));
            JoorSandbox j = JoorSandbox.start();
            j.seedKnownCodes(knownCodes);
            // the benchmark never reads what JOOR received: keeping it would grow with the run
            j.setKeepReceived(false);
            shopifies.add(s);
            joors.add(j);
            each.add(SandboxSettings.pointingAt(s, j));
        }
        ShopifySandbox shopify = shopifies.get(0);
        JoorSandbox joor = joors.get(0);
        ready.put("settings", SandboxSettings.pointingAt(shopify, joor));
        ready.put("stores", each);
        ready.put("shopifyGraphqlUrl", shopify.graphqlUrl("2026-10"));
        ready.put("shopifyToken", shopify.accessToken());
        ready.put("joorApiUrl", joor.apiUrl());
        ready.put("joorToken", joor.token());
        ready.put("shopifyClientSecret", shopify.clientSecret());
        ready.put("eligible", eligible);
        ready.put("known", knownCodes.size());
        return new BenchSandboxes(shopifies, joors, knownCodes);
    }

    private String answer(String[] c) throws InterruptedException {
        switch (c[0]) {
            case "shopify-unlimited" -> shopifies.forEach(s -> s.setUnlimited(Boolean.parseBoolean(c[1])));
            case "joor-unlimited" -> joors.forEach(j -> j.setUnlimited(Boolean.parseBoolean(c[1])));
            case "shopify-bucket" -> shopifies.forEach(s -> s.setBucket(Integer.parseInt(c[1]), Integer.parseInt(c[2])));
            case "joor-credits" -> joors.forEach(j -> j.setCredits(Integer.parseInt(c[1]),
                    Duration.ofMillis(Long.parseLong(c[2]))));
            case "reset-stats" -> {
                shopifies.forEach(ShopifySandbox::resetStats);
                joors.forEach(JoorSandbox::resetStats);
                cpuAtReset = OS.getProcessCpuTime();
            }
            case "stats" -> {
                return stats();
            }
            case "webhook-burst" -> {
                return webhookBurst(c[1], Integer.parseInt(c[2]));
            }
            case "change-known-addresses" -> {
                for (String code : knownCodes) {
                    shopify.update(Long.parseLong(code),
                            x -> x.getDefaultAddress().setAddress2("Suite 9" + code.substring(code.length() - 2)));
                }
                return Integer.toString(knownCodes.size());
            }
            default -> throw new IllegalArgumentException("unknown command: " + String.join(" ", c));
        }
        return "done";
    }

    /**
     * Subscribes {@code url} to customers/update, changes {@code count} customers JOOR knows at once (as
     * a merchant's bulk edit would), and times each from its change in the store to its connection
     * reaching JOOR (both clocks in this JVM): changed, arrived, latency median, p99 and max in ms.
     */
    private String webhookBurst(String url, int count) throws InterruptedException {
        shopify.webhooks().subscribe("CUSTOMERS_UPDATE", url);
        List<String> codes = knownCodes.subList(0, Math.min(count, knownCodes.size()));
        Map<String, Long> changedAt = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, Long> arrivedAt = new java.util.concurrent.ConcurrentHashMap<>();
        joor.setOnReceived(code -> {
            if (changedAt.containsKey(code)) {
                arrivedAt.putIfAbsent(code, System.nanoTime());
            }
        });
        try {
            for (String code : codes) {
                changedAt.put(code, System.nanoTime());
                shopify.update(Long.parseLong(code),
                        x -> x.getDefaultAddress().setAddress2("Webhook " + code.substring(code.length() - 3)));
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (arrivedAt.size() < codes.size() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            joor.setOnReceived(null);
        }
        List<Long> millis = arrivedAt.entrySet().stream()
                .map(e -> (e.getValue() - changedAt.get(e.getKey())) / 1_000_000).sorted().toList();
        Map<Integer, Long> answers = shopify.webhooks().deliveries().stream().collect(java.util.stream.Collectors
                .groupingBy(d -> d.status(), java.util.TreeMap::new, java.util.stream.Collectors.counting()));
        return "changed=" + codes.size() + " arrived=" + millis.size() + " deliveries_by_status="
                + answers.toString().replace(" ", "").replace(",", ";")
                + " latency_median_ms=" + (millis.isEmpty() ? -1 : millis.get(millis.size() / 2))
                + " latency_p99_ms=" + (millis.isEmpty() ? -1 : millis.get(Math.min(millis.size() - 1, (int) Math.ceil(millis.size() * 0.99) - 1)))
                + " latency_max_ms=" + (millis.isEmpty() ? -1 : millis.get(millis.size() - 1));
    }

    /** The counters, this JVM's CPU since the last reset, then (after a GC, so not in the CPU) its live heap. */
    private String stats() {
        double cpu = (OS.getProcessCpuTime() - cpuAtReset) / 1e9;
        // every store's together (one store but for many-shops)
        String counters = "shopify_requests=" + shopifies.stream().mapToLong(ShopifySandbox::requestCount).sum()
                + " shopify_points=" + shopifies.stream().mapToLong(ShopifySandbox::pointsUsed).sum()
                + " throttled=" + shopifies.stream().mapToLong(ShopifySandbox::throttledCount).sum()
                + " joor_requests=" + joors.stream().mapToLong(JoorSandbox::requestCount).sum()
                + " joor_credits=" + joors.stream().mapToLong(JoorSandbox::creditsUsed).sum()
                + " http_429=" + joors.stream().mapToLong(JoorSandbox::http429Count).sum()
                + " joor_posts=" + joors.stream().mapToLong(JoorSandbox::bulkPosts).sum() + " cpu_s=" + cpu;
        return counters + " heap_bytes=" + HeapWatch.liveHeapNow();
    }
}
