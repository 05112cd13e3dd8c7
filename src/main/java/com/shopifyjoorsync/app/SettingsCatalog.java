package com.shopifyjoorsync.app;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every setting of the product, stated once: its name, type, default, range (or allowed values),
 * meaning, and whether it is a secret. Start-up validation ({@link Values}, then the rules between
 * settings in {@link SyncSettings}), --help, the secret mask and the misspelt-key warning all read
 * this list; SettingsCatalogTest checks application.properties and docs/settings.md (and the README's few rows) against it.
 *
 * <p>To add a setting: add its entry here (nothing else restates its default or range); give it a
 * commented line in application.properties and a row in docs/settings.md (the test names
 * what is missing); read it in a route as {@code {{key}}}, or in Java through {@link Values}
 * (SyncSettings holds the typed values the beans are built from).
 */
public final class SettingsCatalog {
    /** The prefixes the product's settings live under. */
    public static final List<String> PREFIXES = List.of("sync.", "shopify.", "joor.", "data-services.",
            "link-report.");

    /** How a value is read and checked. */
    public enum Type {
        /** true or false. */
        FLAG,
        /** A whole number within range {@code min..max}. */
        INTEGER,
        /** 15m, 1h, 300s, 1d, 1h30m, 50ms (or ISO-8601) within range {@code min..max}. */
        DURATION,
        /** 2026-11-01 or an ISO-8601 date-time. */
        DATE,
        /** A percentage within range {@code 0..100}, like 10 or 12.5 (a trailing % is taken). */
        PERCENT,
        /** One of the values quoted in the range ('a' or 'b'), or named there (a or b). */
        CHOICE,
        /** Comma-separated values. */
        LIST,
        /** An http(s) URL. */
        URL,
        /** A Camel endpoint URI (scheme:rest); may carry a password. */
        ENDPOINT_URI,
        /** An H2 or PostgreSQL JDBC URL; may carry a password. */
        JDBC_URL,
        /** Free text. */
        TEXT
    }

    /**
     * One setting. An empty default means "not set"; range is {@code min..max} for numbers and
     * durations, the allowed values for a choice, empty otherwise.
     */
    public record Setting(String key, Type type, String defaultValue, String range, String meaning, boolean secret) {
        /** A password may be written inside its value (a URI or JDBC URL). */
        public boolean mayHoldPassword() {
            return type == Type.ENDPOINT_URI || type == Type.JDBC_URL;
        }
    }

    private static Setting setting(String key, Type type, String dflt, String range, String meaning) {
        return new Setting(key, type, dflt, range, meaning, false);
    }

    private static Setting setting(String key, Type type, String dflt, String meaning) {
        return new Setting(key, type, dflt, "", meaning, false);
    }

    private static Setting secret(String key, String meaning) {
        return new Setting(key, Type.TEXT, "", "", meaning, true);
    }

    public static final List<Setting> SETTINGS = List.of(
            setting("shops", Type.LIST, "", "several shops in one deployment (eu,us): shops.<name>.<setting> gives"
                    + " each its own value; empty = the top-level settings are the one shop"),
            setting("sync.shop", Type.TEXT, "", "the entry of shops this Camel context serves (the launcher sets it;"
                    + " an ESB hosting several shops sets it per context)"),
            setting("sync.customers.enabled", Type.FLAG, "true", "the customer sync can be switched off"),
            setting("sync.interval", Type.DURATION, "15m", "0s..30d",
                    "delay between cycles; shorter than the default is refused"),
            setting("sync.schedule.enabled", Type.FLAG, "true", "run cycles on the timer (--once turns it off)"),
            setting("sync.overlap", Type.DURATION, "1d", "0s..30d", "how far a window re-reads behind the watermark"),
            setting("sync.initial-since", Type.DATE, "", "lower bound of the first cycle; empty = every tagged customer"),
            setting("sync.full-sweep", Type.DURATION, "1d", "0s..365d",
                    "how often a cycle re-reads every tagged customer (0s: every cycle)"),
            setting("sync.state.jdbc-url", Type.JDBC_URL, "jdbc:h2:file:./data/state/sync",
                    "state store: an H2 file, or jdbc:postgresql://host:5432/db"),
            setting("sync.cluster.enabled", Type.FLAG, "false",
                    "several nodes on one PostgreSQL state store: one polls the shop at a time, another takes over when it dies"),
            setting("sync.cluster.checkin-interval", Type.DURATION, "10s", "1s..5m",
                    "how often a node tells the others it is alive; one silent for this + 7.5 s is taken over"),
            setting("sync.state.username", Type.TEXT, "", "PostgreSQL state store user"),
            secret("sync.state.password", "PostgreSQL state store password (env SYNC_STATE_PASSWORD)"),
            setting("sync.dead-letter-uri", Type.ENDPOINT_URI, "file:data/dead-letter",
                    "where failed customers go (Camel URI)"),
            setting("sync.work-dir", Type.TEXT, "data/work", "working files of a running cycle"),
            setting("sync.redelivery.max-attempts", Type.INTEGER, "5", "0..100", "retries of a failed call"),
            setting("sync.redelivery.delay", Type.DURATION, "1s", "1ms..1m", "first retry delay, doubling up to 60s"),
            setting("sync.progress.customers", Type.INTEGER, "1000", "1..10000000", "a SYNC PROGRESS line every N customers"),
            setting("sync.progress.interval", Type.DURATION, "60s", "1s..1d", "... or every interval, whichever comes first"),
            setting("sync.log-format", Type.CHOICE, "text", "text or json", "json for JSON lines (read before start)"),
            setting("sync.customer-mapping", Type.TEXT, "", "JSLT mapping file; empty = routes/customer-mapping.jslt"),
            setting("shopify.shop", Type.TEXT, "", "my-store for https://my-store.myshopify.com (required)"),
            setting("shopify.base-url", Type.TEXT, "", "full store URL override (sandbox, proxies)"),
            setting("shopify.api-version", Type.TEXT, "2026-10", "Admin API version"),
            secret("shopify.access-token", "static Admin API token (env SHOPIFY_ACCESS_TOKEN)"),
            setting("shopify.client-id", Type.TEXT, "", "client-credentials grant instead of a static token"),
            secret("shopify.client-secret", "client-credentials secret (env SHOPIFY_CLIENT_SECRET)"),
            setting("shopify.customer-tags", Type.LIST, "JOOR_ENABLED,JOOR,WHOLESALE", "tags that export a customer"),
            setting("shopify.page-size", Type.INTEGER, "250", "1..250", "largest page asked for"),
            setting("shopify.bulk-threshold", Type.INTEGER, "5000", "0..100000000",
                    "a window of at least this many customers (customersCount) is read by a bulk operation; 0: always paged"),
            setting("shopify.bulk-timeout", Type.DURATION, "2h", "1m..10d",
                    "how long a bulk operation may run before the cycle pages instead"),
            setting("joor.api-url", Type.URL, "https://api.jooraccess.com/v2", "JOOR API v2 base"),
            secret("joor.api-token", "JOOR static token (env JOOR_API_TOKEN, required)"),
            setting("joor.price-label", Type.TEXT, "", "price label paired with the shop currency (required)"),
            setting("joor.credits-per-window", Type.INTEGER, "300", "6..1000000", "JOOR's credit budget per window"),
            setting("joor.credit-window", Type.DURATION, "300s", "1s..1d", "JOOR's credit window"),
            setting("joor.rate-limit-timeout", Type.DURATION, "15m", "3s..30d",
                    "a cycle fails when no JOOR request got through this long (429 after 429); at least 3 windows"),
            setting("joor.batch-size", Type.INTEGER, "200", "1..1000", "connections per bulk-connection POST"),
            setting("joor.list-page-size", Type.INTEGER, "1000", "1..1000", "connections per page of JOOR's list"),
            setting("joor.index-shrink-tolerance", Type.PERCENT, "10", "0..100",
                    "% fewer codes than last time JOOR's list may give before cycles refuse it"),
            setting("joor.index-accept-codes", Type.INTEGER, "", "0..2147483647",
                    "accept a refused list of exactly this many codes (connections deleted in JOOR)"),
            setting("joor.job-poll-timeout", Type.DURATION, "60s", "0s..1h", "how long a cycle reads back JOOR's bulk jobs"),
            setting("joor.job-poll-interval", Type.DURATION, "2s", "10ms..5m", "how often it asks"),
            setting("joor.job-max-resends", Type.INTEGER, "10", "0..100",
                    "times a customer JOOR's jobs did not confirm is sent again, in halves"),
            setting("joor.job-max-age", Type.DURATION, "1d", "1ms..30d",
                    "a job JOOR has not finished this long after it was posted: its customers are dead-lettered"),
            setting("joor.default-payment-method", Type.TEXT, "", "Payment Method for the mapping (Shopify has none)"),
            setting("joor.default-shipping-method", Type.TEXT, "", "Shipping Method for the mapping"),
            setting("joor.default-sales-rep", Type.TEXT, "", "Sales Rep for the mapping (and JOOR's sales_rep_code)"),
            setting("joor.default-discount", Type.PERCENT, "", "0..100", "Discount for the mapping, a percentage"),
            setting("data-services.endpoint-uri", Type.ENDPOINT_URI, "file:data/data-services",
                    "receives template files (Camel URI)"),
            secret("data-services.password",
                    "password of an sftp/ftp endpoint (env DATA_SERVICES_PASSWORD), never in the URI"),
            setting("data-services.delimiter", Type.CHOICE, ",",
                    "',' (the default) or '|' (JOOR's flat-file FTP customer sync)", "template cell delimiter"),
            setting("data-services.format", Type.CHOICE, "xlsx",
                    "'xlsx' (the default: the Excel workbook the Customer Data Template is) or 'csv'",
                    "the file Data Services receives; csv for JOOR's flat-file Customer Sync"),
            setting("data-services.mail.from", Type.TEXT, "", "sender of the template e-mails (smtp/smtps endpoint)"),
            setting("data-services.mail.to", Type.TEXT, "", "address(es) at JOOR the template goes to, comma-separated"),
            setting("data-services.mail.cc", Type.TEXT, "", "copies, comma-separated; empty = none"),
            setting("data-services.mail.subject", Type.TEXT,
                    "JOOR Customer Data Template: {customers} new customers of {shop} (cycle {cycle})",
                    "subject; {shop}, {customers} and {cycle} are filled in"),
            setting("data-services.mail.username", Type.TEXT, "", "SMTP login; empty = the server takes mail without one"),
            secret("data-services.mail.password", "SMTP password (env DATA_SERVICES_MAIL_PASSWORD)"),
            setting("link-report.dir", Type.TEXT, "data/reports", "where --link-report writes its report"),
            setting("link-report.pending-business-days", Type.INTEGER, "3", "0..365",
                    "--link-report lists customers waiting at Data Services longer than this"),
            setting("webhooks.enabled", Type.FLAG, "false", "receive Shopify's customer webhooks (seconds, not a cycle)"),
            setting("webhooks.path", Type.TEXT, "/shopify/webhooks", "the receiver's path on camel.server.port"),
            secret("webhooks.secrets", "the app's client secret(s) deliveries are signed with, comma-separated"
                    + " (the old one too during a rotation; env WEBHOOKS_SECRETS); empty = shopify.client-secret"),
            setting("webhooks.max-body-size", Type.INTEGER, "1048576", "1024..104857600", "largest delivery taken, in bytes"),
            setting("webhooks.removed-customers", Type.CHOICE, "report", "report or dead-letter",
                    "customers Shopify deleted or merged whose code JOOR holds: report (summary, metrics, link report), or also a dead letter each"),
            setting("webhooks.linger", Type.DURATION, "3s", "100ms..5m",
                    "how often stored deliveries are processed: changes close together share a JOOR batch"),
            setting("camel.server.port", Type.INTEGER, "8080", "0..65535",
                    "the webhook receiver's port (Camel's HTTP server; 0 = any free port)"),
            setting("camel.management.port", Type.INTEGER, "9876", "0..65535",
                    "the management server's port (health, metrics); 0 = any free port"));

    private static final Map<String, Setting> BY_KEY = SETTINGS.stream()
            .collect(Collectors.toMap(Setting::key, s -> s, (a, b) -> a, LinkedHashMap::new));
    /** Each setting's environment variable, to its key. */
    private static final Map<String, String> VARIABLES = SETTINGS.stream().map(Setting::key)
            .collect(Collectors.toMap(SettingsCatalog::variable, key -> key));
    /** One number and its unit of a duration like 1h30m. */
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|d|h|m|s)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    private SettingsCatalog() {
    }

    public static boolean isKnown(String key) {
        return BY_KEY.containsKey(key);
    }

    /** The entry of a setting; an unknown key is a programming error. */
    public static Setting get(String key) {
        Setting s = BY_KEY.get(key);
        if (s == null) {
            throw new IllegalArgumentException(key + " is not in the settings catalogue");
        }
        return s;
    }

    /** The settings whose value is a secret. */
    public static List<String> secrets() {
        return SETTINGS.stream().filter(Setting::secret).map(Setting::key).toList();
    }

    /** The settings that may carry a password inside their value (URIs, JDBC URLs). */
    public static List<String> mayHoldPasswords() {
        return SETTINGS.stream().filter(Setting::mayHoldPassword).map(Setting::key).toList();
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
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
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
        return closest(key, BY_KEY.keySet());
    }

    /** The settings as --help lists them: key, default, meaning and range. */
    public static String table() {
        int width = SETTINGS.stream().mapToInt(s -> s.key().length()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (Setting s : SETTINGS) {
            out.append("  ").append(String.format("%-" + width + "s", s.key())).append("  ")
                    .append(s.defaultValue().isEmpty() ? "(empty)" : s.defaultValue()).append("  ")
                    .append(s.meaning()).append(s.range().isEmpty() ? "" : " (" + s.range() + ")")
                    .append(s.secret() ? " [secret]" : "").append('\n');
        }
        return out.toString();
    }

    /** Why this value of a setting is refused by its entry, or null when it is taken. Empty is the default. */
    public static String problem(String key, String value) {
        Values values = new Values(k -> k.equals(key) ? Optional.ofNullable(value) : Optional.empty(), List.of(key));
        return values.problems().isEmpty() ? null : values.problems().get(0);
    }

    /**
     * Every setting of the catalogue read and checked against its entry at once; each problem names
     * its setting. The typed getters give the value, or the default when the value was refused.
     */
    public static final class Values {
        private final Function<String, Optional<String>> lookup;
        private final Map<String, Object> typed = new LinkedHashMap<>();
        private final List<String> problems = new ArrayList<>();

        public Values(Function<String, Optional<String>> lookup) {
            this(lookup, BY_KEY.keySet());
        }

        private Values(Function<String, Optional<String>> lookup, java.util.Collection<String> keys) {
            this.lookup = lookup;
            keys.forEach(key -> typed.put(key, check(get(key))));
        }

        /** The value as given, trimmed; empty when not set. */
        public String raw(String key) {
            get(key);
            return lookup.apply(key).map(String::trim).orElse("");
        }

        /** The value as given, or the default; null when both are empty. For messages. */
        public String given(String key) {
            String v = raw(key);
            v = v.isEmpty() ? get(key).defaultValue() : v;
            return v.isEmpty() ? null : v;
        }

        /** A text, choice, URL or URI setting: its value (the default when refused); null when empty. */
        public String text(String key) {
            return switch (get(key).type()) {
                case TEXT, CHOICE, URL, ENDPOINT_URI, JDBC_URL -> (String) typed.get(key);
                default -> throw new IllegalArgumentException(key + " is a " + get(key).type() + " setting");
            };
        }

        public boolean flag(String key) {
            return (Boolean) typed(key, Type.FLAG);
        }

        /** A whole number; null only for a setting whose default is empty and that is not set. */
        public Integer integer(String key) {
            return (Integer) typed(key, Type.INTEGER);
        }

        public Duration duration(String key) {
            return (Duration) typed(key, Type.DURATION);
        }

        public Instant date(String key) {
            return (Instant) typed(key, Type.DATE);
        }

        /** A percentage as a number; null when not set and without default. */
        public Double percent(String key) {
            return (Double) typed(key, Type.PERCENT);
        }

        @SuppressWarnings("unchecked")
        public List<String> list(String key) {
            return (List<String>) typed(key, Type.LIST);
        }

        /** A problem found by a rule between settings, reported with the catalogue's. */
        public void problem(String message) {
            problems.add(message);
        }

        public List<String> problems() {
            return List.copyOf(problems);
        }

        /** Every problem found, in one exception. */
        public void throwIfProblems() {
            if (!problems.isEmpty()) {
                throw new ConfigurationException(problems);
            }
        }

        private Object typed(String key, Type type) {
            if (get(key).type() != type) {
                throw new IllegalArgumentException(key + " is a " + get(key).type() + " setting, not " + type);
            }
            return typed.get(key);
        }

        /** The typed value of a setting (its default's when it is refused), its problem noted. */
        private Object check(Setting s) {
            String given = raw(s.key());
            Object value = parse(s, given.isEmpty() ? s.defaultValue() : given);
            if (value instanceof Refused refused) {
                problems.add(s.key() + "=" + given + refused.why());
                value = parse(s, s.defaultValue());
            }
            return value;
        }
    }

    /** Why a value is refused: the text after {@code key=value}. */
    private record Refused(String why) {
    }

    /** The typed value, null for empty, or why it is refused. */
    private static Object parse(Setting s, String v) {
        if (v.isEmpty()) {
            return s.type() == Type.LIST ? List.of() : null;
        }
        return switch (s.type()) {
            case FLAG -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false") ? (Object) Boolean.parseBoolean(v)
                    : new Refused(" must be true or false");
            case INTEGER -> integer(s, v);
            case DURATION -> duration(s, v);
            case DATE -> date(v);
            case PERCENT -> v.matches("\\d{1,3}(\\.\\d+)?%?") && Double.parseDouble(v.replace("%", "")) <= 100
                    ? (Object) Double.parseDouble(v.replace("%", ""))
                    : new Refused(" is not a percentage " + s.range() + " (like 10 or 12.5)");
            case CHOICE -> allowed(s).stream().anyMatch(v::equalsIgnoreCase) ? v : new Refused(" must be " + s.range());
            case LIST -> Arrays.stream(v.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
            case URL -> url(v);
            case ENDPOINT_URI -> v.matches("[a-zA-Z][a-zA-Z0-9+.-]*:.+") ? v
                    : new Refused(" is not a Camel endpoint URI (like " + s.defaultValue() + ")");
            case JDBC_URL -> v.startsWith("jdbc:h2:") || v.startsWith("jdbc:postgresql:") ? v
                    : new Refused(" is neither an H2 (jdbc:h2:...) nor a PostgreSQL (jdbc:postgresql://...) URL");
            case TEXT -> v;
        };
    }

    private static Object integer(Setting s, String v) {
        String[] range = s.range().split("\\.\\.");
        Refused outOfRange = new Refused(" is out of range (" + s.range() + ")");
        try {
            long n = Long.parseLong(v);
            return n < Long.parseLong(range[0]) || n > Long.parseLong(range[1]) ? outOfRange : (Object) (int) n;
        } catch (NumberFormatException e) {
            return v.matches("[+-]?\\d+") ? outOfRange : new Refused(" is not a whole number");
        }
    }

    private static Object duration(Setting s, String v) {
        String[] range = s.range().split("\\.\\.");
        Duration d;
        try {
            d = parseDuration(v);
        } catch (ArithmeticException e) {
            d = null; // longer than any duration
        } catch (RuntimeException e) {
            return new Refused(" is not a duration (like 15m, 1h, 300s, 1d)");
        }
        if (d == null || d.compareTo(parseDuration(range[0])) < 0 || d.compareTo(parseDuration(range[1])) > 0) {
            return new Refused(" is out of range (" + s.range() + ")");
        }
        return d;
    }

    private static Object date(String v) {
        try {
            return v.length() <= 10 ? LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            return new Refused(" is not a date (2026-11-01) or an ISO-8601 date-time (2026-11-01T00:00:00Z)");
        }
    }

    private static Object url(String v) {
        try {
            java.net.URI uri = java.net.URI.create(v);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                return new Refused(" is not an http(s) URL");
            }
            return v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
        } catch (IllegalArgumentException e) {
            return new Refused(" is not a URL: " + e.getMessage());
        }
    }

    /** The values a choice takes: those quoted in its range, else the words around "or". */
    static List<String> allowed(Setting s) {
        List<String> quoted = new ArrayList<>();
        Matcher m = QUOTED.matcher(s.range());
        while (m.find()) {
            quoted.add(m.group(1));
        }
        return quoted.isEmpty() ? List.of(s.range().split(" or ")) : quoted;
    }

    /**
     * A duration like 15m, 1h, 300s, 1d, 1h30m (or ISO-8601, PT15M); a number without a unit is
     * milliseconds, as in Camel. Strictly: Camel's own reading takes -1d for 0 and lets
     * 9999999999999d overflow into a negative duration.
     */
    public static Duration parseDuration(String text) {
        if (text.startsWith("P") || text.startsWith("p")) {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                if (e.getCause() instanceof ArithmeticException overflow) {
                    throw overflow;
                }
                throw e;
            }
        }
        Matcher part = DURATION_PART.matcher(text.startsWith("-") ? text.substring(1) : text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (part.lookingAt()) {
            if (part.group(1).length() > 18) {
                throw new ArithmeticException("too long");
            }
            long n = Long.parseLong(part.group(1));
            String unit = part.group(2) == null ? "ms" : part.group(2).toLowerCase(Locale.ROOT);
            total = total.plus(switch (unit) {
                case "d" -> Duration.ofSeconds(Math.multiplyExact(n, 86_400L));
                case "h" -> Duration.ofSeconds(Math.multiplyExact(n, 3_600L));
                case "m" -> Duration.ofSeconds(Math.multiplyExact(n, 60L));
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMillis(n);
            });
            end = part.end();
            part.region(end, part.regionEnd());
        }
        if (end == 0 || end != part.regionEnd()) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        return text.startsWith("-") ? total.negated() : total;
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
