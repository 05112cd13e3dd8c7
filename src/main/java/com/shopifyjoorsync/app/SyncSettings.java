package com.shopifyjoorsync.app;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.shopifyjoorsync.mapping.JoorFieldLimits;
import com.shopifyjoorsync.mapping.MappingDefaults;


/**
 * Every setting of application.properties, read once and validated together so that one start
 * reports every problem, each naming its setting. Nothing is sent before this passes.
 */
public record SyncSettings(
        boolean customersEnabled,
        Duration interval,
        Duration overlap,
        Instant initialSince,
        Duration fullSweep,
        String stateJdbcUrl,
        String stateUsername,
        String statePassword,
        String shopKey,
        String deadLetterUri,
        String workDir,
        int redeliveryMaxAttempts,
        Duration redeliveryDelay,
        String shopifyBaseUrl,
        String shopifyApiVersion,
        String shopifyAccessToken,
        String shopifyClientId,
        String shopifyClientSecret,
        List<String> customerTags,
        int shopifyMaxPageSize,
        String joorApiUrl,
        String joorApiToken,
        String joorPriceLabel,
        int joorCreditsPerWindow,
        Duration joorCreditWindow,
        int joorBatchSize,
        int joorListPageSize,
        Duration joorJobPollTimeout,
        Duration joorJobPollInterval,
        String dataServicesEndpointUri,
        String dataServicesPassword,
        char dataServicesDelimiter,
        long progressEveryCustomers,
        Duration progressInterval,
        String customerMapping,
        MappingDefaults mappingDefaults,
        double joorIndexShrinkTolerance,
        Integer joorIndexAcceptCodes,
        int joorJobMaxResends,
        Duration joorJobMaxAge,
        Duration joorRateLimitTimeout) {

    /** The product's default and shortest allowed interval (JOOR: "cannot be made shorter than the default"). */
    public static final Duration MIN_INTERVAL = Duration.ofMinutes(15);
    /** The longest interval, overlap and job age taken: beyond it a value is a typo (and overflows milliseconds soon). */
    static final Duration MAX_DAYS = Duration.ofDays(30);
    /** The delimiters the README allows: ',' (the default), '|' for JOOR's flat-file FTP customer sync. */
    static final String DELIMITERS = ",|";
    /** One number and its unit of a duration like 1h30m. */
    private static final java.util.regex.Pattern DURATION_PART = java.util.regex.Pattern.compile(
            "(\\d+)(ms|d|h|m|s)?", java.util.regex.Pattern.CASE_INSENSITIVE);
    /** The customer mapping's file name, next to the routes. */
    public static final String CUSTOMER_MAPPING_FILE = "customer-mapping.jslt";

    /**
     * The checks that need the running Camel: an endpoint URI resolvable by the CamelContext, the
     * mapping file readable and right. Each returns its problems, empty when all is well.
     */
    public interface Checks {
        Checks NONE = new Checks() {
            @Override
            public List<String> endpoint(String key, String uri) {
                return List.of();
            }

            @Override
            public List<String> mapping(String key, String location, MappingDefaults defaults) {
                return List.of();
            }
        };

        List<String> endpoint(String key, String uri);

        List<String> mapping(String key, String location, MappingDefaults defaults);
    }

    /** Reads and validates; throws {@link ConfigurationException} listing every problem found. */
    public static SyncSettings read(Function<String, Optional<String>> lookup) {
        return read(lookup, Checks.NONE);
    }

    /** Reads and validates, with the checks that need Camel; one exception lists every problem. */
    public static SyncSettings read(Function<String, Optional<String>> lookup, Checks checks) {
        Reader r = new Reader(lookup);
        boolean enabled = r.bool("sync.customers.enabled", true);
        Duration interval = r.duration("sync.interval", MIN_INTERVAL, Duration.ZERO, MAX_DAYS);
        if (interval != null && interval.compareTo(MIN_INTERVAL) < 0) {
            r.problem("sync.interval=" + r.raw("sync.interval") + " is shorter than the default "
                    + "(15m): the interval can be lengthened, never shortened");
        }
        // 0: no re-read behind the watermark
        Duration overlap = r.duration("sync.overlap", Duration.ofDays(1), Duration.ZERO, MAX_DAYS);
        Instant initialSince = r.instant("sync.initial-since");
        // 0: every cycle is a full sweep
        Duration fullSweep = r.duration("sync.full-sweep", Duration.ofDays(1), Duration.ZERO, Duration.ofDays(365));
        String jdbcUrl = r.required("sync.state.jdbc-url", "jdbc:h2:file:./data/state/sync");
        if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            r.problem("sync.state.jdbc-url=" + jdbcUrl + " is neither an H2 (jdbc:h2:...) nor a PostgreSQL "
                    + "(jdbc:postgresql://...) URL");
        }
        String stateUser = r.optional("sync.state.username");
        String statePassword = r.optional("sync.state.password");
        String deadLetterUri = r.endpointUri("sync.dead-letter-uri", "file:data/dead-letter");
        if (deadLetterUri != null) {
            checks.endpoint("sync.dead-letter-uri", deadLetterUri).forEach(r::problem);
        }
        String workDir = r.required("sync.work-dir", "data/work");
        if (java.nio.file.Files.isRegularFile(java.nio.file.Path.of(workDir))) {
            r.problem("sync.work-dir=" + workDir + " is a file, not a folder");
        }
        String logFormat = LogFormat.problem(r.required("sync.log-format", "text"));
        if (logFormat != null) {
            r.problem(logFormat);
        }
        // read by the schedule route: checked here so that a typo stops the start
        r.bool("sync.schedule.enabled", true);
        int maxAttempts = r.integer("sync.redelivery.max-attempts", 5, 0, 100);
        // retries without a pause would hammer a service that is down
        Duration redeliveryDelay = r.duration("sync.redelivery.delay", Duration.ofSeconds(1), Duration.ofMillis(1),
                Duration.ofMinutes(1));
        // the management server's port (health, metrics): Camel ignores a value it cannot read
        r.integer("camel.management.port", 9876, 0, 65535);

        String shop = r.optional("shopify.shop");
        String baseUrl = r.optional("shopify.base-url");
        if (baseUrl == null && shop != null) {
            baseUrl = shop.contains(".") ? "https://" + shop : "https://" + shop + ".myshopify.com";
        }
        if (baseUrl == null) {
            r.problem("shopify.shop is not set: name the store (my-store for https://my-store.myshopify.com), "
                    + "or run with --sandbox to try the product against the embedded sandbox");
        } else {
            baseUrl = r.url(shop != null && r.optional("shopify.base-url") == null ? "shopify.shop" : "shopify.base-url",
                    stripSlash(baseUrl));
        }
        String apiVersion = r.required("shopify.api-version", "2026-10");
        if (apiVersion != null && !apiVersion.matches("\\d{4}-\\d{2}|unstable")) {
            r.problem("shopify.api-version=" + apiVersion + " is not a Shopify API version (like 2026-10)");
        }
        String token = r.optional("shopify.access-token");
        String clientId = r.optional("shopify.client-id");
        String clientSecret = r.optional("shopify.client-secret");
        if (token == null && (clientId == null || clientSecret == null)) {
            r.problem("shopify.access-token is not set (environment variable SHOPIFY_ACCESS_TOKEN), nor "
                    + "shopify.client-id with shopify.client-secret; or run with --sandbox to try the product "
                    + "against the embedded sandbox");
        }
        List<String> tags = r.list("shopify.customer-tags", "JOOR_ENABLED,JOOR,WHOLESALE");
        if (tags.isEmpty()) {
            r.problem("shopify.customer-tags is empty: name at least one tag (e.g. JOOR_ENABLED)");
        }
        int pageSize = r.integer("shopify.page-size", 250, 1, 250);

        String joorUrl = r.url("joor.api-url", stripSlash(r.required("joor.api-url", "https://api.jooraccess.com/v2")));
        String joorToken = r.optional("joor.api-token");
        if (joorToken == null) {
            r.problem("joor.api-token is not set (environment variable JOOR_API_TOKEN); "
                    + "or run with --sandbox to try the product against the embedded sandbox");
        }
        String priceLabel = r.optional("joor.price-label");
        if (priceLabel == null) {
            r.problem("joor.price-label is not set: the JOOR price label paired with the shop currency "
                    + "(a price type configured in JOOR, e.g. 'Wholesale USD')");
        }
        int credits = r.integer("joor.credits-per-window", 300, 6, 1_000_000);
        Duration window = r.duration("joor.credit-window", Duration.ofSeconds(300), Duration.ofSeconds(1),
                Duration.ofDays(1));
        int batch = r.integer("joor.batch-size", 200, 1, 1000);
        int listPage = r.integer("joor.list-page-size", 1000, 1, 1000);
        // 0: this cycle does not wait; the next one reads the jobs first
        Duration jobPoll = r.duration("joor.job-poll-timeout", Duration.ofSeconds(60), Duration.ZERO, Duration.ofHours(1));
        // every read costs a credit
        Duration jobPollInterval = r.duration("joor.job-poll-interval", Duration.ofSeconds(2), Duration.ofMillis(10),
                Duration.ofMinutes(5));
        String tolerance = r.required("joor.index-shrink-tolerance", "10");
        if (!tolerance.matches("\\d{1,3}(\\.\\d+)?%?") || Double.parseDouble(tolerance.replace("%", "")) > 100) {
            r.problem("joor.index-shrink-tolerance=" + tolerance + " is not a percentage 0..100 (like 10 or 12.5)");
            tolerance = "10";
        }
        Integer acceptCodes = r.optional("joor.index-accept-codes") == null ? null
                : r.integer("joor.index-accept-codes", 0, 0, Integer.MAX_VALUE);
        int jobMaxResends = r.integer("joor.job-max-resends", 10, 0, 100);
        Duration jobMaxAge = r.duration("joor.job-max-age", Duration.ofDays(1), Duration.ofMillis(1), MAX_DAYS);
        if (jobMaxAge != null && jobPoll != null && jobMaxAge.compareTo(jobPoll) <= 0) {
            r.problem("joor.job-max-age=" + r.required("joor.job-max-age", "1d") + " must be longer than"
                    + " joor.job-poll-timeout=" + r.required("joor.job-poll-timeout", "60s")
                    + ": a job is given up on only after its cycle stopped waiting for it");
        }
        Duration rateLimitTimeout = r.duration("joor.rate-limit-timeout", Duration.ofMinutes(15), Duration.ofSeconds(3),
                MAX_DAYS);
        if (rateLimitTimeout != null && window != null && !window.isNegative()
                && rateLimitTimeout.compareTo(window.multipliedBy(3)) < 0) {
            r.problem("joor.rate-limit-timeout=" + r.required("joor.rate-limit-timeout", "15m") + " must be at least"
                    + " three times joor.credit-window=" + r.required("joor.credit-window", "300s") + ": waiting for"
                    + " JOOR's budget takes up to two windows when nothing is wrong");
        }

        String dsUri = r.endpointUri("data-services.endpoint-uri", "file:data/data-services");
        if (dsUri != null) {
            checks.endpoint("data-services.endpoint-uri", DataServicesEndpoint.atomic(dsUri)).forEach(r::problem);
        }
        String delimiter = r.required("data-services.delimiter", ",");
        String delimiterProblem = delimiterProblem(delimiter);
        if (delimiterProblem != null) {
            r.problem(delimiterProblem);
            delimiter = ",";
        }
        String shopKey = shop != null ? shop : baseUrl == null ? null : URI.create(baseUrl).getHost();
        int progressCustomers = r.integer("sync.progress.customers", 1000, 1, 10_000_000);
        Duration progressInterval = r.duration("sync.progress.interval", Duration.ofSeconds(60), Duration.ofSeconds(1),
                Duration.ofDays(1));
        String discount = r.optional("joor.default-discount");
        if (discount != null && !discount.matches("\\d{1,3}(\\.\\d+)?%?")) {
            r.problem("joor.default-discount=" + discount + " is not a percentage (like 10 or 12.5)");
        } else if (discount != null && Double.parseDouble(discount.replace("%", "")) > 100) {
            r.problem("joor.default-discount=" + discount + " is out of range (0..100)");
        }
        String salesRep = r.optional("joor.default-sales-rep");
        int salesRepMax = JoorFieldLimits.max("sales_rep_code");
        if (salesRep != null && JoorFieldLimits.length(salesRep) > salesRepMax) {
            r.problem("joor.default-sales-rep has " + JoorFieldLimits.length(salesRep) + " characters: JOOR's"
                    + " sales_rep_code allows " + salesRepMax);
        }
        MappingDefaults defaults = new MappingDefaults(priceLabel, r.optional("joor.default-payment-method"),
                r.optional("joor.default-shipping-method"), salesRep,
                discount == null ? null : discount.replace("%", ""));
        String mapping = r.optional("sync.customer-mapping");
        if (mapping == null) {
            mapping = BundleRoutes.file(CUSTOMER_MAPPING_FILE);
        } else if (!mapping.startsWith("file:") && !mapping.startsWith("classpath:")) {
            mapping = "file:" + mapping;
        }
        checks.mapping("sync.customer-mapping", mapping, defaults).forEach(r::problem);
        r.throwIfProblems();
        return new SyncSettings(enabled, interval, overlap, initialSince, fullSweep, jdbcUrl, stateUser,
                statePassword, shopKey, deadLetterUri, workDir, maxAttempts,
                redeliveryDelay, baseUrl, apiVersion, token, clientId, clientSecret, tags, pageSize, joorUrl,
                joorToken, priceLabel, credits, window, batch, listPage, jobPoll, jobPollInterval, dsUri,
                r.optional("data-services.password"), delimiter.charAt(0),
                progressCustomers, progressInterval, mapping, defaults,
                Double.parseDouble(tolerance.replace("%", "")), acceptCodes, jobMaxResends, jobMaxAge, rateLimitTimeout);
    }

    /** Why a data-services.delimiter is refused, or null when it is one of {@link #DELIMITERS}. */
    static String delimiterProblem(String delimiter) {
        return delimiter.length() == 1 && DELIMITERS.contains(delimiter) ? null
                : "data-services.delimiter=" + delimiter + " must be ',' (the default) or '|' (JOOR's flat-file FTP"
                        + " customer sync)";
    }

    /** What toString() shows: never the secrets. */
    @Override
    public String toString() {
        return "SyncSettings[shopify=" + shopifyBaseUrl + ", joor=" + joorApiUrl + ", tags=" + customerTags
                + ", interval=" + interval + "]";
    }

    private static String stripSlash(String url) {
        return url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Collects problems instead of failing on the first. */
    private static final class Reader {
        private final Function<String, Optional<String>> lookup;
        private final List<String> problems = new ArrayList<>();

        Reader(Function<String, Optional<String>> lookup) {
            this.lookup = lookup;
        }

        String raw(String key) {
            return lookup.apply(key).map(String::trim).orElse("");
        }

        String optional(String key) {
            String v = raw(key);
            return v.isEmpty() ? null : v;
        }

        String required(String key, String dflt) {
            String v = optional(key);
            return v == null ? dflt : v;
        }

        void problem(String message) {
            problems.add(message);
        }

        boolean bool(String key, boolean dflt) {
            String v = optional(key);
            if (v == null) {
                return dflt;
            }
            if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(v);
            }
            problem(key + "=" + v + " must be true or false");
            return dflt;
        }

        int integer(String key, int dflt, int min, int max) {
            String v = optional(key);
            if (v == null) {
                return dflt;
            }
            try {
                int n = Integer.parseInt(v);
                if (n < min || n > max) {
                    problem(key + "=" + v + " is out of range (" + min + ".." + max + ")");
                }
                return n;
            } catch (NumberFormatException e) {
                problem(key + "=" + v + (v.matches("[+-]?\\d+") ? " is out of range (" + min + ".." + max + ")"
                        : " is not a whole number"));
                return dflt;
            }
        }

        /** A duration like 15m, 1h, 300s, 1d, 1h30m (or ISO-8601, PT15M) within min..max. */
        Duration duration(String key, Duration dflt, Duration min, Duration max) {
            String v = optional(key);
            if (v == null) {
                return dflt;
            }
            Duration d;
            try {
                d = parseDuration(v);
            } catch (ArithmeticException e) {
                d = null; // longer than any duration
            } catch (RuntimeException e) {
                problem(key + "=" + v + " is not a duration (like 15m, 1h, 300s, 1d)");
                return dflt;
            }
            if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                problem(key + "=" + v + " is out of range (" + human(min) + ".." + human(max) + ")");
                return dflt;
            }
            return d;
        }

        /**
         * Strictly: Camel's own reading takes -1d for 0 and lets 9999999999999d overflow into a negative
         * duration. A number without a unit is milliseconds, as in Camel.
         */
        static Duration parseDuration(String text) {
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
            java.util.regex.Matcher part = DURATION_PART.matcher(text.startsWith("-") ? text.substring(1) : text);
            Duration total = Duration.ZERO;
            int end = 0;
            while (part.lookingAt()) {
                if (part.group(1).length() > 18) {
                    throw new ArithmeticException("too long");
                }
                long n = Long.parseLong(part.group(1));
                String unit = part.group(2) == null ? "ms" : part.group(2).toLowerCase(java.util.Locale.ROOT);
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

        private static String human(Duration d) {
            if (d.isZero()) {
                return "0s";
            }
            if (d.toMillis() % 86_400_000 == 0) {
                return d.toDays() + "d";
            }
            if (d.toMillis() % 3_600_000 == 0) {
                return d.toHours() + "h";
            }
            if (d.toMillis() % 60_000 == 0) {
                return d.toMinutes() + "m";
            }
            return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
        }

        Instant instant(String key) {
            String v = optional(key);
            if (v == null) {
                return null;
            }
            try {
                return v.length() <= 10 ? LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC)
                        : OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e) {
                problem(key + "=" + v + " is not a date (2026-11-01) or an ISO-8601 date-time (2026-11-01T00:00:00Z)");
                return null;
            }
        }

        List<String> list(String key, String dflt) {
            String v = lookup.apply(key).orElse(dflt);
            return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }

        /** A Camel endpoint URI: scheme:rest. Whether Camel can resolve it is the Checks' business. */
        String endpointUri(String key, String dflt) {
            String uri = required(key, dflt);
            if (!uri.matches("[a-zA-Z][a-zA-Z0-9+.-]*:.+")) {
                problem(key + "=" + uri + " is not a Camel endpoint URI (like " + dflt + ")");
                return null;
            }
            return uri;
        }

        String url(String key, String value) {
            if (value == null) {
                return null;
            }
            try {
                URI uri = URI.create(value);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    problem(key + "=" + value + " is not an http(s) URL");
                }
            } catch (IllegalArgumentException e) {
                problem(key + "=" + value + " is not a URL: " + e.getMessage());
            }
            return value;
        }

        void throwIfProblems() {
            if (!problems.isEmpty()) {
                throw new ConfigurationException(problems);
            }
        }
    }
}
