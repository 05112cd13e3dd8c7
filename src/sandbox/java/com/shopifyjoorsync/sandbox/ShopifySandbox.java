package com.shopifyjoorsync.sandbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetchingEnvironment;
import graphql.validation.ValidationError;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local fake of Shopify's Admin GraphQL API, serving Shopify's real 2026-10 schema over HTTP on
 * 127.0.0.1 (free port), for the product's tests, benchmarks and quickstart.
 *
 * <ul>
 *   <li>{@code POST /admin/api/{version}/graphql.json} with {@code {"query", "variables", "operationName"}}
 *   (or an {@code application/graphql} body). Queries are parsed and validated by graphql-java against
 *   the real schema; {@code shop}, {@code customers}, {@code customer(id:)}, {@code customersCount} and
 *   {@code currentAppInstallation { accessScopes }} are served (also {@code Shop.customers}); without the
 *   {@code read_customers} scope ({@link #dropAccessScope}) the customer fields answer {@code ACCESS_DENIED}; other root fields answer null, non-null fields the
 *   sandbox has no value for answer a {@code NOT_SUPPORTED_BY_SANDBOX} error; mutations are refused but
 *   those of webhook subscriptions, which {@link #webhooks()} serves and delivers, and
 *   {@code bulkOperationRunQuery} over {@code customers} with {@code bulkOperation(id:)} (see
 *   {@link ShopifySandboxBulk}; results under {@code GET /bulk-results/{token}.jsonl}, no access token).</li>
 *   <li>Header {@code X-Shopify-Access-Token} must be {@link #accessToken()} or a token from
 *   {@code POST /admin/oauth/access_token} (client-credentials grant), else 401.</li>
 *   <li>{@code X-Shopify-API-Version}: the version asked for when it is one of
 *   {@link #SUPPORTED_VERSIONS} (or {@code unstable}), else the oldest, plus
 *   {@code X-Shopify-API-Deprecated-Reason}; {@link #setApiVersionServed(String)} overrides.</li>
 *   <li>Page size at most {@value #MAX_PAGE_SIZE}; {@code first} or {@code last} required; keyset cursors
 *   (see {@link ShopifySandboxStore}); sort keys ID, UPDATED_AT, CREATED_AT (RELEVANCE = ID).</li>
 *   <li>Search syntax and its day-granular dates: see {@link ShopifySandboxSearch}; unknown fields are
 *   ignored with a warning in {@code extensions.search}.</li>
 *   <li>Cost ({@link ShopifySandboxCost}) and a leaky bucket (2000 points, 100/s by default); every answer
 *   carries {@code extensions.cost}; over 1000 requested points is {@code MAX_COST_EXCEEDED}; a bucket
 *   too low is {@code THROTTLED} (HTTP 200 or 429 by {@link #setThrottleHttpStatus(int)}).</li>
 *   <li>{@code customersCount} applies the schema's default {@code limit: 10000} as Shopify does:
 *   beyond it the count is the limit with precision {@code AT_LEAST}.</li>
 *   <li>Times are served to the second in UTC ({@code 2026-11-27T10:15:30Z}); ids as strings.</li>
 * </ul>
 */
public final class ShopifySandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ShopifySandbox.class);

    /** API versions served as asked; any other is served as the oldest one, as Shopify does. */
    public static final List<String> SUPPORTED_VERSIONS = List.of("2026-01", "2026-04", "2026-07", "2026-10");
    public static final int MAX_PAGE_SIZE = 250;
    public static final String SHOP_DOMAIN = "joor-sync-sandbox.myshopify.com";
    public static final String SHOP_NAME = "JOOR Sync Sandbox";
    /** The one access scope the sync needs; granted by default. */
    public static final String READ_CUSTOMERS = "read_customers";
    /** Cursors of the paging faults' invented pages (opaque to a client, as every cursor). */
    private static final String EMPTY_PAGE_CURSOR = "sandbox-empty-page-";
    private static final String WRAP_AROUND_CURSOR = "sandbox-first-page-again";
    static final String INVALID_TOKEN =
            "[API] Invalid API key or access token (unrecognized login or wrong password)";
    private static final Pattern GRAPHQL_PATH = Pattern.compile("^/admin/api/([^/]+)/graphql\\.json$");
    private static final Pattern CUSTOMER_GID = Pattern.compile("^gid://shopify/Customer/(\\d{1,19})$");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT;

    private final ShopifySandboxSchema graph;
    private final ShopifySandboxStore store = new ShopifySandboxStore();
    private final HttpServer server;
    private final ExecutorService executor;
    private final String accessToken = "shpat_" + hex(16);
    private final String clientId = hex(16);
    private final String clientSecret = "shpss_" + hex(16);
    private final Map<String, Long> issuedTokens = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final ShopifySandboxWebhooks webhooks = new ShopifySandboxWebhooks(clientSecret, () -> this.shopCurrency,
            handle -> this.accessScopes.contains(handle));
    private final ShopifySandboxBulk bulk = new ShopifySandboxBulk(this);

    // knobs
    private volatile String shopCurrency;
    private volatile Duration latency = Duration.ZERO;
    private final ShopifySandboxBucket bucket = new ShopifySandboxBucket(2000, 100);
    private volatile boolean unlimited;
    private volatile int throttleHttpStatus = 200;
    private final Object failLock = new Object();
    private int failRemaining;
    private int failAfter;
    private int failStatus;
    private final AtomicInteger throttleRemaining = new AtomicInteger();
    private volatile String apiVersionServed;
    private volatile Duration issuedTokenLifetime = Duration.ofSeconds(86399);
    private volatile boolean echoCredentials;
    private final AtomicInteger tokenFailRemaining = new AtomicInteger();
    private volatile int tokenFailStatus;
    private final Set<String> accessScopes = ConcurrentHashMap.newKeySet();
    private volatile boolean protectedDataHidden;
    private volatile PagingFault pagingFault = PagingFault.NONE;
    private volatile List<Long> onEveryPage = List.of();

    // what happened
    private final AtomicInteger requestCount = new AtomicInteger();
    private final AtomicInteger throttledCount = new AtomicInteger();
    private final AtomicInteger tokenRequestCount = new AtomicInteger();
    private final AtomicLong pointsUsed = new AtomicLong();
    private final List<String> receivedQueries = Collections.synchronizedList(new ArrayList<>());
    private final List<String> receivedSearchQueries = Collections.synchronizedList(new ArrayList<>());

    private ShopifySandbox(DemoData data) throws IOException {
        this.graph = ShopifySandboxSchema.get();
        this.shopCurrency = data == null ? "USD" : data.shopCurrency();
        accessScopes.add(READ_CUSTOMERS);
        if (data != null) {
            store.putAll(data.customers());
        }
        this.server = SandboxHttpServers.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "shopify-sandbox-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        LOG.info("Shopify sandbox listening on {} with {} customers (schema loaded once in {} ms: {})",
                baseUrl(), store.size(), graph.loadMillis(), graph.loadBreakdown());
    }

    /** Starts a sandbox on 127.0.0.1 and a free port, holding copies of {@code data}'s customers. */
    public static ShopifySandbox start(DemoData data) {
        try {
            return new ShopifySandbox(data);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot start the Shopify sandbox", e);
        }
    }

    /** Loads the schema now (it is loaded once per JVM, about 1-2 s); returns the load time in ms. */
    public static long preloadSchema() {
        return ShopifySandboxSchema.get().loadMillis();
    }

    /** e.g. {@code http://127.0.0.1:41234}; the product calls {@code {baseUrl}/admin/api/{version}/graphql.json}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** {@code {baseUrl}/admin/api/{version}/graphql.json}. */
    public String graphqlUrl(String version) {
        return baseUrl() + "/admin/api/" + version + "/graphql.json";
    }

    public String accessToken() {
        return accessToken;
    }

    public String clientId() {
        return clientId;
    }

    public String clientSecret() {
        return clientSecret;
    }

    public String shopDomain() {
        return SHOP_DOMAIN;
    }

    /** Webhook subscriptions and the deliveries made when customers change. */
    public ShopifySandboxWebhooks webhooks() {
        return webhooks;
    }

    // ------------------------------------------------------------------ store

    /** Inserts or replaces (a copy is stored); a null {@code updatedAt} becomes now. Times are kept to the second. */
    public void put(SandboxCustomer c) {
        Objects.requireNonNull(c, "customer");
        SandboxCustomer before = webhooks.active() ? store.get(c.getLegacyResourceId()) : null;
        webhooks.stored(before, store.put(c));
    }

    /**
     * Changes a stored customer as a Shopify admin edit would: applies {@code change} to a copy and
     * stores it, with {@code updatedAt} = now unless {@code change} set another value.
     * Returns the stored copy, or null when there is no such customer.
     */
    public SandboxCustomer update(long legacyResourceId, Consumer<SandboxCustomer> change) {
        SandboxCustomer current = store.get(legacyResourceId);
        if (current == null) {
            return null;
        }
        SandboxCustomer c = current.copy();
        change.accept(c);
        if (Objects.equals(c.getUpdatedAt(), current.getUpdatedAt())) {
            c.setUpdatedAt(null);
        }
        SandboxCustomer stored = store.put(c);
        webhooks.stored(current, stored);
        return stored.copy();
    }

    /** Deletes a customer; true when it existed. */
    public boolean remove(long legacyResourceId) {
        SandboxCustomer gone = store.get(legacyResourceId);
        boolean removed = store.remove(legacyResourceId);
        if (removed) {
            webhooks.removed(gone);
        }
        return removed;
    }

    /** A copy, or null. */
    public SandboxCustomer customer(long legacyResourceId) {
        SandboxCustomer c = store.get(legacyResourceId);
        return c == null ? null : c.copy();
    }

    /** Copies of all customers, in id order. */
    public List<SandboxCustomer> customers() {
        List<SandboxCustomer> all = store.all();
        List<SandboxCustomer> out = new ArrayList<>(all.size());
        for (SandboxCustomer c : all) {
            out.add(c.copy());
        }
        return out;
    }

    public void setShopCurrency(String code) {
        this.shopCurrency = Objects.requireNonNull(code, "code");
    }

    // ------------------------------------------------------------------ knobs

    /** Each GraphQL request sleeps this long before it is answered. */
    public void setLatency(Duration perRequest) {
        this.latency = perRequest == null ? Duration.ZERO : perRequest;
    }

    /** New bucket limits (default 2000 points, 100 points/s); the bucket is full again. */
    public void setBucket(int maximumAvailable, int restoreRatePerSecond) {
        bucket.configure(maximumAvailable, restoreRatePerSecond);
    }

    /** No cost bucket at all; costs are still computed and reported. */
    public void setUnlimited(boolean unlimited) {
        this.unlimited = unlimited;
    }

    /** HTTP status of THROTTLED answers: 200 (default, as most reports show) or 429. */
    public void setThrottleHttpStatus(int status) {
        this.throttleHttpStatus = status;
    }

    /** The next {@code requests} GraphQL requests answer {@code httpStatus} with an error body. */
    public void failNext(int requests, int httpStatus) {
        failAfter(0, requests, httpStatus);
    }

    /** After {@code answered} more GraphQL requests are answered, the {@code requests} next answer {@code httpStatus}. */
    public void failAfter(int answered, int requests, int httpStatus) {
        synchronized (failLock) {
            this.failAfter = Math.max(0, answered);
            this.failRemaining = Math.max(0, requests);
            this.failStatus = httpStatus;
        }
    }

    /** The next {@code requests} GraphQL requests answer THROTTLED whatever the bucket holds. */
    public void throttleNext(int requests) {
        throttleRemaining.set(Math.max(0, requests));
    }

    /** Forces the {@code X-Shopify-API-Version} answered; null (default) = Shopify's rule. */
    public void setApiVersionServed(String version) {
        this.apiVersionServed = version;
    }

    /**
     * The app loses an access scope (as if installed without it): {@code currentAppInstallation}
     * no longer lists it, and without {@value #READ_CUSTOMERS} every customer field answers
     * {@code ACCESS_DENIED}, as Shopify does.
     */
    public void dropAccessScope(String handle) {
        accessScopes.remove(handle);
    }

    /** Lifetime of tokens issued by the client-credentials grant (default 86399 s). */
    public void setIssuedTokenLifetime(Duration lifetime) {
        this.issuedTokenLifetime = Objects.requireNonNull(lifetime, "lifetime");
    }

    /**
     * Answers as Shopify answers an app without access to protected customer data (level 2: name,
     * email, phone, address fields): those fields null, and displayName masked as {@code •••} ("" for
     * a customer with no name, email or phone). Country and province stay.
     */
    public void setProtectedDataHidden(boolean hidden) {
        this.protectedDataHidden = hidden;
    }

    /**
     * Error answers (HTTP 4xx and 5xx) start their message with the credentials of the request, as
     * services and proxies that put request headers in error bodies do: the
     * {@code X-Shopify-Access-Token} header received, or the {@code client_secret} sent to the token endpoint.
     */
    public void echoCredentialsInErrors(boolean echo) {
        this.echoCredentials = echo;
    }

    /** The next {@code requests} client-credentials token requests answer {@code httpStatus}. */
    public void failNextTokenRequests(int requests, int httpStatus) {
        this.tokenFailStatus = httpStatus;
        tokenFailRemaining.set(Math.max(0, requests));
    }

    /** The tokens issued by the client-credentials grant and still valid. */
    public Set<String> issuedTokens() {
        return Set.copyOf(issuedTokens.keySet());
    }

    /** Makes every token issued so far invalid (the next call with one gets 401), as an expiry would. */
    public void expireIssuedTokens() {
        issuedTokens.clear();
    }

    /** Customer pages served wrong on purpose: loops over them must end all the same. */
    public enum PagingFault {
        /** Pages are served as they should be. */
        NONE,
        /** A page asked after a cursor ends at that same cursor and says more follow. */
        CURSOR_STUCK,
        /** After the last page: empty pages, each with a new cursor, each saying more follow. */
        ENDLESS_EMPTY_PAGES,
        /** The last page says more follow, and the next one is the first page again: the cursor comes round. */
        WRAP_AROUND
    }

    /** How the customers connection pages (default {@link PagingFault#NONE}). */
    public void setPagingFault(PagingFault fault) {
        this.pagingFault = Objects.requireNonNull(fault, "fault");
    }

    /** These customers are served on every page of customers (where they belong, and again on each other one). */
    public void serveOnEveryPage(long... legacyResourceIds) {
        this.onEveryPage = Arrays.stream(legacyResourceIds).boxed().toList();
    }

    /** How long a bulk operation takes from creation to its end (default 300 ms); polls meanwhile see CREATED, then RUNNING. */
    public void setBulkDuration(Duration duration) {
        bulk.setDuration(duration);
    }

    /** The next bulk operation ends FAILED with this errorCode (e.g. INTERNAL_SERVER_ERROR), no url, a partialDataUrl. */
    public void failNextBulkOperation(String errorCode) {
        bulk.failNext(errorCode);
    }

    /** The next completed bulk operation reports its url, but the link answers 403 (expired before the download). */
    public void expireNextBulkResult() {
        bulk.refuseNextLink();
    }

    /** Every bulk result URL issued so far answers 403 from now on; those COMPLETED then report EXPIRED, url null. */
    public void expireBulkResults() {
        bulk.expireResults();
    }

    /** The next bulk operation ends CANCELED (no url). */
    public void cancelNextBulkOperation() {
        bulk.cancelNext();
    }

    /** The next completed bulk operation's file holds {@code n} lines fewer than its objectCount says. */
    public void dropBulkResultLines(int n) {
        bulk.dropNext(n);
    }

    /** {@code n} bulk operations of another app start RUNNING on the shop; they count toward the five-at-a-time limit. */
    public void startForeignBulkOperations(int n) {
        bulk.startForeign(n);
    }

    /** The other app's bulk operations end. */
    public void finishForeignBulkOperations() {
        bulk.finishForeign();
    }


    /** GraphQL requests received (whatever their outcome). */
    public int requestCount() {
        return requestCount.get();
    }

    /** GraphQL requests answered THROTTLED. */
    public int throttledCount() {
        return throttledCount.get();
    }

    /** Sum of {@code actualQueryCost} of the queries served. */
    public long pointsUsed() {
        return pointsUsed.get();
    }

    /** Client-credentials token requests received. */
    public int tokenRequestCount() {
        return tokenRequestCount.get();
    }

    /** The query text of each GraphQL request, in order (the raw body when it was not JSON). */
    public List<String> receivedQueries() {
        synchronized (receivedQueries) {
            return Collections.unmodifiableList(new ArrayList<>(receivedQueries));
        }
    }

    /** The non-null {@code query:} arguments that {@code customers(...)} was executed with, in order. */
    public List<String> receivedSearchQueries() {
        synchronized (receivedSearchQueries) {
            return Collections.unmodifiableList(new ArrayList<>(receivedSearchQueries));
        }
    }

    /** bulkOperationRunQuery calls that created an operation. */
    public int bulkOperationsStarted() {
        return bulk.started();
    }

    /** Bulk result files served (HTTP 200), whole or partial. */
    public int bulkResultDownloads() {
        return bulk.downloads();
    }

    /** Requests to bulk result URLs that carried an X-Shopify-Access-Token or Authorization header (a leak). */
    public int bulkResultRequestsWithCredentials() {
        return bulk.requestsWithCredentials();
    }

    public void resetStats() {
        bulk.resetStats();
        requestCount.set(0);
        throttledCount.set(0);
        tokenRequestCount.set(0);
        pointsUsed.set(0);
        receivedQueries.clear();
        receivedSearchQueries.clear();
    }

    /** Stops the server; calling it again does nothing. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        webhooks.close();
        bulk.close();
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ HTTP

    private record Answer(int status, Object body, Map<String, String> headers) {
        Answer(int status, Object body) {
            this(status, body, Map.of());
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Answer answer;
            try {
                String path = ex.getRequestURI().getPath();
                Matcher m = GRAPHQL_PATH.matcher(path);
                if (path.startsWith(ShopifySandboxBulk.RESULTS_PATH)) {
                    bulk.download(ex); // a file, streamed: not a JSON answer
                    return;
                } else if (m.matches()) {
                    answer = echoed(graphqlRequest(ex, m.group(1)),
                            "X-Shopify-Access-Token: " + ex.getRequestHeaders().getFirst("X-Shopify-Access-Token"));
                } else if (path.equals("/admin/oauth/access_token")) {
                    answer = tokenRequest(ex);
                } else {
                    answer = new Answer(404, Map.of("errors", "Not Found"));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer = new Answer(503, Map.of("errors", "Service unavailable"));
            } catch (RuntimeException e) {
                LOG.warn("Shopify sandbox failed on {}", ex.getRequestURI(), e);
                answer = new Answer(500, Map.of("errors", "Internal error in the Shopify sandbox: " + e));
            }
            byte[] bytes = JSON.writeValueAsBytes(answer.body());
            ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            answer.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            ex.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private Answer graphqlRequest(HttpExchange ex, String requestedVersion) throws IOException, InterruptedException {
        requestCount.incrementAndGet();
        byte[] raw;
        try (InputStream in = ex.getRequestBody()) {
            raw = in.readAllBytes();
        }
        String contentType = String.valueOf(ex.getRequestHeaders().getFirst("Content-Type")).toLowerCase(Locale.ROOT);
        Map<String, Object> body = null;
        if (contentType.startsWith("application/graphql")) {
            body = new LinkedHashMap<>();
            body.put("query", new String(raw, StandardCharsets.UTF_8));
        } else {
            try {
                body = JSON.readValue(raw, new TypeReference<Map<String, Object>>() { });
            } catch (IOException | RuntimeException e) {
                body = null;
            }
        }
        Object queryValue = body == null ? null : body.get("query");
        receivedQueries.add(queryValue instanceof String s ? s : new String(raw, StandardCharsets.UTF_8));

        Duration delay = latency;
        if (!delay.isZero() && !delay.isNegative()) {
            Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
        }
        Integer failure = takeFailure();
        if (failure != null) {
            return failureAnswer(failure);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String served = servedVersion(requestedVersion);
        headers.put("X-Shopify-API-Version", served);
        if (!served.equals(requestedVersion)) {
            headers.put("X-Shopify-API-Deprecated-Reason",
                    "https://shopify.dev/api/usage/versioning#deprecation-practices");
        }
        if (!authorized(ex.getRequestHeaders().getFirst("X-Shopify-Access-Token"))) {
            return new Answer(401, Map.of("errors", INVALID_TOKEN), headers);
        }
        if (!"POST".equalsIgnoreCase(ex.getRequestMethod())) {
            return new Answer(405, Map.of("errors", "Method Not Allowed: use POST"), headers);
        }
        if (!(queryValue instanceof String query) || query.isBlank()) {
            return new Answer(400, Map.of("errors", Map.of("query", "Required parameter missing or invalid")), headers);
        }
        Object vars = body.get("variables");
        @SuppressWarnings("unchecked")
        Map<String, Object> variables = vars instanceof Map<?, ?> vm ? (Map<String, Object>) vm : Map.of();
        Object opName = body.get("operationName");
        Map<String, Object> answer = execute(query, variables, opName instanceof String s ? s : null);
        int status = 200;
        if (answer.remove(THROTTLED_MARK) != null) {
            status = throttleHttpStatus;
            if (status == 429) {
                headers.put("Retry-After", "1");
            }
        }
        return new Answer(status, answer, headers);
    }

    private static final String THROTTLED_MARK = "__sandbox_throttled";

    private Integer takeFailure() {
        synchronized (failLock) {
            if (failAfter > 0) {
                failAfter--;
                return null;
            }
            if (failRemaining > 0) {
                failRemaining--;
                return failStatus;
            }
            return null;
        }
    }

    private static Answer failureAnswer(int status) {
        String message = switch (status) {
            case 429 -> "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service unavailable";
            case 504 -> "Gateway Timeout";
            case 401 -> INVALID_TOKEN;
            case 402 -> "Unavailable Shop";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            default -> "Error " + status;
        };
        Map<String, String> headers = status == 429 ? Map.of("Retry-After", "2.0") : Map.of();
        return new Answer(status, Map.of("errors", message), headers);
    }

    private String servedVersion(String requested) {
        String forced = apiVersionServed;
        if (forced != null) {
            return forced;
        }
        if (SUPPORTED_VERSIONS.contains(requested) || "unstable".equals(requested)) {
            return requested;
        }
        return SUPPORTED_VERSIONS.get(0);
    }

    private boolean authorized(String token) {
        if (token == null) {
            return false;
        }
        if (constantTimeEquals(token, accessToken)) {
            return true;
        }
        Long expires = issuedTokens.get(token);
        if (expires == null) {
            return false;
        }
        if (System.nanoTime() - expires > 0) {
            issuedTokens.remove(token);
            return false;
        }
        return true;
    }

    private static boolean constantTimeEquals(String a, String b) {
        return java.security.MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** With {@link #echoCredentialsInErrors}: the request's credentials at the start of an error's message. */
    private Answer echoed(Answer answer, String credentials) {
        if (!echoCredentials || answer.status() < 400 || !(answer.body() instanceof Map<?, ?> body)) {
            return answer;
        }
        Map<String, Object> echoed = new LinkedHashMap<>();
        body.forEach((key, value) -> echoed.put(String.valueOf(key), value));
        for (String field : List.of("errors", "error_description")) {
            if (echoed.get(field) instanceof String message) {
                echoed.put(field, "Request headers: " + credentials + ". " + message);
            }
        }
        return new Answer(answer.status(), echoed, answer.headers());
    }

    private Answer tokenRequest(HttpExchange ex) throws IOException, InterruptedException {
        tokenRequestCount.incrementAndGet();
        if (!"POST".equalsIgnoreCase(ex.getRequestMethod())) {
            return new Answer(405, Map.of("error", "invalid_request", "error_description", "use POST"));
        }
        byte[] raw;
        try (InputStream in = ex.getRequestBody()) {
            raw = in.readAllBytes();
        }
        Duration delay = latency;
        if (!delay.isZero() && !delay.isNegative()) {
            Thread.sleep(delay.toMillis());
        }
        String contentType = String.valueOf(ex.getRequestHeaders().getFirst("Content-Type")).toLowerCase(Locale.ROOT);
        Map<String, String> form = new LinkedHashMap<>();
        if (contentType.startsWith("application/json")) {
            try {
                Map<String, Object> m = JSON.readValue(raw, new TypeReference<Map<String, Object>>() { });
                m.forEach((k, v) -> form.put(k, v == null ? null : String.valueOf(v)));
            } catch (IOException e) {
                return new Answer(400, oauthError("invalid_request", "The request body is not valid JSON."));
            }
        } else {
            String text = new String(raw, StandardCharsets.UTF_8);
            String q = ex.getRequestURI().getRawQuery();
            if (q != null && text.isBlank()) {
                text = q;
            }
            for (String pair : text.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                form.put(k, v);
            }
        }
        return echoed(grant(form), "client_secret=" + form.get("client_secret"));
    }

    private Answer grant(Map<String, String> form) {
        if (tokenFailRemaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            return new Answer(tokenFailStatus, oauthError("temporarily_unavailable",
                    "The token endpoint failed (injected by the sandbox)"));
        }
        String grant = form.get("grant_type");
        if (grant == null || form.get("client_id") == null || form.get("client_secret") == null) {
            return new Answer(400, oauthError("invalid_request",
                    "grant_type, client_id and client_secret are required."));
        }
        if (!"client_credentials".equals(grant)) {
            return new Answer(400, oauthError("unsupported_grant_type",
                    "The authorization grant type is not supported by the authorization server."));
        }
        if (!clientId.equals(form.get("client_id")) || !constantTimeEquals(clientSecret, form.get("client_secret"))) {
            return new Answer(400, oauthError("invalid_client",
                    "Client authentication failed due to unknown client, no client authentication included, "
                            + "or unsupported authentication method."));
        }
        String token = "shpat_" + hex(16);
        Duration life = issuedTokenLifetime;
        issuedTokens.put(token, System.nanoTime() + life.toNanos());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("access_token", token);
        out.put("scope", "read_customers");
        out.put("expires_in", life.toSeconds());
        return new Answer(200, out);
    }

    private static Map<String, Object> oauthError(String error, String description) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", error);
        m.put("error_description", description);
        return m;
    }

    // ------------------------------------------------------------------ GraphQL

    private Map<String, Object> execute(String query, Map<String, Object> variables, String operationName) {
        PreparsedDocumentEntry entry = graph.prepare(query);
        if (entry.hasErrors()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("errors", shopifyErrors(entry.getErrors(), entry.getDocument(), operationName));
            out.put("extensions", Map.of("cost", cost(0, 0)));
            return out;
        }
        Document doc = entry.getDocument();
        OperationDefinition op = operation(doc, operationName);
        if (op == null) {
            return errorAnswer(operationName == null
                    ? "An operation name is required when the document holds several operations."
                    : "No operation named \"" + operationName + "\"", "OPERATION_NOT_FOUND", 0);
        }
        if (op.getOperation() != OperationDefinition.Operation.QUERY
                && !(op.getOperation() == OperationDefinition.Operation.MUTATION
                        && (ShopifySandboxWebhooks.serves(op) || ShopifySandboxBulk.serves(op)))) {
            return errorAnswer("The Shopify sandbox serves queries only; " + op.getOperation().name().toLowerCase(Locale.ROOT)
                    + "s are not implemented.", "NOT_SUPPORTED_BY_SANDBOX", 0);
        }
        ShopifySandboxCost calculator = new ShopifySandboxCost(graph.schema(), doc, op, variables);
        int requested = calculator.requested();
        if (requested > ShopifySandboxCost.MAX_COST) {
            Map<String, Object> ext = new LinkedHashMap<>();
            ext.put("code", "MAX_COST_EXCEEDED");
            ext.put("cost", requested);
            ext.put("maxCost", ShopifySandboxCost.MAX_COST);
            Map<String, Object> err = new LinkedHashMap<>();
            err.put("message", "Query cost is " + requested + ", which exceeds the single query max cost limit ("
                    + ShopifySandboxCost.MAX_COST + ").");
            err.put("extensions", ext);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("errors", List.of(err));
            out.put("extensions", Map.of("cost", cost(requested, null)));
            return out;
        }
        boolean forced = throttleRemaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
        if (forced || (!unlimited && !bucket.tryTake(requested))) {
            throttledCount.incrementAndGet();
            Map<String, Object> ext = new LinkedHashMap<>();
            ext.put("code", "THROTTLED");
            ext.put("documentation", "https://shopify.dev/api/usage/rate-limits");
            Map<String, Object> err = new LinkedHashMap<>();
            err.put("message", "Throttled");
            err.put("extensions", ext);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("errors", List.of(err));
            out.put("extensions", Map.of("cost", cost(requested, null)));
            out.put(THROTTLED_MARK, Boolean.TRUE);
            return out;
        }
        RequestScope scope = new RequestScope(this);
        ExecutionInput input = ExecutionInput.newExecutionInput()
                .query(query)
                .variables(variables)
                .operationName(operationName)
                .graphQLContext(Map.of(ShopifySandboxSchema.SCOPE_KEY, scope))
                .locale(Locale.ENGLISH)
                .build();
        ExecutionResult result = graph.graphQL().execute(input);
        Object data = result.getData();
        int actual = Math.min(requested, calculator.actual(data));
        if (!unlimited) {
            bucket.refund(requested - actual);
        }
        pointsUsed.addAndGet(actual);

        Map<String, Object> out = new LinkedHashMap<>();
        if (!result.getErrors().isEmpty()) {
            out.put("errors", shopifyErrors(result.getErrors(), doc, operationName));
        }
        if (result.isDataPresent()) {
            out.put("data", data);
        }
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("cost", cost(requested, actual));
        if (!scope.searchWarnings.isEmpty()) {
            extensions.put("search", scope.searchWarnings);
        }
        out.put("extensions", extensions);
        return out;
    }

    private Map<String, Object> errorAnswer(String message, String code, int requested) {
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("message", message);
        err.put("extensions", Map.of("code", code));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("errors", List.of(err));
        out.put("extensions", Map.of("cost", cost(requested, 0)));
        return out;
    }

    private Map<String, Object> cost(int requested, Integer actual) {
        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("requestedQueryCost", requested);
        cost.put("actualQueryCost", actual);
        cost.put("throttleStatus", bucket.status(unlimited));
        return cost;
    }

    private static OperationDefinition operation(Document doc, String name) {
        List<OperationDefinition> ops = new ArrayList<>();
        for (Definition<?> d : doc.getDefinitions()) {
            if (d instanceof OperationDefinition od) {
                ops.add(od);
            }
        }
        if (name == null || name.isEmpty()) {
            return ops.size() == 1 ? ops.get(0) : null;
        }
        for (OperationDefinition od : ops) {
            if (name.equals(od.getName())) {
                return od;
            }
        }
        return null;
    }

    private static final Pattern UNDEFINED_FIELD = Pattern.compile("Field '([^']+)' in type '([^']+)' is undefined");

    /** graphql-java errors reshaped as Shopify's: message, locations, path, extensions.code. */
    static List<Map<String, Object>> shopifyErrors(List<? extends GraphQLError> errors, Document doc,
                                                           String operationName) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (GraphQLError e : errors) {
            Map<String, Object> spec = new LinkedHashMap<>(e.toSpecification());
            @SuppressWarnings("unchecked")
            Map<String, Object> ext = spec.get("extensions") instanceof Map<?, ?> m
                    ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
            Object classification = ext.remove("classification");
            if (e instanceof ValidationError ve) {
                String type = String.valueOf(ve.getValidationErrorType());
                Matcher m = UNDEFINED_FIELD.matcher(ve.getMessage());
                if (m.find()) {
                    spec.put("message", "Field '" + m.group(1) + "' doesn't exist on type '" + m.group(2) + "'");
                    ext.put("typeName", m.group(2));
                    ext.put("fieldName", m.group(1));
                }
                ext.putIfAbsent("code", validationCode(type));
                if (ve.getQueryPath() != null && !ve.getQueryPath().isEmpty()) {
                    List<Object> path = new ArrayList<>();
                    path.add(operationName == null ? "query" : "query " + operationName);
                    path.addAll(ve.getQueryPath());
                    spec.put("path", path);
                }
            } else if ("InvalidSyntax".equals(String.valueOf(classification))
                    || "InvalidSyntax".equals(String.valueOf(e.getErrorType()))) {
                ext.putIfAbsent("code", "parseError");
            } else if (e instanceof graphql.execution.NonNullableFieldWasNullError) {
                spec.put("message", "The Shopify sandbox serves no value for the non-null field at "
                        + e.getPath() + " (not implemented by the sandbox; Shopify would answer it).");
                ext.put("code", "NOT_SUPPORTED_BY_SANDBOX");
            } else if ("ValidationError".equals(String.valueOf(classification))) {
                ext.putIfAbsent("code", "variableMismatch");
            } else {
                ext.putIfAbsent("code", "INTERNAL_SERVER_ERROR");
            }
            spec.put("extensions", ext);
            out.add(spec);
        }
        return out;
    }

    private static String validationCode(String type) {
        return switch (type) {
            case "FieldUndefined" -> "undefinedField";
            case "MissingFieldArgument" -> "missingRequiredArguments";
            case "UnknownArgument" -> "argumentNotAccepted";
            case "WrongType" -> "argumentLiteralsIncompatible";
            case "SubselectionRequired", "SubselectionNotAllowed" -> "selectionMismatch";
            case "UndefinedVariable" -> "variableNotDefined";
            case "UnusedVariable" -> "variableNotUsed";
            case "UnknownType" -> "undefinedType";
            case "UndefinedFragment" -> "undefinedFragment";
            case "UnusedFragment" -> "useAndDefineFragment";
            default -> "GRAPHQL_VALIDATION_FAILED";
        };
    }

    /**
     * Runs a bulk operation's inner query with its customers connection served by {@code pass}:
     * nothing is charged to the bucket (bulk queries are not rate limited per object).
     */
    ExecutionResult executeBulkPass(String query, ShopifySandboxBulk.Pass pass) {
        ExecutionInput input = ExecutionInput.newExecutionInput()
                .query(query)
                .graphQLContext(Map.of(ShopifySandboxSchema.SCOPE_KEY, new RequestScope(this, pass)))
                .locale(Locale.ENGLISH)
                .build();
        return graph.graphQL().execute(input);
    }

    ShopifySandboxSchema graph() {
        return graph;
    }

    ShopifySandboxStore store() {
        return store;
    }

    boolean granted(String accessScope) {
        return accessScopes.contains(accessScope);
    }

    String currentShopCurrency() {
        return shopCurrency;
    }

    boolean isProtectedDataHidden() {
        return protectedDataHidden;
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    // ------------------------------------------------------------------ data fetchers

    /** What the data fetchers of one request see: the sandbox and the request's search warnings. */
    static final class RequestScope {
        private final ShopifySandbox sandbox;
        /** Non-null while a bulk operation's inner query runs: it serves the customers connection. */
        private final ShopifySandboxBulk.Pass bulkPass;
        final List<Map<String, Object>> searchWarnings = Collections.synchronizedList(new ArrayList<>());

        RequestScope(ShopifySandbox sandbox) {
            this(sandbox, null);
        }

        RequestScope(ShopifySandbox sandbox, ShopifySandboxBulk.Pass bulkPass) {
            this.sandbox = sandbox;
            this.bulkPass = bulkPass;
        }

        ShopifySandboxWebhooks webhooks() {
            return sandbox.webhooks;
        }

        ShopifySandboxBulk bulk() {
            return sandbox.bulk;
        }

        Object shop(DataFetchingEnvironment env) {
            String currency = sandbox.shopCurrency;
            Map<String, Object> domain = new LinkedHashMap<>();
            domain.put("__typename", "Domain");
            domain.put("id", "gid://shopify/Domain/1001");
            domain.put("host", SHOP_DOMAIN);
            domain.put("url", "https://" + SHOP_DOMAIN);
            domain.put("sslEnabled", true);
            Map<String, Object> shop = new LinkedHashMap<>();
            shop.put("__typename", "Shop");
            shop.put("id", "gid://shopify/Shop/1001");
            shop.put("name", SHOP_NAME);
            shop.put("myshopifyDomain", SHOP_DOMAIN);
            shop.put("email", "owner@" + SHOP_DOMAIN);
            shop.put("contactEmail", "owner@" + SHOP_DOMAIN);
            shop.put("shopOwnerName", "Sandbox Owner");
            shop.put("currencyCode", currency);
            shop.put("enabledPresentmentCurrencies", List.of(currency));
            shop.put("ianaTimezone", "Etc/UTC");
            shop.put("timezoneAbbreviation", "UTC");
            shop.put("timezoneOffset", "+0000");
            shop.put("timezoneOffsetMinutes", 0);
            shop.put("url", "https://" + SHOP_DOMAIN);
            shop.put("primaryDomain", domain);
            shop.put("domains", List.of(domain));
            shop.put("createdAt", "2024-01-15T09:00:00Z");
            shop.put("updatedAt", "2026-01-15T09:00:00Z");
            shop.put("taxesIncluded", false);
            shop.put("taxShipping", false);
            shop.put("setupRequired", false);
            shop.put("checkoutApiSupported", true);
            shop.put("transactionalSmsDisabled", false);
            shop.put("marketingSmsConsentEnabledAtCheckout", false);
            shop.put("orderNumberFormatPrefix", "#");
            shop.put("orderNumberFormatSuffix", "");
            shop.put("publicationCount", 1);
            shop.put("weightUnit", "KILOGRAMS");
            shop.put("unitSystem", "METRIC_SYSTEM");
            shop.put("shipsToCountries", List.of("US", "CA", "GB", "FR", "DE", "IT", "JP", "AU", "CH"));
            return shop;
        }

        Object currentAppInstallation(DataFetchingEnvironment env) {
            List<Object> scopes = new ArrayList<>();
            sandbox.accessScopes.stream().sorted().forEach(handle -> {
                Map<String, Object> scope = new LinkedHashMap<>();
                scope.put("__typename", "AccessScope");
                scope.put("handle", handle);
                scope.put("description", "Sandbox scope " + handle);
                scopes.add(scope);
            });
            Map<String, Object> installation = new LinkedHashMap<>();
            installation.put("__typename", "AppInstallation");
            installation.put("id", "gid://shopify/AppInstallation/1001");
            installation.put("accessScopes", scopes);
            return installation;
        }

        /** Shopify's answer to a customer field when the app lacks read_customers; null when granted. */
        private DataFetcherResult<Object> withoutReadCustomers(DataFetchingEnvironment env) {
            if (sandbox.accessScopes.contains(READ_CUSTOMERS)) {
                return null;
            }
            String required = "`" + READ_CUSTOMERS + "` access scope.";
            Map<String, Object> extensions = new LinkedHashMap<>();
            extensions.put("code", "ACCESS_DENIED");
            extensions.put("documentation", "https://shopify.dev/api/usage/access-scopes");
            extensions.put("requiredAccess", required);
            return DataFetcherResult.newResult()
                    .error(GraphqlErrorBuilder.newError(env).message("Access denied for " + env.getField().getName()
                            + " field. Required access: " + required).extensions(extensions).build())
                    .build();
        }

        Object customers(DataFetchingEnvironment env) {
            DataFetcherResult<Object> denied = withoutReadCustomers(env);
            if (denied != null) {
                return denied;
            }
            Integer first = env.getArgument("first");
            Integer last = env.getArgument("last");
            String after = env.getArgument("after");
            String before = env.getArgument("before");
            String query = env.getArgument("query");
            Boolean reverse = env.getArgument("reverse");
            Object sortArg = env.getArgument("sortKey");
            String sortKey = sortArg == null ? "ID" : sortArg.toString();
            if (query != null && (bulkPass == null || bulkPass.recordsSearch())) {
                sandbox.receivedSearchQueries.add(query);
            }
            if (bulkPass != null) {
                // a bulk query reads every match: Shopify ignores the pagination arguments
                ShopifySandboxStore.Sort sort = sortOf(sortKey);
                if (sort == null) {
                    return unsupportedSort(env, sortKey);
                }
                return bulkPass.customers(env, search(env, query), sort, Boolean.TRUE.equals(reverse));
            }
            if (first == null && last == null) {
                return error(env, "you must provide one of first or last", "BAD_REQUEST");
            }
            if (first != null && last != null) {
                return error(env, "Passing both `first` and `last` to paginate the `"
                        + env.getField().getName() + "` connection is not supported.", "BAD_REQUEST");
            }
            int n = first != null ? first : last;
            String argName = first != null ? "first" : "last";
            if (n < 0) {
                return error(env, "Argument '" + argName + "' on Field '" + env.getField().getName()
                        + "' must be a non-negative integer, got " + n + ".", "BAD_REQUEST");
            }
            if (n > MAX_PAGE_SIZE) {
                return error(env, "Requested page size (" + argName + ": " + n + ") exceeds the maximum page size of "
                        + MAX_PAGE_SIZE + ".", "BAD_REQUEST");
            }
            ShopifySandboxStore.Sort sort = sortOf(sortKey);
            if (sort == null) {
                return unsupportedSort(env, sortKey);
            }
            Predicate<SandboxCustomer> filter = search(env, query);
            PagingFault fault = sandbox.pagingFault;
            String emptyPage = after != null && after.startsWith(EMPTY_PAGE_CURSOR) ? after : null;
            if (WRAP_AROUND_CURSOR.equals(after)) {
                after = null; // the first page again
            }
            ShopifySandboxStore.Page page;
            try {
                page = emptyPage != null ? new ShopifySandboxStore.Page(List.of(), false, true)
                        : sandbox.store.page(sort, Boolean.TRUE.equals(reverse), first, after, last, before, filter);
            } catch (ShopifySandboxStore.BadCursorException e) {
                return error(env, e.getMessage(), "BAD_REQUEST");
            }
            List<Object> nodes = new ArrayList<>(page.hits().size());
            List<Object> edges = new ArrayList<>(page.hits().size());
            String currency = sandbox.shopCurrency;
            List<Long> everywhere = new ArrayList<>(sandbox.onEveryPage);
            for (ShopifySandboxStore.Hit hit : page.hits()) {
                everywhere.remove(hit.customer().getLegacyResourceId()); // on its own page: once there
                Map<String, Object> node = customerNode(hit.customer(), currency, sandbox.protectedDataHidden);
                nodes.add(node);
                Map<String, Object> edge = new LinkedHashMap<>(4);
                edge.put("cursor", hit.cursor());
                edge.put("node", node);
                edges.add(edge);
            }
            String endCursor = page.hits().isEmpty() ? null : page.hits().get(page.hits().size() - 1).cursor();
            for (Long id : page.hits().isEmpty() ? List.<Long>of() : everywhere) {
                SandboxCustomer again = sandbox.store.get(id);
                if (again != null) {
                    Map<String, Object> node = customerNode(again, currency, sandbox.protectedDataHidden);
                    nodes.add(node);
                    Map<String, Object> edge = new LinkedHashMap<>(4);
                    edge.put("cursor", endCursor);
                    edge.put("node", node);
                    edges.add(edge);
                }
            }
            boolean hasNextPage = page.hasNextPage();
            switch (fault) {
                case CURSOR_STUCK -> {
                    if (after != null) {
                        endCursor = after;
                        hasNextPage = true;
                    }
                }
                case ENDLESS_EMPTY_PAGES -> {
                    if (!hasNextPage) {
                        int served = emptyPage == null ? 0 : Integer.parseInt(emptyPage.substring(EMPTY_PAGE_CURSOR.length()));
                        endCursor = EMPTY_PAGE_CURSOR + (served + 1);
                        hasNextPage = true;
                    }
                }
                case WRAP_AROUND -> {
                    if (!hasNextPage) {
                        endCursor = WRAP_AROUND_CURSOR;
                        hasNextPage = true;
                    }
                }
                case NONE -> {
                    // as Shopify pages
                }
            }
            Map<String, Object> pageInfo = new LinkedHashMap<>();
            pageInfo.put("hasNextPage", hasNextPage);
            pageInfo.put("hasPreviousPage", page.hasPreviousPage());
            pageInfo.put("startCursor", page.hits().isEmpty() ? null : page.hits().get(0).cursor());
            pageInfo.put("endCursor", endCursor);
            Map<String, Object> conn = new LinkedHashMap<>();
            conn.put("nodes", nodes);
            conn.put("edges", edges);
            conn.put("pageInfo", pageInfo);
            return conn;
        }

        private static ShopifySandboxStore.Sort sortOf(String sortKey) {
            return switch (sortKey) {
                case "ID", "RELEVANCE" -> ShopifySandboxStore.Sort.ID;
                case "UPDATED_AT" -> ShopifySandboxStore.Sort.UPDATED_AT;
                case "CREATED_AT" -> ShopifySandboxStore.Sort.CREATED_AT;
                default -> null;
            };
        }

        private static DataFetcherResult<Object> unsupportedSort(DataFetchingEnvironment env, String sortKey) {
            return error(env, "The Shopify sandbox does not serve sortKey " + sortKey
                    + " (it serves ID, UPDATED_AT, CREATED_AT and RELEVANCE as ID).", "NOT_SUPPORTED_BY_SANDBOX");
        }

        Object customer(DataFetchingEnvironment env) {
            DataFetcherResult<Object> denied = withoutReadCustomers(env);
            if (denied != null) {
                return denied;
            }
            String id = env.getArgument("id");
            Matcher m = CUSTOMER_GID.matcher(id == null ? "" : id.trim());
            if (!m.matches()) {
                return error(env, "Invalid global id '" + id + "'", "argumentLiteralsIncompatible");
            }
            long legacy;
            try {
                legacy = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                return null;
            }
            SandboxCustomer c = sandbox.store.get(legacy);
            return c == null ? null : customerNode(c, sandbox.shopCurrency, sandbox.protectedDataHidden);
        }

        Object customersCount(DataFetchingEnvironment env) {
            DataFetcherResult<Object> denied = withoutReadCustomers(env);
            if (denied != null) {
                return denied;
            }
            String query = env.getArgument("query");
            Integer limitArg = env.getArgument("limit");
            int limit = limitArg == null ? Integer.MAX_VALUE : Math.max(0, limitArg);
            Predicate<SandboxCustomer> filter = search(env, query);
            int count = sandbox.store.count(filter, limit);
            Map<String, Object> out = new LinkedHashMap<>();
            if (count > limit) {
                out.put("count", limit);
                out.put("precision", "AT_LEAST");
            } else {
                out.put("count", count);
                out.put("precision", "EXACT");
            }
            return out;
        }

        private Predicate<SandboxCustomer> search(DataFetchingEnvironment env, String query) {
            ShopifySandboxSearch.Parsed parsed = ShopifySandboxSearch.parse(query);
            if (!parsed.warnings().isEmpty()) {
                Map<String, Object> w = new LinkedHashMap<>();
                w.put("path", env.getExecutionStepInfo().getPath().toList());
                w.put("query", query);
                w.put("warnings", parsed.warnings());
                searchWarnings.add(w);
            }
            return parsed.filter();
        }

        private static DataFetcherResult<Object> error(DataFetchingEnvironment env, String message, String code) {
            return DataFetcherResult.newResult()
                    .error(GraphqlErrorBuilder.newError(env).message(message)
                            .extensions(new LinkedHashMap<>(Map.of("code", code))).build())
                    .build();
        }
    }

    /** A customer as the default property fetchers serve it (Maps all the way down). */
    static Map<String, Object> customerNode(SandboxCustomer customer, String currency, boolean protectedDataHidden) {
        String displayName = displayName(customer);
        SandboxCustomer c = customer;
        if (protectedDataHidden) {
            c = withoutProtectedData(customer);
            displayName = displayName.isEmpty() ? "" : PROTECTED_DATA_MASK;
        }
        String legacy = c.code();
        Map<String, Object> n = new LinkedHashMap<>(48);
        n.put("__typename", "Customer");
        n.put("id", c.gid());
        n.put("legacyResourceId", legacy);
        n.put("firstName", c.getFirstName());
        n.put("lastName", c.getLastName());
        n.put("displayName", displayName);
        n.put("email", c.getEmail());
        n.put("phone", c.getPhone());
        n.put("note", c.getNote());
        n.put("tags", c.getTags());
        n.put("state", c.getState() == null ? "ENABLED" : c.getState());
        n.put("taxExempt", c.isTaxExempt());
        n.put("taxExemptions", List.of());
        n.put("createdAt", iso(c.getCreatedAt()));
        n.put("updatedAt", iso(c.getUpdatedAt()));
        n.put("locale", "en");
        n.put("verifiedEmail", c.getEmail() != null);
        n.put("validEmailAddress", c.getEmail() != null && c.getEmail().contains("@"));
        n.put("numberOfOrders", "0");
        n.put("amountSpent", Map.of("amount", "0.0", "currencyCode", currency));
        n.put("canDelete", true);
        n.put("dataSaleOptOut", false);
        n.put("hasTimelineComment", false);
        n.put("productSubscriberStatus", "NEVER_SUBSCRIBED");
        n.put("lifetimeDuration", lifetime(c.getCreatedAt()));
        n.put("companyContactProfiles", List.of());
        n.put("multipassIdentifier", null);
        if (c.getEmail() != null) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("emailAddress", c.getEmail());
            e.put("marketingState", "NOT_SUBSCRIBED");
            e.put("marketingOptInLevel", null);
            e.put("marketingUnsubscribeUrl", "https://" + SHOP_DOMAIN + "/unsubscribe?c=" + legacy);
            e.put("openTrackingLevel", "UNKNOWN");
            e.put("openTrackingUrl", "https://" + SHOP_DOMAIN + "/open-tracking?c=" + legacy);
            e.put("validFormat", c.getEmail().contains("@"));
            n.put("defaultEmailAddress", e);
        } else {
            n.put("defaultEmailAddress", null);
        }
        if (c.getPhone() != null) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("phoneNumber", c.getPhone());
            p.put("marketingState", "NOT_SUBSCRIBED");
            n.put("defaultPhoneNumber", p);
        } else {
            n.put("defaultPhoneNumber", null);
        }
        SandboxAddress a = c.getDefaultAddress();
        if (a != null) {
            Map<String, Object> addr = addressNode(a, legacy);
            n.put("defaultAddress", addr);
            n.put("addresses", List.of(addr));
            Map<String, Object> edge = new LinkedHashMap<>();
            edge.put("cursor", ShopifySandboxStore.encode(ShopifySandboxStore.Sort.ID,
                    new ShopifySandboxStore.Key(0, 0, c.getLegacyResourceId())));
            edge.put("node", addr);
            n.put("addressesV2", connection(List.of(addr), List.of(edge)));
        } else {
            n.put("defaultAddress", null);
            n.put("addresses", List.of());
            n.put("addressesV2", connection(List.of(), List.of()));
        }
        return n;
    }

    private static Map<String, Object> connection(List<Object> nodes, List<Object> edges) {
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasNextPage", false);
        pageInfo.put("hasPreviousPage", false);
        String cursor = edges.isEmpty() ? null : (String) ((Map<?, ?>) edges.get(0)).get("cursor");
        pageInfo.put("startCursor", cursor);
        pageInfo.put("endCursor", cursor);
        Map<String, Object> conn = new LinkedHashMap<>();
        conn.put("nodes", nodes);
        conn.put("edges", edges);
        conn.put("pageInfo", pageInfo);
        return conn;
    }

    private static Map<String, Object> addressNode(SandboxAddress a, String legacy) {
        Map<String, Object> m = new LinkedHashMap<>(32);
        m.put("__typename", "MailingAddress");
        m.put("id", "gid://shopify/MailingAddress/" + legacy + "?model_name=CustomerAddress");
        m.put("firstName", a.getFirstName());
        m.put("lastName", a.getLastName());
        m.put("name", joinNonBlank(" ", a.getFirstName(), a.getLastName()));
        m.put("company", a.getCompany());
        m.put("address1", a.getAddress1());
        m.put("address2", a.getAddress2());
        m.put("city", a.getCity());
        m.put("province", a.getProvince());
        m.put("provinceCode", a.getProvinceCode());
        m.put("countryCodeV2", a.getCountryCodeV2());
        m.put("countryCode", a.getCountryCodeV2());
        m.put("country", a.getCountry());
        m.put("zip", a.getZip());
        m.put("phone", a.getPhone());
        m.put("coordinatesValidated", false);
        m.put("latitude", null);
        m.put("longitude", null);
        m.put("formattedArea", joinNonBlank(", ", a.getCity(), a.getProvinceCode(), a.getCountry()));
        List<String> formatted = new ArrayList<>();
        for (String line : new String[] {a.getCompany(), a.getAddress1(), a.getAddress2(),
                joinNonBlank(" ", a.getCity(), a.getProvinceCode(), a.getZip()), a.getCountry()}) {
            if (line != null && !line.isBlank()) {
                formatted.add(line);
            }
        }
        m.put("formatted", formatted);
        return m;
    }

    /** What Shopify shows an app without protected-data access in place of a displayName. */
    static final String PROTECTED_DATA_MASK = "\u2022\u2022\u2022";

    /** The customer as an app without protected-data access sees it. */
    private static SandboxCustomer withoutProtectedData(SandboxCustomer customer) {
        SandboxCustomer c = customer.copy().setFirstName(null).setLastName(null).setEmail(null).setPhone(null);
        SandboxAddress a = c.getDefaultAddress();
        if (a != null) {
            a.setFirstName(null).setLastName(null).setCompany(null).setAddress1(null).setAddress2(null).setCity(null)
                    .setZip(null).setPhone(null);
        }
        return c;
    }

    static String displayName(SandboxCustomer c) {
        String name = joinNonBlank(" ", c.getFirstName(), c.getLastName());
        if (name != null) {
            return name;
        }
        if (c.getEmail() != null) {
            return c.getEmail();
        }
        return c.getPhone() != null ? c.getPhone() : "";
    }

    private static String joinNonBlank(String sep, String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                if (sb.length() > 0) {
                    sb.append(sep);
                }
                sb.append(p.trim());
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private static String iso(Instant t) {
        return t == null ? null : ISO.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    private static String lifetime(Instant createdAt) {
        if (createdAt == null) {
            return "now";
        }
        long days = Duration.between(createdAt, Instant.now()).toDays();
        if (days < 1) {
            return "less than a day";
        }
        if (days < 45) {
            return days + " days";
        }
        if (days < 365) {
            return "about " + Math.max(1, days / 30) + " months";
        }
        return "about " + (days / 365) + (days / 365 == 1 ? " year" : " years");
    }
}
