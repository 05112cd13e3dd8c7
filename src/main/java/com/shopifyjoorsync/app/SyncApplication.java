package com.shopifyjoorsync.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.vertx.core.net.impl.TCPServerBase;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.DefaultMainShutdownStrategy;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The product as a running Camel Main: ./application.properties and ./routes/ of the working
 * directory, plus overrides (the launcher's switches, tests' temporary folders). Used by the jar's
 * launcher and by the tests alike, so both boot the same configuration.
 */
public final class SyncApplication implements AutoCloseable {
    private final Main main;

    private SyncApplication(Main main) {
        this.main = main;
    }

    /**
     * Starts Camel with the bundle. A bad setting throws {@link ConfigurationException} before any
     * route starts.
     */
    public static SyncApplication start(Map<String, String> overrides) throws Exception {
        Main main = new Main();
        // SIGTERM is SignalStop's alone: Camel's own hook (the hangup interceptor) registers a listener
        // that waits up to 45 s for the context to stop, and when SignalStop's main.stop() wins the race
        // it runs that listener itself before stopping the context (the cycle then never sees stopping)
        if (main.getShutdownStrategy() instanceof DefaultMainShutdownStrategy camelHook) {
            camelHook.disableHangupSupport();
        }
        main.setPropertyPlaceholderLocations(propertyLocations(profile(overrides)));
        Properties props = new Properties();
        props.putAll(overrides);
        main.setOverrideProperties(props);
        main.configure().addConfiguration(new SyncConfiguration());
        // ./routes/ when present, else the routes inside the jar (application.properties may still say otherwise)
        main.configure().setRoutesIncludePattern(BundleRoutes.includePattern());
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                try {
                    // before the routes start, so that no cycle runs without health and metrics
                    configured.getCamelContext().addStartupListener((context, alreadyStarted) -> managementServerListening(context));
                } catch (Exception e) {
                    throw new IllegalStateException("Cannot check the management server", e);
                }
            }
        });
        try {
            main.start();
        } catch (Exception e) {
            ConfigurationException config = configurationProblem(e);
            try {
                main.stop();
            } catch (Exception ignored) {
                // already failing; the first error is the one to report
            }
            throw config != null ? config : e;
        }
        return new SyncApplication(main);
    }

    /**
     * When the management server is on, it must listen: a sync that runs without health and metrics
     * looks dead to its monitoring (or, worse, a process that holds the port answers for it).
     */
    static void managementServerListening(CamelContext context) {
        PropertiesComponent properties = context.getPropertiesComponent();
        if (!properties.resolveProperty("camel.management.enabled").map(v -> v.trim().equalsIgnoreCase("true")).orElse(false)) {
            return;
        }
        VertxPlatformHttpServer server = context.hasService(VertxPlatformHttpServer.class);
        // Vert.x only logs a failed bind; its server then stays closed
        if (server != null && server.getServer() instanceof TCPServerBase tcp && tcp.isListening()) {
            return;
        }
        String port = properties.resolveProperty("camel.management.port").map(String::trim)
                .orElse(SettingsCatalog.get("camel.management.port").defaultValue());
        String host = properties.resolveProperty("camel.management.host").map(String::trim).orElse("0.0.0.0");
        throw new ConfigurationException(List.of("camel.management.port=" + port + ": the management server (health, "
                + "metrics) cannot listen on " + host + ":" + port + whyNot(host, port) + ". Stop what holds the port, "
                + "choose another (-Dcamel.management.port=...), or switch the server off (camel.management.enabled=false)"));
    }

    /** Why the port cannot be bound, as the operating system says (the server only logs it). */
    private static String whyNot(String host, String port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(host, Integer.parseInt(port)));
            return "";
        } catch (IOException | RuntimeException e) {
            return " (" + e.getMessage() + ")";
        }
    }

    /** camel.main.profile from the overrides, -D, the environment or application.properties; null when none. */
    static String profile(Map<String, String> overrides) {
        String profile = overrides.get("camel.main.profile");
        if (profile == null) {
            profile = System.getProperty("camel.main.profile", System.getenv("CAMEL_MAIN_PROFILE"));
        }
        if (profile == null) {
            Properties file = new Properties();
            try (java.io.Reader in = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of("application.properties"))) {
                file.load(in);
            } catch (java.io.IOException e) {
                return null;
            }
            profile = file.getProperty("camel.main.profile");
        }
        return profile == null || profile.isBlank() ? null : profile.trim();
    }

    /**
     * ./application.properties, then ./application-{profile}.properties when a profile is set (Camel
     * reads only classpath profile files once a location is given, so the product names its own).
     */
    static String propertyLocations(String profile) {
        return profile == null ? "file:application.properties"
                : "file:application-" + profile + ".properties;optional=true,file:application.properties";
    }

    /** The ConfigurationException behind a failed start, if that is what it was. */
    public static ConfigurationException configurationProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConfigurationException c) {
                return c;
            }
        }
        return null;
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public SyncCycle cycle() {
        return context().getRegistry().lookupByNameAndType("sjsCycle", SyncCycle.class);
    }

    /** Runs one whole cycle in the calling thread and returns its summary line. */
    public CycleResult runCycle() {
        return run("direct:sjs-sync-cycle");
    }

    /**
     * Sends every record of the dead-letter folder through the customer routes again (no Shopify
     * read, no watermark move) and returns the REPLAY SUMMARY line.
     */
    public CycleResult replayDeadLetters() {
        String uri = context().getRegistry().lookupByNameAndType("sjsSettings", SyncSettings.class).deadLetterUri();
        if (!uri.startsWith("file:")) {
            throw new ConfigurationException(List.of("sync.dead-letter-uri=" + uri + " is not a file: URI: "
                    + "--replay-dead-letters reads the records from a folder"));
        }
        return run("direct:sjs-replay-dead-letters");
    }

    private CycleResult run(String endpoint) {
        ProducerTemplate template = context().createProducerTemplate();
        try {
            Exchange done = template.send(endpoint, e -> { });
            SyncCycle cycle = cycle();
            Throwable error = done.getException();
            String summary = done.getMessage().getBody(String.class);
            if (summary == null || !summary.startsWith("SYNC")) {
                summary = cycle.lastSummary();
            }
            boolean failed = error != null || summary == null || summary.startsWith("SYNC FAILED");
            return new CycleResult(summary, failed, error, summary != null && summary.startsWith("SYNC STOPPED"));
        } finally {
            try {
                template.stop();
            } catch (Exception ignored) {
                // a template holds no resources worth reporting
            }
        }
    }

    /** Blocks until the application has stopped (SIGTERM, Ctrl-C: see {@link SignalStop}). */
    public void awaitStopped() throws InterruptedException {
        while (!main.isStopped()) {
            Thread.sleep(200);
        }
    }

    @Override
    public void close() {
        try {
            main.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop Camel cleanly", e);
        }
    }

    /**
     * The outcome of one cycle: its summary line, whether it failed, and whether it stopped before its
     * last page because the application is stopping (SIGTERM).
     */
    public record CycleResult(String summary, boolean failed, Throwable error, boolean stopped) {
    }
}
