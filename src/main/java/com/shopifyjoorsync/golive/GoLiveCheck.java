package com.shopifyjoorsync.golive;

import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopifyjoorsync.golive.GoLiveReport.Check;
import com.shopifyjoorsync.joor.ConnectionListPages;
import com.shopifyjoorsync.joor.JoorException;
import com.shopifyjoorsync.joor.JoorRateLimitedException;
import com.shopifyjoorsync.joor.KnownCustomerCodes;
import com.shopifyjoorsync.observe.DeadLetterFolder;
import com.shopifyjoorsync.observe.SecretMask;
import com.shopifyjoorsync.shopify.CustomerCount;
import com.shopifyjoorsync.shopify.ShopifyException;
import com.shopifyjoorsync.shopify.ShopifyResponses;
import com.shopifyjoorsync.state.StateStore;
import com.shopifyjoorsync.webhooks.WebhookSubscriptionPlan;
import com.shopifyjoorsync.webhooks.WebhookSubscriptions;

import org.apache.camel.Exchange;

/**
 * {@code --check} (routes/check.camel.yaml): turns what Shopify, JOOR, the endpoints and the state
 * store answered into one finding per check, each OK, or PROBLEM with what to do, or NOT CHECKED
 * with why. The route makes the calls; a failed call arrives here as the caught exception and never
 * stops the other checks.
 *
 * <p>Bean {@code sjsGoLiveCheck}; the findings ride in the exchange property {@value #REPORT}.
 */
public final class GoLiveCheck {

    /** Exchange property holding the {@link GoLiveReport} of the run. */
    public static final String REPORT = "goLiveReport";

    /** A Customer Code that is a Shopify customer id: the number of its admin URL (legacyResourceId). */
    private static final Pattern SHOPIFY_ID = Pattern.compile("[1-9][0-9]{0,19}");
    private static final Pattern CURRENCY_WORD = Pattern.compile("\\b[A-Z]{3}\\b");
    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

    /**
     * JOOR publishes no header telling the credits left (JOOR's v2 reference (api-docs.jooraccess.com) names only the account header
     * {@code X-Throttling-Account-Id}). These common rate-limit header names are read when present;
     * the assumption lives here only.
     */
    static final List<String> CREDITS_LEFT_HEADERS = List.of("X-RateLimit-Remaining", "RateLimit-Remaining");
    static final List<String> CREDITS_LIMIT_HEADERS = List.of("X-RateLimit-Limit", "RateLimit-Limit");
    static final String ACCOUNT_HEADER = "X-Throttling-Account-Id";

    /**
     * What the checks compare the answers with: the settings of the run.
     *
     * @param shopifyClientCredentials whether the client-credentials grant is used (else a static token)
     * @param cluster                  sync.cluster.enabled: the nodes that check in are told
     */
    public record Settings(String shopifyBaseUrl, String shopifyApiVersion, boolean shopifyClientCredentials,
            List<String> customerTags, String joorPriceLabel, String joorApiUrl, int joorCreditsPerWindow,
            Duration joorCreditWindow, String dataServicesUri, String deadLetterUri, String stateJdbcUrl,
            String clusterScheduler) {
    }

    private final Settings settings;
    private final StateStore state;
    private final LongSupplier shopifyPoints;
    private final LongSupplier joorCredits;

    /**
     * @param shopifyPoints the Shopify points spent by the process so far
     * @param joorCredits   the JOOR credits spent by the process so far
     */
    public GoLiveCheck(Settings settings, StateStore state, LongSupplier shopifyPoints, LongSupplier joorCredits) {
        this.settings = settings;
        this.state = state;
        this.shopifyPoints = shopifyPoints;
        this.joorCredits = joorCredits;
    }

    /** A new report; protected customer data is said at once: the API cannot tell it. */
    public GoLiveReport begin() {
        GoLiveReport report = new GoLiveReport(shopifyPoints.getAsLong(), joorCredits.getAsLong());
        report.notChecked(Check.PROTECTED_DATA, "Shopify's API does not tell whether the app may read protected"
                + " customer data: make sure the app has access to customer names, e-mails, phones and addresses"
                + " (protected customer data, level 2) in its settings; without it Shopify hands those fields out"
                + " empty");
        return report;
    }

    /** The report, with what the run spent. */
    public GoLiveReport finish(Exchange exchange) {
        GoLiveReport report = report(exchange);
        report.spent(shopifyPoints.getAsLong(), joorCredits.getAsLong());
        return report;
    }

    // ------------------------------------------------------------------ Shopify

    /** The shop query answered: credentials accepted, the version served, the shop's currency. */
    public void shopAnswered(Exchange exchange) {
        GoLiveReport report = report(exchange);
        report.ok(Check.SHOPIFY_CREDENTIALS, "accepted by " + settings.shopifyBaseUrl() + " ("
                + (settings.shopifyClientCredentials() ? "client-credentials grant of shopify.client-id"
                        : "shopify.access-token") + ")");
        String asked = settings.shopifyApiVersion();
        String served = exchange.getMessage().getHeader(ShopifyResponses.API_VERSION_HEADER, String.class);
        if (served == null || served.isBlank()) {
            report.notChecked(Check.SHOPIFY_API_VERSION, "Shopify did not say which version it served (no "
                    + ShopifyResponses.API_VERSION_HEADER + " header; a proxy in between?); " + asked + " was asked for");
        } else if (served.equals(asked)) {
            report.ok(Check.SHOPIFY_API_VERSION, served + " served as asked");
        } else {
            report.problem(Check.SHOPIFY_API_VERSION, "asked for " + asked + ", Shopify served " + served + ": "
                    + asked + " is unknown or no longer supported; set shopify.api-version to a supported version");
        }
        String currency = exchange.getProperty("shopCurrency", String.class);
        String label = settings.joorPriceLabel();
        String otherCurrency = currencyNamedIn(label, currency);
        if (otherCurrency != null) {
            report.problem(Check.SHOP_CURRENCY, currency + ", but joor.price-label \"" + label + "\" names "
                    + otherCurrency + ": set joor.price-label to the price label JOOR pairs with " + currency);
        } else {
            report.ok(Check.SHOP_CURRENCY, currency + ": customers go to JOOR with price currency " + currency
                    + " and price label \"" + label + "\" (JOOR must have that pair, exactly as on your styles)");
        }
    }

    public void shopFailed(Exchange exchange) {
        GoLiveReport report = report(exchange);
        report.problem(Check.SHOPIFY_CREDENTIALS, describe(caught(exchange), "Shopify", settings.shopifyBaseUrl(),
                "shopify.shop (or shopify.base-url)"));
        String needs = "needs Shopify to accept the credentials (see above)";
        report.notChecked(Check.SHOPIFY_API_VERSION, needs);
        report.notChecked(Check.SHOP_CURRENCY, needs);
    }

    /** The app's access scopes (handles): read_customers is what the sync needs. */
    public void accessScopes(Exchange exchange) {
        List<?> granted = exchange.getMessage().getBody(List.class);
        GoLiveReport report = report(exchange);
        if (granted.contains("read_customers")) {
            report.ok(Check.SHOPIFY_SCOPES, "read_customers granted");
        } else if (granted.contains("write_customers")) {
            report.ok(Check.SHOPIFY_SCOPES, "read_customers granted (as write_customers)");
        } else {
            report.problem(Check.SHOPIFY_SCOPES, "read_customers is not granted (the app has: "
                    + (granted.isEmpty() ? "no scope" : granted.stream().map(String::valueOf)
                            .collect(Collectors.joining(", "))) + "): add the read_customers scope to the app"
                    + " (a Dev Dashboard app: in a new version, released and installed on the shop)");
        }
    }

    public void accessScopesFailed(Exchange exchange) {
        shopifyCheckFailed(exchange, Check.SHOPIFY_SCOPES);
    }

    /** How many customers the export tags select. */
    public void taggedCustomers(Exchange exchange) {
        CustomerCount count = exchange.getMessage().getBody(CustomerCount.class);
        GoLiveReport report = report(exchange);
        String tags = String.join(" or ", settings.customerTags());
        if (count.count() == 0) {
            report.problem(Check.TAGGED_CUSTOMERS, "no customer carries " + tags + ": tag the wholesale customers in"
                    + " Shopify, or set shopify.customer-tags to the tags they carry");
        } else {
            report.ok(Check.TAGGED_CUSTOMERS, (count.atLeast() ? "at least " : "") + count.count() + " customers carry "
                    + tags);
        }
    }

    public void taggedCustomersFailed(Exchange exchange) {
        shopifyCheckFailed(exchange, Check.TAGGED_CUSTOMERS);
    }

    private void shopifyCheckFailed(Exchange exchange, Check check) {
        GoLiveReport report = report(exchange);
        if (report.has(Check.SHOPIFY_CREDENTIALS, GoLiveReport.Status.PROBLEM)) {
            report.notChecked(check, "needs Shopify to accept the credentials (see above)");
        } else {
            report.problem(check, describe(caught(exchange), "Shopify", settings.shopifyBaseUrl(),
                    "shopify.shop (or shopify.base-url)"));
        }
    }

    // ------------------------------------------------------------------ webhooks

    /** The app's subscriptions for the receiver's topics, read into the plan (exchange property webhookPlan). */
    public void webhookSubscriptions(Exchange exchange) {
        WebhookSubscriptionPlan plan = exchange.getProperty(WebhookSubscriptions.PLAN, WebhookSubscriptionPlan.class);
        GoLiveReport report = report(exchange);
        List<String> missing = plan.missing();
        List<String> notJson = plan.notJson();
        String path = exchange.getContext().resolvePropertyPlaceholders("{{webhooks.path}}");
        String register = "java -jar target/shopify-joor-sync.jar --register-webhooks https://<this sync's public host>"
                + path;
        if (!missing.isEmpty()) {
            report.problem(Check.WEBHOOK_SUBSCRIPTIONS, "Shopify has no subscription for " + String.join(", ", missing)
                    + ": webhooks.enabled=true receives nothing for " + (missing.size() == 1 ? "it" : "them")
                    + "; run " + register);
        } else if (!notJson.isEmpty()) {
            report.problem(Check.WEBHOOK_SUBSCRIPTIONS, String.join(", ", notJson) + " delivered as XML, which the"
                    + " receiver refuses; run " + register);
        } else {
            report.ok(Check.WEBHOOK_SUBSCRIPTIONS, "every topic the receiver takes is subscribed ("
                    + plan.topicValues().size() + "), delivering to " + String.join(", ", plan.uris()));
        }
    }

    public void webhookSubscriptionsFailed(Exchange exchange) {
        shopifyCheckFailed(exchange, Check.WEBHOOK_SUBSCRIPTIONS);
    }

    public void webhooksOff(Exchange exchange) {
        report(exchange).notChecked(Check.WEBHOOK_SUBSCRIPTIONS, "webhooks.enabled=false: the sync polls every"
                + " sync.interval and needs no subscription");
    }

    // ------------------------------------------------------------------ JOOR

    /** JOOR answered the connection list read (whatever the status): what it says of the credit budget. */
    public void joorAnswered(Exchange exchange) {
        GoLiveReport report = report(exchange);
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        report.joorStatus(status == null ? 0 : status);
        String left = header(exchange, CREDITS_LEFT_HEADERS);
        String limit = header(exchange, CREDITS_LIMIT_HEADERS);
        String account = header(exchange, List.of(ACCOUNT_HEADER));
        String pacing = "the sync paces itself to joor.credits-per-window=" + settings.joorCreditsPerWindow() + " per "
                + settings.joorCreditWindow().toSeconds() + " s and waits out a 429 when the account's other"
                + " integrations spent them";
        String ofAccount = account == null ? "" : " of account " + account;
        if (left == null) {
            report.notChecked(Check.JOOR_CREDITS, "JOOR does not report the credits left" + ofAccount
                    + " (no rate-limit header in its answer); " + pacing);
        } else if (limit != null && !limit.strip().equals(Integer.toString(settings.joorCreditsPerWindow()))) {
            report.problem(Check.JOOR_CREDITS, "JOOR reports " + left.strip() + " credits left of " + limit.strip()
                    + " per window" + ofAccount + ", but joor.credits-per-window is " + settings.joorCreditsPerWindow()
                    + ": set it to " + limit.strip());
        } else {
            report.ok(Check.JOOR_CREDITS, "JOOR reports " + left.strip() + " credits left"
                    + (limit == null ? "" : " of " + limit.strip()) + " in the current window" + ofAccount + "; "
                    + pacing);
        }
    }

    /** One page of the connection list, read in JOOR's envelope: how many have a Shopify id as Customer Code. */
    public void joorConnections(Exchange exchange) {
        List<?> page = exchange.getMessage().getBody(List.class);
        GoLiveReport report = report(exchange);
        report.ok(Check.JOOR_TOKEN, "accepted by " + settings.joorApiUrl());
        long linked = page.stream().map(c -> ConnectionListPages.code((JsonNode) c))
                .filter(code -> code != null && SHOPIFY_ID.matcher(code).matches()).count();
        boolean more = exchange.getProperty(KnownCustomerCodes.NEXT_START_PROPERTY) != null;
        if (page.isEmpty()) {
            report.ok(Check.JOOR_CONNECTIONS, "envelope recognised; JOOR has no connection yet: every tagged"
                    + " customer goes to Data Services as new");
        } else if (linked == 0) {
            report.problem(Check.JOOR_CONNECTIONS, "envelope recognised, but none of the " + page.size()
                    + " connections of the first page has a Shopify customer id as Customer Code: the sync would send"
                    + " every tagged customer to Data Services as new, those JOOR already has too; link them first"
                    + " (--link-report lists them with their likely Shopify customer)");
        } else {
            report.ok(Check.JOOR_CONNECTIONS, "envelope recognised; first page: " + page.size() + " connections, "
                    + linked + " with a Shopify customer id as Customer Code"
                    + (more ? " (more pages follow: a cycle reads them all)" : ""));
        }
    }

    public void joorFailed(Exchange exchange) {
        GoLiveReport report = report(exchange);
        Throwable error = caught(exchange);
        int status = report.joorStatus();
        if (error instanceof JoorRateLimitedException limited) {
            report.problem(Check.JOOR_TOKEN, "JOOR answered 429: the account's credits are spent right now (the"
                    + " brand's other integrations share them); run --check again in "
                    + Math.max(1, limited.retryAfter().toSeconds()) + " s");
            report.notChecked(Check.JOOR_CONNECTIONS, "needs an answer from JOOR (see above)");
        } else if (status >= 200 && status < 300) {
            report.ok(Check.JOOR_TOKEN, "accepted by " + settings.joorApiUrl());
            report.problem(Check.JOOR_CONNECTIONS, describe(error, "JOOR", settings.joorApiUrl(), "joor.api-url")
                    + " (a cycle would fail the same way: tell JOOR, or check joor.api-url)");
        } else {
            report.problem(Check.JOOR_TOKEN, describe(error, "JOOR", settings.joorApiUrl(), "joor.api-url"));
            report.notChecked(Check.JOOR_CONNECTIONS, "needs JOOR to accept the token (see above)");
        }
        if (status == 0) {
            report.notChecked(Check.JOOR_CREDITS, "needs an answer from JOOR (see above)");
        }
    }

    // ------------------------------------------------------------------ endpoints and state

    public void dataServices(Exchange exchange) {
        EndpointReach.Result result = EndpointReach.of(exchange.getContext(), settings.dataServicesUri(),
                "data-services.endpoint-uri", "the first template file tells: ask JOOR Data Services to confirm it"
                        + " arrived");
        record(report(exchange), Check.DATA_SERVICES, result.status(), result.text());
    }

    public void deadLetter(Exchange exchange) {
        EndpointReach.Result result = EndpointReach.of(exchange.getContext(), settings.deadLetterUri(),
                "sync.dead-letter-uri", "the first dead letter tells");
        String text = result.text();
        DeadLetterFolder folder = DeadLetterFolder.of(settings.deadLetterUri());
        long waiting = folder == null ? 0 : folder.waiting();
        if (result.status() == GoLiveReport.Status.OK && waiting > 0) {
            text += "; " + waiting + " dead letters wait in it (read them, fix the cause, then --replay-dead-letters)";
        }
        record(report(exchange), Check.DEAD_LETTER, result.status(), text);
    }

    /** The store opened and migrated at start (or the start would have failed): its version and watermark. */
    public void stateStore(Exchange exchange) {
        GoLiveReport report = report(exchange);
        String where = SecretMask.mask(settings.stateJdbcUrl());
        try {
            StateStore.SchemaVersion version = state.schemaVersion();
            Instant watermark = state.watermark();
            if (version.pending() > 0) {
                report.problem(Check.STATE_STORE, where + " lacks " + version.pending() + " schema migrations: start"
                        + " the sync once to apply them");
                return;
            }
            report.ok(Check.STATE_STORE, "opened and migrated (schema version " + version.version() + ") at " + where
                    + "; " + (watermark == null ? "no cycle completed yet: the first reads every tagged customer"
                            : "watermark " + watermark + ": the next cycle reads what changed since (less sync.overlap)")
                    + (settings.clusterScheduler() != null ? "; " + cluster() : ""));
        } catch (RuntimeException e) {
            report.problem(Check.STATE_STORE, where + " cannot be read: " + root(e).getMessage()
                    + ": check sync.state.jdbc-url and its credentials");
        }
    }

    /** sync.cluster.enabled: which nodes check in now (--check itself never joins the cluster). */
    private String cluster() {
        long now = System.currentTimeMillis();
        List<StateStore.ClusterNode> alive = state.clusterNodes(settings.clusterScheduler()).stream().filter(n -> n.alive(now)).toList();
        return alive.isEmpty() ? "cluster: no node checks in now (the first node started takes the shop)"
                : "cluster: " + alive.size() + (alive.size() == 1 ? " node checks" : " nodes check") + " in ("
                        + String.join(", ", alive.stream().map(StateStore.ClusterNode::name).toList())
                        + "): one polls the shop at a time";
    }

    // ------------------------------------------------------------------ helpers

    private static void record(GoLiveReport report, Check check, GoLiveReport.Status status, String text) {
        switch (status) {
            case OK -> report.ok(check, text);
            case PROBLEM -> report.problem(check, text);
            default -> report.notChecked(check, text);
        }
    }

    private static GoLiveReport report(Exchange exchange) {
        return exchange.getProperty(REPORT, GoLiveReport.class);
    }

    private static Throwable caught(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return error != null ? error : exchange.getException();
    }

    /** The first of these headers JOOR sent, its name in any case (HTTP header names are case-insensitive). */
    private static String header(Exchange exchange, List<String> names) {
        for (String name : names) {
            for (var header : exchange.getMessage().getHeaders().entrySet()) {
                if (header.getKey().equalsIgnoreCase(name) && header.getValue() != null
                        && !header.getValue().toString().isBlank()) {
                    return header.getValue().toString();
                }
            }
        }
        return null;
    }

    /** A currency code other than the shop's named in the price label ("Wholesale EUR"), or null. */
    static String currencyNamedIn(String label, String shopCurrency) {
        if (label == null) {
            return null;
        }
        Matcher m = CURRENCY_WORD.matcher(label);
        while (m.find()) {
            if (CURRENCIES.contains(m.group()) && !m.group().equals(shopCurrency)) {
                return m.group();
            }
        }
        return null;
    }

    /** Our exceptions say what went wrong and what to check; anything else is a failure to reach the system. */
    private static String describe(Throwable error, String system, String url, String setting) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ShopifyException || t instanceof JoorException) {
                return t.getMessage();
            }
        }
        Throwable root = root(error);
        return "cannot reach " + system + " at " + url + ": " + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ": check " + setting + " and the network";
    }

    private static Throwable root(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
