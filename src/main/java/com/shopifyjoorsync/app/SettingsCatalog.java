package com.shopifyjoorsync.app;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every setting of the product with its default and meaning: what --help lists, what the README
 * table and application.properties must agree with (SettingsCatalogTest), and how a misspelt key is
 * noticed at start.
 */
public final class SettingsCatalog {
    /** The prefixes the product's settings live under. */
    public static final List<String> PREFIXES = List.of("sync.", "shopify.", "joor.", "data-services.",
            "link-report.");

    public record Setting(String key, String defaultValue, String meaning) {
    }

    public static final List<Setting> SETTINGS = List.of(
            new Setting("sync.customers.enabled", "true", "the customer sync can be switched off"),
            new Setting("sync.interval", "15m", "delay between cycles, 15m..30d (shorter is refused)"),
            new Setting("sync.schedule.enabled", "true", "run cycles on the timer (--once turns it off)"),
            new Setting("sync.overlap", "1d", "how far a window re-reads behind the watermark (0s..30d)"),
            new Setting("sync.initial-since", "", "lower bound of the first cycle; empty = every tagged customer"),
            new Setting("sync.full-sweep", "1d", "how often a cycle re-reads every tagged customer (0s..365d)"),
            new Setting("sync.state.jdbc-url", "jdbc:h2:file:./data/state/sync",
                    "state store: an H2 file, or jdbc:postgresql://host:5432/db"),
            new Setting("sync.state.username", "", "PostgreSQL state store user"),
            new Setting("sync.state.password", "", "PostgreSQL state store password (env SYNC_STATE_PASSWORD)"),
            new Setting("sync.dead-letter-uri", "file:data/dead-letter", "where failed customers go (Camel URI)"),
            new Setting("sync.work-dir", "data/work", "working files of a running cycle"),
            new Setting("sync.redelivery.max-attempts", "5", "retries of a failed call (0..100)"),
            new Setting("sync.redelivery.delay", "1s", "first retry delay, doubling up to 60s (1ms..1m)"),
            new Setting("sync.progress.customers", "1000", "a SYNC PROGRESS line every N customers"),
            new Setting("sync.progress.interval", "60s", "... or every interval (1s..1d), whichever comes first"),
            new Setting("sync.log-format", "text", "text, or json for JSON lines (read before start)"),
            new Setting("sync.customer-mapping", "", "JSLT mapping file; empty = routes/customer-mapping.jslt"),
            new Setting("shopify.shop", "", "my-store for https://my-store.myshopify.com (required)"),
            new Setting("shopify.base-url", "", "full store URL override (sandbox, proxies)"),
            new Setting("shopify.api-version", "2026-10", "Admin API version"),
            new Setting("shopify.access-token", "", "static Admin API token (env SHOPIFY_ACCESS_TOKEN)"),
            new Setting("shopify.client-id", "", "client-credentials grant instead of a static token"),
            new Setting("shopify.client-secret", "", "client-credentials secret (env SHOPIFY_CLIENT_SECRET)"),
            new Setting("shopify.customer-tags", "JOOR_ENABLED,JOOR,WHOLESALE", "tags that export a customer"),
            new Setting("shopify.page-size", "250", "largest page asked for (1..250)"),
            new Setting("joor.api-url", "https://api.jooraccess.com/v2", "JOOR API v2 base"),
            new Setting("joor.api-token", "", "JOOR static token (env JOOR_API_TOKEN, required)"),
            new Setting("joor.price-label", "", "price label paired with the shop currency (required)"),
            new Setting("joor.credits-per-window", "300", "JOOR's credit budget per window (6..1000000)"),
            new Setting("joor.credit-window", "300s", "JOOR's credit window (1s..1d)"),
            new Setting("joor.rate-limit-timeout", "15m",
                    "a cycle fails when no JOOR request got through this long (429 after 429); at least 3 windows"),
            new Setting("joor.batch-size", "200", "connections per bulk-connection POST (1..1000)"),
            new Setting("joor.list-page-size", "1000", "connections per page of JOOR's list (1..1000)"),
            new Setting("joor.index-shrink-tolerance", "10",
                    "% fewer codes than last time JOOR's list may give before cycles refuse it"),
            new Setting("joor.index-accept-codes", "",
                    "accept a refused list of exactly this many codes (connections deleted in JOOR)"),
            new Setting("joor.job-poll-timeout", "60s", "how long a cycle reads back JOOR's bulk jobs (0s..1h)"),
            new Setting("joor.job-poll-interval", "2s", "how often it asks (10ms..5m)"),
            new Setting("joor.job-max-resends", "10",
                    "times a customer JOOR's jobs did not confirm is sent again, in halves (0..100)"),
            new Setting("joor.job-max-age", "1d",
                    "a job JOOR has not finished this long after it was posted: its customers are dead-lettered"),
            new Setting("joor.default-payment-method", "", "Payment Method for the mapping (Shopify has none)"),
            new Setting("joor.default-shipping-method", "", "Shipping Method for the mapping"),
            new Setting("joor.default-sales-rep", "", "Sales Rep for the mapping (and JOOR's sales_rep_code)"),
            new Setting("joor.default-discount", "", "Discount for the mapping, a percentage 0..100"),
            new Setting("data-services.endpoint-uri", "file:data/data-services", "receives template files (Camel URI)"),
            new Setting("data-services.delimiter", ",", "',' or '|' for JOOR's flat-file FTP customer sync"),
            new Setting("data-services.mail.from", "", "sender of the template e-mails (smtp/smtps endpoint)"),
            new Setting("data-services.mail.to", "", "address(es) at JOOR the template goes to, comma-separated"),
            new Setting("data-services.mail.cc", "", "copies, comma-separated; empty = none"),
            new Setting("data-services.mail.subject",
                    "JOOR Customer Data Template: {customers} new customers of {shop} (cycle {cycle})",
                    "subject; {shop}, {customers} and {cycle} are filled in"),
            new Setting("data-services.mail.username", "", "SMTP login; empty = the server takes mail without one"),
            new Setting("data-services.mail.password", "", "SMTP password (env DATA_SERVICES_MAIL_PASSWORD)"),
            new Setting("link-report.dir", "data/reports", "where --link-report writes its report"),
            new Setting("link-report.pending-business-days", "3",
                    "--link-report lists customers waiting at Data Services longer than this"));

    private static final Set<String> KEYS = SETTINGS.stream().map(Setting::key).collect(Collectors.toSet());
    /** Each setting's environment variable, to its key. */
    private static final Map<String, String> VARIABLES = SETTINGS.stream().map(Setting::key)
            .collect(Collectors.toMap(SettingsCatalog::variable, key -> key));

    private SettingsCatalog() {
    }

    public static boolean isKnown(String key) {
        return KEYS.contains(key);
    }

    /** A key under the product's prefixes that is not one of its settings (a typo, most likely). */
    public static boolean isUnknownOwnKey(String key) {
        return PREFIXES.stream().anyMatch(key::startsWith) && !isKnown(key);
    }

    /**
     * The environment variable that sets a setting, as Camel looks it up: upper case, dots and dashes
     * as underscores (JOOR_BATCH_SIZE for joor.batch-size).
     */
    public static String variable(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** An environment variable under the product's prefixes (JOOR_, SYNC_, ...) that sets no setting. */
    public static boolean isUnknownOwnVariable(String name) {
        return PREFIXES.stream().map(SettingsCatalog::variable).anyMatch(name::startsWith) && !VARIABLES.containsKey(name);
    }

    /** The setting whose variable is closest to a misspelt one, for the warning. */
    public static String closestToVariable(String name) {
        String closest = closest(name, VARIABLES.keySet());
        return closest == null ? null : VARIABLES.get(closest);
    }

    /** The known setting closest to a misspelt key, for the warning. */
    public static String closest(String key) {
        return closest(key, KEYS);
    }

    private static String closest(String key, Set<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : candidates) {
            int d = distance(key, known);
            if (d < bestDistance) {
                bestDistance = d;
                best = known;
            }
        }
        return bestDistance <= 3 ? best : null;
    }

    /** The settings as --help lists them. */
    public static String table() {
        int width = SETTINGS.stream().mapToInt(s -> s.key().length()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (Setting s : SETTINGS) {
            out.append("  ").append(String.format("%-" + width + "s", s.key())).append("  ")
                    .append(s.defaultValue().isEmpty() ? "(empty)" : s.defaultValue()).append("  ")
                    .append(s.meaning()).append('\n');
        }
        return out.toString();
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
