package com.shopifyjoorsync.app;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.shopifyjoorsync.dataservices.DataServicesFormat;
import com.shopifyjoorsync.mapping.JoorFieldLimits;
import com.shopifyjoorsync.mapping.MappingDefaults;


/**
 * The sync's settings, typed, as the beans are built from them: each value checked by its entry in
 * {@link SettingsCatalog} (type, default, range), then the rules between settings below, so that one
 * start reports every problem, each naming its setting. Nothing is sent before this passes.
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
        DataServicesFormat dataServicesFormat,
        long progressEveryCustomers,
        Duration progressInterval,
        String customerMapping,
        MappingDefaults mappingDefaults,
        double joorIndexShrinkTolerance,
        Integer joorIndexAcceptCodes,
        int joorJobMaxResends,
        Duration joorJobMaxAge,
        Duration joorRateLimitTimeout,
        long shopifyBulkThreshold,
        Duration shopifyBulkTimeout,
        String shopEntry) {

    /** The product's default and shortest allowed interval (JOOR: "cannot be made shorter than the default"). */
    public static final Duration MIN_INTERVAL = SettingsCatalog.parseDuration(
            SettingsCatalog.get("sync.interval").defaultValue());
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
        SettingsCatalog.Values values = new SettingsCatalog.Values(lookup);
        SyncSettings settings = read(values, Checks.NONE);
        values.throwIfProblems();
        return settings;
    }

    /**
     * The typed settings from values checked by the catalogue, plus the rules between settings and
     * the checks that need Camel; their problems are added to the values' (null when there are any).
     */
    public static SyncSettings read(SettingsCatalog.Values v, Checks checks) {
        Duration interval = v.duration("sync.interval");
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            v.problem("sync.interval=" + v.raw("sync.interval") + " is shorter than the default "
                    + "(15m): the interval can be lengthened, never shortened");
        }
        String deadLetterUri = v.text("sync.dead-letter-uri");
        checks.endpoint("sync.dead-letter-uri", deadLetterUri).forEach(v::problem);
        String workDir = v.text("sync.work-dir");
        if (java.nio.file.Files.isRegularFile(java.nio.file.Path.of(workDir))) {
            v.problem("sync.work-dir=" + workDir + " is a file, not a folder");
        }

        String shop = v.text("shopify.shop");
        String baseUrl = v.text("shopify.base-url");
        String baseUrlKey = baseUrl != null || shop == null ? "shopify.base-url" : "shopify.shop";
        if (baseUrl == null && shop != null) {
            baseUrl = shop.contains(".") ? "https://" + shop : "https://" + shop + ".myshopify.com";
        }
        if (baseUrl == null) {
            v.problem("shopify.shop is not set: name the store (my-store for https://my-store.myshopify.com), "
                    + "or run with --sandbox to try the product against the embedded sandbox");
        } else {
            baseUrl = url(v, baseUrlKey, stripSlash(baseUrl));
        }
        String apiVersion = v.text("shopify.api-version");
        if (!apiVersion.matches("\\d{4}-\\d{2}|unstable")) {
            v.problem("shopify.api-version=" + apiVersion + " is not a Shopify API version (like 2026-10)");
        }
        String token = v.text("shopify.access-token");
        String clientId = v.text("shopify.client-id");
        String clientSecret = v.text("shopify.client-secret");
        if (token == null && (clientId == null || clientSecret == null)) {
            v.problem("shopify.access-token is not set (environment variable SHOPIFY_ACCESS_TOKEN), nor "
                    + "shopify.client-id with shopify.client-secret; or run with --sandbox to try the product "
                    + "against the embedded sandbox");
        }
        List<String> tags = v.list("shopify.customer-tags");
        if (tags.isEmpty()) {
            v.problem("shopify.customer-tags is empty: name at least one tag (e.g. JOOR_ENABLED)");
        }

        String joorToken = v.text("joor.api-token");
        if (joorToken == null) {
            v.problem("joor.api-token is not set (environment variable JOOR_API_TOKEN); "
                    + "or run with --sandbox to try the product against the embedded sandbox");
        }
        String priceLabel = v.text("joor.price-label");
        if (priceLabel == null) {
            v.problem("joor.price-label is not set: the JOOR price label paired with the shop currency "
                    + "(a price type configured in JOOR, e.g. 'Wholesale USD')");
        }
        Duration jobPoll = v.duration("joor.job-poll-timeout");
        Duration jobMaxAge = v.duration("joor.job-max-age");
        if (jobMaxAge.compareTo(jobPoll) <= 0) {
            v.problem("joor.job-max-age=" + v.given("joor.job-max-age") + " must be longer than"
                    + " joor.job-poll-timeout=" + v.given("joor.job-poll-timeout")
                    + ": a job is given up on only after its cycle stopped waiting for it");
        }
        Duration window = v.duration("joor.credit-window");
        Duration rateLimitTimeout = v.duration("joor.rate-limit-timeout");
        if (rateLimitTimeout.compareTo(window.multipliedBy(3)) < 0) {
            v.problem("joor.rate-limit-timeout=" + v.given("joor.rate-limit-timeout") + " must be at least"
                    + " three times joor.credit-window=" + v.given("joor.credit-window") + ": waiting for"
                    + " JOOR's budget takes up to two windows when nothing is wrong");
        }

        String dsUri = v.text("data-services.endpoint-uri");
        checks.endpoint("data-services.endpoint-uri", DataServicesEndpoint.atomic(dsUri)).forEach(v::problem);
        DataServicesFormat format = DataServicesFormat.of(v.text("data-services.format"));
        String shopKey = shop != null ? shop : baseUrl == null ? null : URI.create(baseUrl).getHost();
        Double discount = v.percent("joor.default-discount");
        String salesRep = v.text("joor.default-sales-rep");
        int salesRepMax = JoorFieldLimits.max("sales_rep_code");
        if (salesRep != null && JoorFieldLimits.length(salesRep) > salesRepMax) {
            v.problem("joor.default-sales-rep has " + JoorFieldLimits.length(salesRep) + " characters: JOOR's"
                    + " sales_rep_code allows " + salesRepMax);
        }
        MappingDefaults defaults = new MappingDefaults(priceLabel, v.text("joor.default-payment-method"),
                v.text("joor.default-shipping-method"), salesRep,
                discount == null ? null : v.given("joor.default-discount").replace("%", ""));
        String mapping = v.text("sync.customer-mapping");
        if (mapping == null) {
            mapping = BundleRoutes.file(CUSTOMER_MAPPING_FILE);
        } else if (!mapping.startsWith("file:") && !mapping.startsWith("classpath:")) {
            mapping = "file:" + mapping;
        }
        checks.mapping("sync.customer-mapping", mapping, defaults).forEach(v::problem);
        if (!v.problems().isEmpty()) {
            return null;
        }
        return new SyncSettings(v.flag("sync.customers.enabled"), interval, v.duration("sync.overlap"),
                v.date("sync.initial-since"), v.duration("sync.full-sweep"), v.text("sync.state.jdbc-url"),
                v.text("sync.state.username"), v.text("sync.state.password"), shopKey, deadLetterUri,
                workDir, v.integer("sync.redelivery.max-attempts"), v.duration("sync.redelivery.delay"),
                baseUrl, apiVersion, token, clientId, clientSecret, tags, v.integer("shopify.page-size"),
                v.text("joor.api-url"), joorToken, priceLabel, v.integer("joor.credits-per-window"), window,
                v.integer("joor.batch-size"), v.integer("joor.list-page-size"), jobPoll,
                v.duration("joor.job-poll-interval"), dsUri,
                v.text("data-services.password"), v.text("data-services.delimiter").charAt(0), format,
                v.integer("sync.progress.customers"), v.duration("sync.progress.interval"), mapping, defaults,
                v.percent("joor.index-shrink-tolerance"), v.integer("joor.index-accept-codes"),
                v.integer("joor.job-max-resends"), jobMaxAge, rateLimitTimeout, v.integer("shopify.bulk-threshold"),
                v.duration("shopify.bulk-timeout"), v.text("sync.shop"));
    }

    /**
     * The shop's name in this deployment: its entry of {@code shops}, else the store (shopify.shop),
     * as log lines, summaries and the metrics' shop label give it.
     */
    public String shopName() {
        return shopEntry != null ? shopEntry : shopKey;
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

    /** The store URL given or built from shopify.shop: http(s) with a host. */
    private static String url(SettingsCatalog.Values v, String key, String value) {
        try {
            URI uri = URI.create(value);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                v.problem(key + "=" + value + " is not an http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            v.problem(key + "=" + value + " is not a URL: " + e.getMessage());
        }
        return value;
    }
}
