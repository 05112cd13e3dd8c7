package com.shopifyjoorsync.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shopifyjoorsync.sandbox.SandboxSettings;

/**
 * A generated store in the two sandbox servers, and the settings that point the real camel-main
 * configuration at them, every output in a folder of its own (deleted on close). The sandboxes run
 * in a child JVM ({@link BenchSandboxes}), so this JVM's heap and CPU hold the product and the
 * harness only; this class is that child's client, one command line and one reply line at a time.
 * One child serves every store of the benchmark, one store at a time (so its sandboxes are warm
 * from the second store on): it is started with the first store and stopped by {@link #stopSandboxes}
 * or, failing that, when this JVM exits.
 */
final class BenchStore implements AutoCloseable {
    /** 30% of customers tagged for JOOR, half of those already known to JOOR. */
    static final double TAGGED_SHARE = 0.3;
    static final double KNOWN_SHARE_OF_TAGGED = 0.5;
    /**
     * A store whose customers have no phone, and every other one no address: their
     * {@code defaultPhoneNumber} / {@code defaultAddress} are null, which Shopify does not charge.
     */
    static final String SPARSE = "sparse";
    /** Everything the child prints or logs; emptied when it starts. */
    static final Path SANDBOX_LOG = Path.of("target/bench/sandboxes.log");

    /** The child, once started; null before the first store and after {@link #stopSandboxes}. */
    private static SandboxJvm sandboxes;
    /** The store open in the child, if any: only it may send commands. */
    private static BenchStore current;

    final int n;
    /** How many codes JOOR knows at the start. */
    final int known;
    final long eligible;
    final String shopifyGraphqlUrl;
    final String shopifyToken;
    final String joorApiUrl;
    final String joorToken;
    /** What the Shopify sandbox signs its webhook deliveries with. */
    final String shopifyClientSecret;
    final Path dir;
    final Map<String, String> settings = new LinkedHashMap<>();
    /** Each store's Shopify and JOOR settings (one store but for many-shops). */
    final List<Map<String, String>> stores = new ArrayList<>();

    private final SandboxJvm child;

    /** The sandboxes' counters since the last {@link #resetStats}, their JVM's CPU, and its live heap now. */
    record Stats(long shopifyRequests, long shopifyPoints, long throttled, long joorRequests, long joorCredits,
            long http429, long joorPosts, double cpuSeconds, long heapBytes) {
    }

    /** Opens a store of n customers in the child (starting it if need be), closing the one open there if any. */
    BenchStore(int n, long seed) throws IOException {
        this(n, seed, false);
    }

    /** As above; {@code sparse}: the store {@link #SPARSE} describes. */
    BenchStore(int n, long seed, boolean sparse) throws IOException {
        this(n, seed, sparse, 1);
    }

    /**
     * As above, with {@code stores} stores of n customers each (many-shops), each with its own Shopify
     * and JOOR servers: {@link #stores} holds the settings pointing at each; {@link #settings} the first.
     */
    BenchStore(int n, long seed, boolean sparse, int stores) throws IOException {
        this.n = n;
        synchronized (BenchStore.class) {
            if (sandboxes == null) {
                sandboxes = SandboxJvm.start();
            }
            this.child = sandboxes;
            current = null;
        }
        String reply = child.send("open " + n + " " + seed + (sparse ? " " + SPARSE : stores > 1 ? " dense" : "")
                + (stores > 1 ? " " + stores : ""), "READY ");
        synchronized (BenchStore.class) {
            current = this;
        }
        try {
            JsonNode ready = new ObjectMapper().readTree(reply);
            ready.path("settings").fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
            for (JsonNode store : ready.path("stores")) {
                Map<String, String> each = new LinkedHashMap<>();
                store.fields().forEachRemaining(e -> each.put(e.getKey(), e.getValue().asText()));
                this.stores.add(each);
            }
            this.shopifyGraphqlUrl = ready.path("shopifyGraphqlUrl").asText();
            this.shopifyToken = ready.path("shopifyToken").asText();
            this.joorApiUrl = ready.path("joorApiUrl").asText();
            this.joorToken = ready.path("joorToken").asText();
            this.shopifyClientSecret = ready.path("shopifyClientSecret").asText();
            this.eligible = ready.path("eligible").asLong();
            this.known = ready.path("known").asInt();
            this.dir = Files.createTempDirectory("sjs-bench-" + n + "-");
        } catch (IOException | RuntimeException e) {
            closeInChild();
            throw e;
        }
        settings.put("joor.price-label", "Wholesale USD");
        settings.putAll(SandboxSettings.runningIn(dir));
        // the management server runs as in production, on a free port: a second benchmark (or a
        // sync) on the machine holding 9876 would otherwise stop the run at start
        settings.put("camel.management.port", "0");
        // the scenarios measure paging; bulk-initial removes this to read in bulk
        settings.put("shopify.bulk-threshold", "0");
    }

    /** Stops the sandboxes' JVM (the next store starts a new one); does nothing if it is not running. */
    static void stopSandboxes() {
        SandboxJvm child;
        synchronized (BenchStore.class) {
            child = sandboxes;
            sandboxes = null;
            current = null;
        }
        if (child != null) {
            child.stop();
        }
    }

    /** No rate limit anywhere: both sandboxes unlimited, and the product's JOOR budget out of the way. */
    BenchStore unlimited() {
        send("shopify-unlimited true");
        send("joor-unlimited true");
        settings.put("joor.credits-per-window", "1000000");
        settings.put("joor.credit-window", "1s");
        return this;
    }

    /** Shopify limited again, with this cost bucket. */
    void shopifyBucket(int size, int restorePerSecond) {
        send("shopify-unlimited false");
        send("shopify-bucket " + size + " " + restorePerSecond);
    }

    /** JOOR limited again, with this credit window. */
    void joorCredits(int credits, Duration window) {
        send("joor-unlimited false");
        send("joor-credits " + credits + " " + window.toMillis());
    }

    /** Changes the address of every customer JOOR knows, in Shopify; returns how many. */
    int changeKnownAddresses() {
        return Integer.parseInt(send("change-known-addresses"));
    }

    /** See BenchSandboxes#webhookBurst: the reply's key=value pairs. */
    Map<String, String> webhookBurst(String url, int count) {
        Map<String, String> v = new java.util.LinkedHashMap<>();
        for (String pair : send("webhook-burst " + url + " " + count).split(" ")) {
            String[] kv = pair.split("=", 2);
            v.put(kv[0], kv[1]);
        }
        return v;
    }

    /** Zeroes the sandboxes' counters and starts their CPU count. */
    void resetStats() {
        send("reset-stats");
    }

    Stats stats() {
        Map<String, String> v = new HashMap<>();
        for (String pair : send("stats").split(" ")) {
            String[] kv = pair.split("=", 2);
            v.put(kv[0], kv[1]);
        }
        return new Stats(Long.parseLong(v.get("shopify_requests")), Long.parseLong(v.get("shopify_points")),
                Long.parseLong(v.get("throttled")), Long.parseLong(v.get("joor_requests")),
                Long.parseLong(v.get("joor_credits")), Long.parseLong(v.get("http_429")),
                Long.parseLong(v.get("joor_posts")), Double.parseDouble(v.get("cpu_s")),
                Long.parseLong(v.get("heap_bytes")));
    }

    /** A command about this store, its reply's text after {@code OK }. */
    private String send(String command) {
        synchronized (BenchStore.class) {
            if (current != this) {
                throw new IllegalStateException("store n=" + n + " is closed (" + command + ")");
            }
        }
        return child.send(command, "OK");
    }

    /** Closes this store in the child, if it is still the open one and the child still runs. */
    private void closeInChild() {
        synchronized (BenchStore.class) {
            if (current != this) {
                return;
            }
            current = null;
        }
        if (child.process.isAlive()) {
            child.send("close", "OK");
        }
    }

    /** Closes the store in the child (the child goes on, for the next store) and deletes this store's folder. */
    @Override
    public void close() throws IOException {
        closeInChild();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The sandboxes' JVM: a process, its stdin for commands and its stdout for replies. */
    private static final class SandboxJvm {
        final Process process;
        private final PrintWriter commands;
        private final BufferedReader replies;
        private final Thread stopAtExit = new Thread(this::stop, "bench-sandboxes-stop");

        private SandboxJvm(Process process) {
            this.process = process;
            this.commands = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
            this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        static SandboxJvm start() throws IOException {
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.add("-Xmx" + System.getProperty("bench.sandbox.heap", "1g"));
            // stdout is the reply pipe, and the JVM writes its own warnings ([warning][pagesize] ...) and
            // tty output there by default: to stderr, i.e. the log, instead (an -Xlog in opts still adds its own)
            command.add("-Xlog:disable");
            command.add("-Xlog:all=warning:stderr");
            command.add("-XX:+DisplayVMOutputToStderr");
            // one GC thread, no concurrent marking: G1 here cost 1 to 2 s of CPU per 100,000-customer run
            // (its concurrent and parallel threads, on the product's cores); the serial collector 0.35 s
            command.add(System.getProperty("bench.sandbox.gc", "-XX:+UseSerialGC"));
            String opts = System.getProperty("bench.sandbox.opts", "").trim();
            if (!opts.isEmpty()) {
                command.addAll(Arrays.asList(opts.split("\\s+")));
            }
            // the same logback file as this JVM, writing to the child's log (appended to what its stderr writes there)
            command.add("-Dlogback.configurationFile=" + System.getProperty("logback.configurationFile", "bench/logback-bench.xml"));
            command.add("-Dbench.log=" + SANDBOX_LOG);
            command.add("-Dbench.log.append=true");
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(BenchSandboxes.class.getName());
            Files.createDirectories(SANDBOX_LOG.getParent());
            Files.deleteIfExists(SANDBOX_LOG);
            SandboxJvm child = new SandboxJvm(new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(SANDBOX_LOG.toFile())).start());
            Runtime.getRuntime().addShutdownHook(child.stopAtExit);
            return child;
        }

        /** One command, its reply's text after the expected prefix; an ERR or a dead child throws. */
        synchronized String send(String command, String expected) {
            commands.println(command);
            String line;
            try {
                line = replies.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException("sandboxes' reply to " + command, e);
            }
            if (line != null && line.startsWith(expected)) {
                return line.length() > expected.length() ? line.substring(expected.length()).trim() : "";
            }
            if (line != null && line.startsWith("ERR ")) {
                throw new IllegalStateException("sandboxes answered " + command + ": " + line.substring(4));
            }
            throw died(command, line);
        }

        private IllegalStateException died(String doing, String line) {
            String why = line != null ? "answered \"" + line + "\"" : exited() ? "exited with code " + process.exitValue()
                    : "closed their stdout";
            return new IllegalStateException("sandboxes " + why + " (" + doing + "); last lines of " + SANDBOX_LOG + ":\n"
                    + tail(SANDBOX_LOG, 20));
        }

        /** Whether the child has ended, given a few seconds (its stdout closes just before it exits). */
        private boolean exited() {
            try {
                return process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /**
         * Asks the child to quit, waits a little, then kills it. Not under {@link #send}'s lock: at
         * exit a command may still be waiting for its reply.
         */
        void stop() {
            if (Thread.currentThread() != stopAtExit) {
                try {
                    Runtime.getRuntime().removeShutdownHook(stopAtExit);
                } catch (IllegalStateException exiting) {
                    // the hook runs anyway, and finds the child gone
                }
            }
            if (process.isAlive()) {
                commands.println("quit");
                commands.close();
                try {
                    if (!process.waitFor(10, TimeUnit.SECONDS)) {
                        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
            // marked, so the child's stack traces do not read as this JVM's
            return all.subList(Math.max(0, all.size() - lines), all.size()).stream().map(l -> "  sandboxes| " + l)
                    .collect(java.util.stream.Collectors.joining("\n"));
        } catch (IOException e) {
            return "(cannot read it: " + e + ")";
        }
    }
}
