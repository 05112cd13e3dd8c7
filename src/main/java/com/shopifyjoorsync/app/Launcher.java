package com.shopifyjoorsync.app;

import java.io.PrintStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shopifyjoorsync.dataservices.DataServicesFormat;
import com.shopifyjoorsync.golive.GoLiveReport;
import com.shopifyjoorsync.linkreport.LinkReportSummary;
import com.shopifyjoorsync.mapping.CustomerMapping;
import com.shopifyjoorsync.mapping.CustomerTags;
import com.shopifyjoorsync.mapping.MappingCheck;
import com.shopifyjoorsync.mapping.MappingDefaults;
import com.shopifyjoorsync.mapping.MappingFile;
import com.shopifyjoorsync.observe.SecretMask;
import com.shopifyjoorsync.templatecheck.BlankTemplate;
import com.shopifyjoorsync.templatecheck.TemplateVerdict;
import com.shopifyjoorsync.webhooks.WebhookSubscriptionPlan;
import com.shopifyjoorsync.webhooks.WebhookSubscriptions;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;

/**
 * The jar's entry point. Exit codes: 0 cycle completed (dead letters included), or the command did
 * its job (a clean template, a report written, every --check passed), or the long-running sync
 * stopped on SIGTERM with what was in flight recorded; 1 fatal error, or problems found in a template
 * or by --check; 2 configuration error; 143 --once stopped by SIGTERM before its cycle completed.
 */
public final class Launcher {
    static final int OK = 0;
    static final int FATAL = 1;
    static final int CONFIGURATION = 2;
    /** --once stopped by SIGTERM or Ctrl-C before its cycle completed: 128 + SIGTERM, as the shell reports it. */
    static final int STOPPED = 143;
    /** --sandbox run from the embeddable jar (a host's classpath), which carries no sandbox. */
    static final String NO_SANDBOX = "--sandbox needs the runnable jar target/shopify-joor-sync.jar (java -jar "
            + "target/shopify-joor-sync.jar --sandbox): the embeddable jar carries no sandbox";
    static final String BLANK_TEMPLATE = "data/templates/customer-data-template";

    private Launcher() {
    }

    public static void main(String[] args) {
        // before anything logs; a wrong value logs as text and is reported with every other wrong setting
        LogFormat.apply();
        SignalStop.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, Map.of(), out, err);
    }

    /**
     * @param settings settings that win over ./application.properties (tests point them at temporary folders)
     */
    static int run(String[] args, Map<String, String> settings, PrintStream out, PrintStream err) {
        // what a command prints (a summary, an error, --check's lines) may quote an answer: no secret in it
        try (PrintStream maskedOut = SecretMask.maskingLines(out); PrintStream maskedErr = SecretMask.maskingLines(err)) {
            return runCommand(args, settings, maskedOut, maskedErr);
        }
    }

    private static int runCommand(String[] args, Map<String, String> settings, PrintStream out, PrintStream err) {
        boolean sandbox = false;
        boolean once = false;
        boolean replay = false;
        boolean dev = false;
        boolean blank = false;
        boolean linkReport = false;
        boolean check = false;
        boolean submit = false;
        String blankFile = null;
        String templateFile = null;
        String webhookUrl = null;
        String shop = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--sandbox" -> sandbox = true;
                case "--once" -> once = true;
                case "--replay-dead-letters" -> replay = true;
                case "--dev" -> dev = true;
                case "--template-blank" -> {
                    blank = true;
                    if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                        blankFile = args[++i];
                    }
                }
                case "--validate-template" -> {
                    if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                        err.println("--validate-template needs the file to check: --validate-template customers.csv");
                        return CONFIGURATION;
                    }
                    templateFile = args[++i];
                }
                case "--register-webhooks" -> {
                    if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                        err.println("--register-webhooks needs the public URL Shopify delivers to: --register-webhooks"
                                + " https://sync.example.com/shopify/webhooks");
                        return CONFIGURATION;
                    }
                    webhookUrl = args[++i];
                    String problem = callbackUrlProblem(webhookUrl);
                    if (problem != null) {
                        err.println(problem);
                        return CONFIGURATION;
                    }
                }
                case "--shop" -> {
                    if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                        err.println("--shop needs the entry of shops to run for: --shop eu");
                        return CONFIGURATION;
                    }
                    shop = args[++i];
                }
                case "--submit" -> submit = true;
                case "--link-report" -> linkReport = true;
                case "--check" -> check = true;
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
        int commands = (once ? 1 : 0) + (replay ? 1 : 0) + (blank ? 1 : 0) + (templateFile != null ? 1 : 0)
                + (linkReport ? 1 : 0) + (check ? 1 : 0) + (webhookUrl != null ? 1 : 0);
        if (commands > 1) {
            err.println("Choose one of --once, --replay-dead-letters, --template-blank, --validate-template, "
                    + "--link-report, --check and --register-webhooks per run");
            return CONFIGURATION;
        }
        if (submit && templateFile == null) {
            err.println("--submit goes with --validate-template FILE: only a checked file is sent");
            return CONFIGURATION;
        }
        EmbeddedSandbox servers = sandbox ? EmbeddedSandbox.find().orElse(null) : null;
        if (sandbox && servers == null) {
            err.println(NO_SANDBOX);
            return CONFIGURATION;
        }
        String noSettings = missingSettingsFile();
        if (noSettings != null) {
            err.println(noSettings);
            return CONFIGURATION;
        }
        Path template = templateFile == null ? null : Path.of(templateFile);
        if (template != null && !(Files.isRegularFile(template) && Files.isReadable(template))) {
            err.println("Cannot read " + template.toAbsolutePath() + ": give the path of the template file to check");
            return FATAL;
        }
        Map<String, String> overrides = new LinkedHashMap<>(settings);
        if (dev) {
            overrides.put("camel.main.profile", "dev");
        }
        List<String> shops;
        try {
            shops = Shops.names(key -> Setting.lookup(key, overrides));
        } catch (ConfigurationException e) {
            err.println(e.getMessage());
            return CONFIGURATION;
        }
        if (shop != null) {
            if (!shops.contains(shop)) {
                err.println("--shop " + shop + ": not one of shops=" + String.join(",", shops)
                        + (shops.isEmpty() ? " (not set: the top-level settings are the one shop)" : ""));
                return CONFIGURATION;
            }
            // one entry of several, alone
            shops = List.of(shop);
        } else if (shops.size() > 1 && (replay || templateFile != null || linkReport || webhookUrl != null)) {
            err.println("Several shops (shops=" + String.join(",", shops) + "): name the one to run for with --shop NAME");
            return CONFIGURATION;
        }
        if (shops.size() == 1) {
            overrides.put(Shops.THIS, shops.get(0));
        }
        try {
            if (blank) {
                return runTemplateBlank(blankFile, overrides, out, err);
            }
            if (servers != null) {
                overrides.putAll(servers.start());
                out.println(servers.describe());
            }
            if (templateFile != null) {
                return runValidateTemplate(template, submit, overrides, out);
            }
            if (linkReport) {
                return runLinkReport(overrides, out);
            }
            if (check) {
                if (shops.size() > 1) {
                    return runCheckPerShop(shops, overrides, out);
                }
                return runCheck(overrides, out);
            }
            if (webhookUrl != null) {
                return runRegisterWebhooks(webhookUrl, overrides, out, err);
            }
            if (replay) {
                return replayDeadLetters(overrides, out, err);
            }
            if (shops.size() > 1) {
                return once ? runOncePerShop(shops, overrides, out, err) : runShopsScheduled(shops, overrides);
            }
            return once ? runOnce(overrides, out, err) : runScheduled(overrides, servers, out, err);
        } catch (Exception e) {
            ConfigurationException config = SyncApplication.configurationProblem(e);
            if (config != null) {
                err.println(config.getMessage());
                return CONFIGURATION;
            }
            err.println("Fatal: " + describe(e, null));
            return FATAL;
        } finally {
            if (servers != null) {
                servers.close();
            }
        }
    }

    /**
     * Every setting lives in ./application.properties: without it the product would run on defaults
     * nobody chose. Says where it looked, and where the file probably is (the project the jar was
     * built in).
     */
    static String missingSettingsFile() {
        Path file = Path.of("application.properties").toAbsolutePath();
        if (Files.isRegularFile(file)) {
            return null;
        }
        String run = "java -jar target/shopify-joor-sync.jar";
        Path project = projectOfJar();
        String where = project != null && Files.isRegularFile(project.resolve("application.properties"))
                ? "cd " + project + " && " + run : "cd <the project folder> && " + run;
        return "No application.properties in " + file.getParent() + " (the working directory), where the product "
                + "reads its settings. Run it from the project root, where application.properties and routes/ are: "
                + where + " [--sandbox] [command]; or copy application.properties to " + file.getParent() + ".";
    }

    /** The folder above target/ when running from target/shopify-joor-sync.jar, else null. */
    private static Path projectOfJar() {
        try {
            Path jar = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = jar.getParent();
            return target != null && target.getFileName() != null && target.getFileName().toString().equals("target")
                    ? target.getParent() : null;
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * --once and the other commands run without the timer and without the management server: health
     * and metrics are the long-running sync's, and a command must not take (or fail on) its port.
     */
    private static void asCommand(Map<String, String> overrides) {
        overrides.put("sync.schedule.enabled", "false");
        overrides.put("camel.management.enabled", "false");
        overrides.put("webhooks.enabled", "false");
    }

    /**
     * The sync on its timer until the JVM is asked to stop. With --sandbox and webhooks.enabled=true
     * the sandbox store is subscribed to the receiver first, as --register-webhooks would do it.
     */
    private static int runScheduled(Map<String, String> overrides, EmbeddedSandbox servers, PrintStream out,
            PrintStream err) throws Exception {
        try (SyncApplication app = SyncApplication.start(overrides); SignalStop signal = new SignalStop(app)) {
            if (servers != null && Boolean.parseBoolean(app.context().resolvePropertyPlaceholders("{{webhooks.enabled}}"))) {
                subscribeSandbox(app, servers, out, err);
            }
            app.awaitStopped();
            return OK;
        }
    }

    /** Every shop on its timer, each in a Camel context of its own, until the JVM is asked to stop. */
    private static int runShopsScheduled(List<String> shops, Map<String, String> overrides) throws Exception {
        try (SyncShops deployment = SyncShops.start(overrides, shops); SignalStop signal = new SignalStop(deployment)) {
            deployment.awaitStopped();
            return OK;
        }
    }

    /** One cycle of every shop at once: a summary line each (shop=...), exit 0 when every one completed. */
    private static int runOncePerShop(List<String> shops, Map<String, String> overrides, PrintStream out,
            PrintStream err) throws Exception {
        asCommand(overrides);
        try (SyncShops deployment = SyncShops.start(overrides, shops); SignalStop signal = new SignalStop(deployment)) {
            List<SyncApplication.CycleResult> results = deployment.runCycles();
            int code = OK;
            for (int i = 0; i < results.size(); i++) {
                SyncApplication.CycleResult result = results.get(i);
                String name = deployment.shops().get(i).name();
                out.println(result.summary() != null ? result.summary() : "SYNC FAILED shop=" + name);
                if (result.stopped()) {
                    err.println("Shop " + name + " stopped before its cycle completed (SIGTERM / Ctrl-C): what was sent"
                            + " is recorded; run again to complete the work");
                    code = Math.max(code, STOPPED);
                } else if (result.failed()) {
                    err.println("The cycle of shop " + name + " failed: " + describe(result.error(), result.summary()));
                    code = code == OK ? FATAL : code;
                }
            }
            return code;
        }
    }

    /** --check for each shop in turn, under a line naming it; exit 0 when no shop has a PROBLEM. */
    private static int runCheckPerShop(List<String> shops, Map<String, String> overrides, PrintStream out)
            throws Exception {
        int code = OK;
        for (String name : shops) {
            Map<String, String> shop = new LinkedHashMap<>(overrides);
            shop.put(Shops.THIS, name);
            out.println("Shop " + name + ":");
            code = Math.max(code, runCheck(shop, out));
        }
        return code;
    }

    /** Every dead letter through the routes again: the summary on stdout, exit 0 when it completed. */
    private static int replayDeadLetters(Map<String, String> overrides, PrintStream out, PrintStream err)
            throws Exception {
        asCommand(overrides);
        try (SyncApplication app = SyncApplication.start(overrides); SignalStop signal = new SignalStop(app)) {
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
        asCommand(overrides);
        try (SyncApplication app = SyncApplication.start(overrides); SignalStop signal = new SignalStop(app)) {
            SyncApplication.CycleResult result = app.runCycle();
            out.println(result.summary());
            if (result.stopped()) {
                err.println("Stopped before the cycle completed (SIGTERM / Ctrl-C): what was sent is recorded; run again"
                        + " to complete the work");
                return STOPPED;
            }
            if (result.failed()) {
                err.println("The cycle failed: " + describe(result.error(), result.summary()));
                return FATAL;
            }
            return OK;
        }
    }

    /**
     * An empty Customer Data Template for people to fill in: a workbook when the file's name ends in
     * .xlsx, CSV when it ends in .csv, else what data-services.format says. Needs no credentials: only
     * data-services.format and data-services.delimiter, resolved as the sync resolves them.
     */
    private static int runTemplateBlank(String file, Map<String, String> overrides, PrintStream out, PrintStream err)
            throws Exception {
        String delimiter = Setting.lookup("data-services.delimiter", overrides)
                .orElse(SettingsCatalog.get("data-services.delimiter").defaultValue());
        List<String> problems = new ArrayList<>();
        for (String key : List.of("data-services.delimiter", "data-services.format", "sync.log-format")) {
            String problem = SettingsCatalog.problem(key, Setting.lookup(key, overrides).orElse(null));
            if (problem != null) {
                problems.add(problem);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        DataServicesFormat setting = DataServicesFormat.of(Setting.lookup("data-services.format", overrides)
                .orElse(SettingsCatalog.get("data-services.format").defaultValue()));
        Path target = Path.of(file != null ? file : BLANK_TEMPLATE + "." + setting.extension()).toAbsolutePath();
        DataServicesFormat format = DataServicesFormat.ofFile(target, setting);
        try {
            List<String> columns = templateColumns(overrides);
            boolean written = BlankTemplate.write(target, format, delimiter.charAt(0), columns);
            String kind = format == DataServicesFormat.XLSX ? "an Excel workbook, every cell formatted as Text"
                    : "separated by '" + delimiter + "', UTF-8";
            out.println("Blank Customer Data Template " + (written ? "written to " : "already at ") + target + " ("
                    + columns.size() + " columns, " + kind
                    + "). Fill in one row per customer, then check it with --validate-template " + target);
            return OK;
        } catch (FileSystemException e) {
            err.println(target + ": " + e.getReason() + ". Nothing was written.");
            return FATAL;
        }
    }

    /** The columns the sync's template files have: the contract ones, then those the customer mapping adds. */
    private static List<String> templateColumns(Map<String, String> overrides) {
        String location = Setting.lookup("sync.customer-mapping", overrides)
                .orElse(BundleRoutes.file(SyncSettings.CUSTOMER_MAPPING_FILE));
        if (!location.startsWith("file:") && !location.startsWith("classpath:")) {
            location = "file:" + location;
        }
        ObjectMapper json = new ObjectMapper();
        CustomerMapping mapping = new CustomerMapping(new MappingFile(location, false),
                new MappingDefaults(null, null, null, null, null), new CustomerTags(List.of("JOOR")), json);
        return MappingCheck.templateColumns(mapping, json);
    }

    /**
     * Checks a hand-filled template (one line per problem); with --submit a clean one goes to Data
     * Services. The route reads a private copy in sync.work-dir, as a stream: what was checked is
     * what is sent, even if the file changes meanwhile, and a file of any size fits.
     */
    private static int runValidateTemplate(Path file, boolean submit, Map<String, String> overrides, PrintStream out)
            throws Exception {
        Path workDir = Path.of(Setting.lookup("sync.work-dir", overrides)
                .orElse(SettingsCatalog.get("sync.work-dir").defaultValue()));
        Files.createDirectories(workDir);
        Path copy = Files.createTempFile(workDir, "validate-template-", ".copy");
        try {
            Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
            asCommand(overrides);
            try (SyncApplication app = SyncApplication.start(overrides)) {
                TemplateVerdict verdict = call(app, "direct:sjs-template-check", exchange -> {
                    exchange.getMessage().setBody(copy.toFile());
                    exchange.setProperty("templateFileName", file.getFileName().toString());
                    exchange.setProperty("templateSubmit", submit);
                }).getMessage().getBody(TemplateVerdict.class);
                verdict.lines(submit).forEach(out::println);
                return verdict.isClean() ? OK : FATAL;
            }
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    /** JOOR connections to link to their Shopify customer, and customers to chase at Data Services. */
    private static int runLinkReport(Map<String, String> overrides, PrintStream out) throws Exception {
        asCommand(overrides);
        try (SyncApplication app = SyncApplication.start(overrides)) {
            LinkReportSummary summary = call(app, "direct:sjs-link-report", exchange -> { })
                    .getMessage().getBody(LinkReportSummary.class);
            summary.lines().forEach(out::println);
            return OK;
        }
    }

    /**
     * Creates or updates the subscriptions of the receiver's topics at the public URL: one line per
     * topic, exit 0 when every topic delivers there, 1 when Shopify refused one or could not be reached.
     */
    private static int runRegisterWebhooks(String url, Map<String, String> overrides, PrintStream out, PrintStream err)
            throws Exception {
        asCommand(overrides);
        try (SyncApplication app = SyncApplication.start(overrides)) {
            return registerWebhooks(app, url, out, err);
        }
    }

    private static int registerWebhooks(SyncApplication app, String url, PrintStream out, PrintStream err) {
        ProducerTemplate template = app.context().createProducerTemplate();
        try {
            Exchange done = template.send("direct:sjs-register-webhooks",
                    exchange -> exchange.setProperty(WebhookSubscriptions.URL, url));
            WebhookSubscriptionPlan plan = done.getProperty(WebhookSubscriptions.PLAN, WebhookSubscriptionPlan.class);
            if (plan != null) {
                plan.lines().forEach(out::println);
            }
            if (done.getException() != null) {
                err.println("Registering the webhooks failed: " + describe(done.getException(), null));
                return FATAL;
            }
            return plan == null || plan.failed() ? FATAL : OK;
        } finally {
            template.stop();
        }
    }

    /** --sandbox: the sandbox store delivers to this process's receiver (plain HTTP on the loopback). */
    private static void subscribeSandbox(SyncApplication app, EmbeddedSandbox servers, PrintStream out,
            PrintStream err) {
        String port = app.context().resolvePropertyPlaceholders("{{camel.server.port}}");
        if ("0".equals(port)) {
            err.println("The sandbox store cannot deliver webhooks to camel.server.port=0: give the receiver a port");
            return;
        }
        String url = "http://127.0.0.1:" + port + app.context().resolvePropertyPlaceholders("{{webhooks.path}}");
        if (registerWebhooks(app, url, out, err) == OK) {
            String changes = servers.webhooksRegistered(url);
            if (changes != null) {
                out.println(changes);
            }
        }
    }

    /**
     * Why Shopify would not deliver to this URL, or null: an absolute https URL (Shopify delivers over
     * HTTPS only); plain http only to the loopback, where the sandbox delivers.
     */
    static String callbackUrlProblem(String url) {
        java.net.URI uri;
        try {
            uri = new java.net.URI(url);
        } catch (java.net.URISyntaxException e) {
            return "--register-webhooks " + url + ": not a URL (" + e.getReason() + ")";
        }
        String host = uri.getHost();
        boolean loopback = "127.0.0.1".equals(host) || "localhost".equalsIgnoreCase(host) || "[::1]".equals(host);
        if (host == null || !("https".equalsIgnoreCase(uri.getScheme())
                || ("http".equalsIgnoreCase(uri.getScheme()) && loopback))) {
            return "--register-webhooks " + url + ": give the public https:// URL Shopify delivers to, e.g."
                    + " https://sync.example.com/shopify/webhooks (Shopify delivers over HTTPS only)";
        }
        return null;
    }

    /**
     * Before go-live: one line per check (OK, PROBLEM with what to do, NOT CHECKED with why); exit 0
     * when no check found a problem. Read-only: no cycle runs, the management server stays off.
     */
    private static int runCheck(Map<String, String> overrides, PrintStream out) throws Exception {
        // the command runs with the receiver off; whether the sync receives webhooks is asked before
        boolean webhooks = Setting.lookup("webhooks.enabled", overrides).map(Boolean::parseBoolean).orElse(false);
        asCommand(overrides);
        try (SyncApplication app = SyncApplication.start(overrides)) {
            GoLiveReport report = call(app, "direct:sjs-check", exchange -> exchange.setProperty("webhooksEnabled",
                    webhooks)).getMessage().getBody(GoLiveReport.class);
            report.lines().forEach(out::println);
            return report.allOk() ? OK : FATAL;
        } catch (Exception e) {
            // the store is opened before anything else can be checked: without it nothing else is
            StateStoreUnavailableException store = causeOfType(e, StateStoreUnavailableException.class);
            if (store == null) {
                throw e;
            }
            out.println(new GoLiveReport.Finding(GoLiveReport.Check.STATE_STORE, GoLiveReport.Status.PROBLEM,
                    store.getMessage()).line());
            out.println("CHECK FAILED: the state store cannot be opened, so nothing else was checked; fix it, then run"
                    + " --check again.");
            return FATAL;
        }
    }

    private static <T extends Throwable> T causeOfType(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** Runs one exchange through a route in the calling thread; its failure is thrown. */
    private static Exchange call(SyncApplication app, String endpoint, Processor setup) throws Exception {
        ProducerTemplate template = app.context().createProducerTemplate();
        try {
            Exchange done = template.send(endpoint, setup);
            if (done.getException() != null) {
                throw done.getException();
            }
            return done;
        } finally {
            template.stop();
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
                Usage: java [-Dkey=value ...] -jar target/shopify-joor-sync.jar [--sandbox] [--dev] [command]

                Keeps the wholesale customers of a Shopify store in step with JOOR. Reads
                ./application.properties and ./routes/ from the working directory (the routes inside
                the jar when there is no ./routes/).

                Commands:
                  (none)      run the sync: a cycle at start, then every sync.interval, until stopped
                              (SIGTERM, Ctrl-C: what is in flight finishes and is recorded, exit 0);
                              health and metrics on the management server (camel.management.port, 9876):
                              /observe/health, /observe/health/ready, /observe/metrics
                  --once      run one full cycle, print its summary line, exit (0 completed, 1 fatal
                              error, 2 configuration error, 143 stopped by SIGTERM before completing)
                  --replay-dead-letters
                              send every record of the dead-letter folder through the same routes
                              again (no cycle); delivered records move to replayed/, records that
                              fail again are rewritten with their attempts added up; then exit
                  --template-blank [FILE]
                              write an empty Customer Data Template to fill in by hand, for customers
                              that are not in Shopify: a workbook for FILE.xlsx, CSV for FILE.csv
                              (default FILE: %s.xlsx, .csv with data-services.format=csv)
                  --validate-template FILE [--submit]
                              check a hand-filled template (.xlsx or CSV) of any size: one line per
                              problem, with its row and column (the first 100, then how many more);
                              exit 0 only when it is clean. With --submit a clean file is sent as it
                              was saved to JOOR Data Services (data-services.endpoint-uri) under a name
                              of its own, never over another file; a file with problems never is
                  --link-report
                              write a CSV report (link-report.dir) of the JOOR connections no Shopify
                              customer is linked to, each with its likely Shopify match, and of the
                              customers waiting at Data Services too long; changes nothing
                  --check     before go-live: Shopify credentials, access scopes, API version, currency
                              and tagged customers; JOOR token, connection list and credit budget; the
                              Data Services and dead-letter endpoints; the state store; with
                              webhooks.enabled, Shopify's webhook subscriptions. One line each:
                              OK, PROBLEM (with what to do) or NOT CHECKED (why). Read-only: 3 Shopify
                              requests, 1 JOOR credit. Exit 0 when no PROBLEM, 1 otherwise
                  --register-webhooks URL
                              subscribe the public URL of the webhook receiver (webhooks.enabled) to
                              Shopify's customer topics: creates what is missing, points at URL what
                              delivers elsewhere, leaves alone what is there already (a second run
                              changes nothing); one line per topic. Exit 0 when every topic delivers
                              to URL, 1 otherwise
                  --help      this text

                Options:
                  --sandbox   start the embedded sandbox (a local Shopify Admin GraphQL server and a local
                              JOOR v2 server, seeded with demo customers) and run against it
                  --dev       the dev profile (application-dev.properties): routes/ and the mapping
                              reload when they change
                  --shop NAME with several shops (shops=eu,us): run for this entry alone. Without it the
                              sync, --once and --check run for every shop (each its own summary
                              line, shop=NAME); the other commands need it

                Settings (application.properties; override with -Dkey=value before -jar, or environment
                variables like SHOPIFY_ACCESS_TOKEN for shopify.access-token), with their defaults:
                """.formatted(BLANK_TEMPLATE) + SettingsCatalog.table() + """

                Logs: human-readable; -Dsync.log-format=json (or SYNC_LOG_FORMAT=json) for JSON lines.
                """;
    }
}
