package com.shopifyjoorsync.app;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.shopifyjoorsync.sandbox.DemoData;
import com.shopifyjoorsync.sandbox.JoorSandbox;
import com.shopifyjoorsync.sandbox.ShopifySandbox;

/**
 * The jar's entry point. Exit codes: 0 cycle completed (dead letters included), 1 fatal error,
 * 2 configuration error.
 */
public final class Launcher {
    static final int OK = 0;
    static final int FATAL = 1;
    static final int CONFIGURATION = 2;

    private Launcher() {
    }

    public static void main(String[] args) {
        String logProblem = LogFormat.apply(); // before anything logs
        if (logProblem != null) {
            System.err.println("Configuration refused:\n  - " + logProblem);
            System.exit(CONFIGURATION);
        }
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        boolean sandbox = false;
        boolean once = false;
        boolean replay = false;
        boolean dev = false;
        for (String arg : args) {
            switch (arg) {
                case "--sandbox" -> sandbox = true;
                case "--once" -> once = true;
                case "--replay-dead-letters" -> replay = true;
                case "--dev" -> dev = true;
                case "--help", "-h" -> {
                    out.print(usage());
                    return OK;
                }
                default -> {
                    err.println("Unknown argument: " + arg);
                    err.print(usage());
                    return CONFIGURATION;
                }
            }
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        if (dev) {
            overrides.put("camel.main.profile", "dev");
        }
        Sandboxes sandboxes = null;
        try {
            if (sandbox) {
                sandboxes = Sandboxes.start(overrides);
                out.println(sandboxes.describe());
            }
            if (replay) {
                return replayDeadLetters(overrides, out, err);
            }
            return once ? runOnce(overrides, out, err) : runScheduled(overrides);
        } catch (Exception e) {
            ConfigurationException config = SyncApplication.configurationProblem(e);
            if (config != null) {
                err.println(config.getMessage());
                return CONFIGURATION;
            }
            err.println("Fatal: " + describe(e, null));
            return FATAL;
        } finally {
            if (sandboxes != null) {
                sandboxes.close();
            }
        }
    }

    /** The sync on its timer until the JVM is asked to stop. */
    private static int runScheduled(Map<String, String> overrides) throws Exception {
        try (SyncApplication app = SyncApplication.start(overrides)) {
            app.awaitShutdown();
            return OK;
        }
    }

    /** Every dead letter through the routes again: the summary on stdout, exit 0 when it completed. */
    private static int replayDeadLetters(Map<String, String> overrides, PrintStream out, PrintStream err)
            throws Exception {
        overrides.put("sync.schedule.enabled", "false");
        try (SyncApplication app = SyncApplication.start(overrides)) {
            SyncApplication.CycleResult result = app.replayDeadLetters();
            out.println(result.summary());
            if (result.failed()) {
                err.println("The replay failed: " + describe(result.error(), result.summary()));
                return FATAL;
            }
            return OK;
        }
    }

    /** One cycle: its summary on stdout, exit 0 when it completed. */
    private static int runOnce(Map<String, String> overrides, PrintStream out, PrintStream err) throws Exception {
        overrides.put("sync.schedule.enabled", "false");
        if (System.getProperty("camel.management.enabled") == null) {
            overrides.put("camel.management.enabled", "false"); // nobody to answer health checks of a one-shot run
        }
        try (SyncApplication app = SyncApplication.start(overrides)) {
            SyncApplication.CycleResult result = app.runCycle();
            out.println(result.summary());
            if (result.failed()) {
                err.println("The cycle failed: " + describe(result.error(), result.summary()));
                return FATAL;
            }
            return OK;
        }
    }

    private static String describe(Throwable error, String summary) {
        if (error == null) {
            return summary == null ? "no summary" : summary;
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == error ? error.toString() : error + " (cause: " + root + ")";
    }

    static String usage() {
        return """
                Usage: java [-Dkey=value ...] -jar target/shopify-joor-sync.jar [--sandbox] [--once | --replay-dead-letters] [--dev]

                Keeps the wholesale customers of a Shopify store in step with JOOR. Reads
                ./application.properties and ./routes/ from the working directory (the routes inside
                the jar when there is no ./routes/).

                Commands:
                  (none)      run the sync: a cycle at start, then every sync.interval, until stopped;
                              health and metrics on the management server (camel.management.port, 9876):
                              /observe/health, /observe/health/ready, /observe/metrics
                  --once      run one full cycle, print its summary line, exit
                              (0 completed, 1 fatal error, 2 configuration error)
                  --sandbox   start the embedded sandbox (a local Shopify Admin GraphQL server and a local
                              JOOR v2 server, seeded with demo customers) and sync against it
                  --dev       the dev profile (application-dev.properties): routes/ and the mapping
                              reload when they change
                  --replay-dead-letters
                              send every record of the dead-letter folder through the same routes
                              again (no cycle); delivered records move to replayed/, records that
                              fail again are rewritten with their attempts added up; then exit
                  --help      this text

                Settings (application.properties; override with -Dkey=value before -jar, or environment
                variables like SHOPIFY_ACCESS_TOKEN for shopify.access-token), with their defaults:
                """ + SettingsCatalog.table() + """

                Logs: human-readable; -Dsync.log-format=json (or SYNC_LOG_FORMAT=json) for JSON lines.
                """;
    }

    /** The embedded sandbox servers, and the settings that point the sync at them. */
    private record Sandboxes(ShopifySandbox shopify, JoorSandbox joor, int customers) implements AutoCloseable {
        static Sandboxes start(Map<String, String> overrides) {
            DemoData demo = DemoData.demo();
            ShopifySandbox shopify = ShopifySandbox.start(demo);
            JoorSandbox joor = JoorSandbox.start();
            joor.seedKnownCodes(demo.knownCodes());
            overrides.put("shopify.shop", "sandbox");
            overrides.put("shopify.base-url", shopify.baseUrl());
            overrides.put("shopify.access-token", shopify.accessToken());
            overrides.put("shopify.client-id", "");
            overrides.put("shopify.client-secret", "");
            overrides.put("joor.api-url", joor.apiUrl());
            overrides.put("joor.api-token", joor.token());
            if (System.getProperty("joor.price-label") == null && System.getenv("JOOR_PRICE_LABEL") == null) {
                overrides.put("joor.price-label", "Wholesale " + demo.shopCurrency());
            }
            return new Sandboxes(shopify, joor, demo.customers().size());
        }

        String describe() {
            return String.join("\n", List.of(
                    "Sandbox Shopify store: " + shopify.baseUrl() + " (" + customers + " demo customers)",
                    "Sandbox JOOR API:      " + joor.apiUrl()));
        }

        @Override
        public void close() {
            shopify.close();
            joor.close();
        }
    }
}
