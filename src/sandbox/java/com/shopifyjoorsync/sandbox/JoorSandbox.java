package com.shopifyjoorsync.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local fake of the JOOR API v2 (connections), served over HTTP on a free loopback port.
 *
 * <p>It implements the "Adopted contract" of JOOR's v2 reference (api-docs.jooraccess.com): OAuth2 token auth (base64 of the
 * token), a mandatory {@code Content-Type} (and it records requests without {@code Accept:
 * application/json}), JOOR's credit window (GET 1, POST/PUT/DELETE 5, HTTP 429
 * with {@code Retry-After} when over budget), paged connection reads by {@code start_from}/{@code count}
 * and the single read by customer code, both in the envelope JOOR's reference page
 * {@code connection-get} publishes ({@code connections.connections.connection[]}), all-or-nothing
 * bulk upserts answered with a background job, and the job status read. Knobs add latency,
 * throttling, faults, rejected codes, failing job records, list pages shorter than asked, a list
 * answer without its list node, a list that shrank, held jobs and unreadable answers.
 * Every public method is thread-safe and may be called while the server runs.
 */
public final class JoorSandbox implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int DEFAULT_PAGE_SIZE = 100;
    private static final int MAX_PAGE_SIZE = 1000;
    /**
     * What JOOR's v2 lists serve a page by default (JOOR's v2 reference, api-docs.jooraccess.com): {@code --sandbox} and the tests
     * cap the connection list at this, below the 1000 the sync asks for.
     */
    public static final int JOOR_LIST_PAGE = 50;
    private static final int ERROR_CODE = 1;
    private static final String CONNECTIONS = "connections";
    private static final String BULK = "bulk_connections";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Held jobs (holdJobs) start after this: never, as far as anyone polling can tell. */
    private static final Instant HELD = Instant.parse("9000-01-01T00:00:00Z");

    private final Object lock = new Object();
    private final HttpServer server;
    private final ExecutorService executor;
    private final String token;
    private final String apiUrl;

    // account state (guarded by lock)
    private final TreeMap<String, ObjectNode> connections = new TreeMap<>();
    private final Map<Integer, JoorSandboxJob> jobs = new LinkedHashMap<>();
    private int nextJobId = 1001;
    private Instant lastJobFinish = Instant.EPOCH;

    // knobs (guarded by lock)
    private final JoorSandboxCreditWindow credits = new JoorSandboxCreditWindow();
    private Duration latency = Duration.ZERO;
    private Duration postAnswerDelay = Duration.ZERO;
    private Duration jobDelay = Duration.ZERO;
    private int failNextRemaining;
    private int failNextStatus;
    private int failNextPostsRemaining;
    private int failNextPostsStatus;
    private final Set<String> rejectedCodes = new HashSet<>();
    private final Set<String> failingRecordCodes = new HashSet<>();
    private boolean keepReceived = true;
    /** Told the Customer Code of every connection an accepted bulk POST carries (the benchmark's clock). */
    private volatile java.util.function.Consumer<String> onReceived;
    private int listPageCap = MAX_PAGE_SIZE;
    private boolean listWithoutListNode;
    private int listHiddenPercent;
    private boolean jobsHeld;
    private int unreadablePostAnswers;
    private String unreadablePostBody;
    private String always429;
    private boolean echoCredentials;

    // stats (guarded by lock)
    private final List<ObjectNode> received = new ArrayList<>();
    private final List<String> requestLog = new ArrayList<>();
    private final List<String> withoutJsonAccept = new ArrayList<>();
    private int bulkPosts;
    private int requestCount;
    private int creditsUsed;
    private int http429Count;

    private volatile boolean closed;

    private JoorSandbox() throws IOException {
        this.token = "joor-sandbox-" + HexFormat.of().formatHex(randomBytes(16));
        this.server = SandboxHttpServers.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger threadNumber = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "joor-sandbox-http-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        this.apiUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/v2";
    }

    /** Starts a sandbox on 127.0.0.1 on a free port, with an empty account and default knobs. */
    public static JoorSandbox start() {
        try {
            return new JoorSandbox();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the JOOR sandbox", e);
        }
    }

    /** Base URL of the API, without trailing slash, e.g. {@code http://127.0.0.1:41235/v2}. */
    public String apiUrl() {
        return apiUrl;
    }

    /** The account's token; clients send {@code Authorization: OAuth2 <base64(token)>}. */
    public String token() {
        return token;
    }

    // ------------------------------------------------------------------ seeding and inspection

    /** Adds a minimal connection (only {@code customer_code}) for each code not yet present. */
    public void seedKnownCodes(Collection<String> customerCodes) {
        synchronized (lock) {
            for (String code : customerCodes) {
                if (code == null || code.isBlank()) {
                    throw new IllegalArgumentException("customer code must not be blank");
                }
                connections.computeIfAbsent(code, c -> NODES.objectNode().put("customer_code", c));
            }
        }
    }

    /** Stores (or replaces) a full connection, keyed by its {@code customer_code} (a number is kept as its exact text). */
    public void putConnection(ObjectNode connection) {
        ObjectNode copy = connection.deepCopy();
        String code = JoorSandboxValidation.codeText(copy);
        if (code.isBlank()) {
            throw new IllegalArgumentException("connection has no customer_code: " + connection);
        }
        copy.put("customer_code", code);
        synchronized (lock) {
            settleJobs(Instant.now());
            connections.put(code, copy);
        }
    }

    /** Takes a connection away, as a person does in JOOR (deactivated, or its Customer Code changed). */
    public void removeConnection(String customerCode) {
        synchronized (lock) {
            settleJobs(Instant.now());
            connections.remove(customerCode);
        }
    }

    /** The account's connections now (copies), by customer code in the order the list API serves them. */
    public Map<String, ObjectNode> connections() {
        synchronized (lock) {
            settleJobs(Instant.now());
            TreeMap<String, ObjectNode> copy = new TreeMap<>();
            connections.forEach((code, connection) -> copy.put(code, connection.deepCopy()));
            return copy;
        }
    }

    // ------------------------------------------------------------------ knobs

    /** Time the server waits before answering each request. */
    public void setLatency(Duration perRequest) {
        requireNonNegative(perRequest, "latency");
        synchronized (lock) {
            latency = perRequest;
        }
    }

    /**
     * Time a POST's answer takes after JOOR processed it (its job created, its records applied): the
     * POST is in flight, and what it did is done, for that long.
     */
    public void setPostAnswerDelay(Duration delay) {
        requireNonNegative(delay, "POST answer delay");
        synchronized (lock) {
            postAnswerDelay = delay;
        }
    }

    /** Credit budget (default 300 per 300 s). Starts a fresh window at the next request. */
    public void setCredits(int creditsPerWindow, Duration window) {
        synchronized (lock) {
            credits.configure(creditsPerWindow, window);
        }
    }

    /**
     * Another integration of the brand spends {@code spent} credits of the account's window just
     * before the next request arrives: that request, or one soon after, is answered 429 with
     * Retry-After although the client paced itself (JOOR's budget is per account, not per integration).
     */
    public void spendCreditsElsewhere(int spent) {
        synchronized (lock) {
            credits.spendElsewhere(spent);
        }
    }

    /**
     * From now on every request with this method ({@code "POST"}, {@code "GET"}; {@code "*"} for any)
     * is answered 429 with Retry-After the rest of the credit window, window after window, as if
     * other integrations of the account kept its budget spent; null lifts it.
     */
    public void answer429Forever(String method) {
        synchronized (lock) {
            always429 = method;
        }
    }

    /** Lifts the credit limit (credits are still counted). */
    public void setUnlimited(boolean unlimited) {
        synchronized (lock) {
            credits.setUnlimited(unlimited);
        }
    }

    /** The next {@code requests} requests (any method) answer {@code httpStatus} with a JSON error. */
    public void failNext(int requests, int httpStatus) {
        requireFault(requests, httpStatus);
        synchronized (lock) {
            failNextRemaining = requests;
            failNextStatus = httpStatus;
        }
    }

    /** The next {@code requests} POST requests answer {@code httpStatus} with a JSON error. */
    public void failNextPosts(int requests, int httpStatus) {
        requireFault(requests, httpStatus);
        synchronized (lock) {
            failNextPostsRemaining = requests;
            failNextPostsStatus = httpStatus;
        }
    }

    /** A bulk POST containing this code is refused as a whole (HTTP 400, nothing applied). */
    public void rejectCode(String customerCode) {
        synchronized (lock) {
            rejectedCodes.add(customerCode);
        }
    }

    /** Time a bulk job takes from queued to finished (default 0: finished at once). */
    public void setJobDelay(Duration d) {
        requireNonNegative(d, "job delay");
        synchronized (lock) {
            jobDelay = d;
        }
    }

    /** A job containing this code finishes with progress below its count; that record is not stored. */
    public void failRecordsInJobs(String customerCode) {
        synchronized (lock) {
            failingRecordCodes.add(customerCode);
        }
    }

    /**
     * While held, new bulk jobs stay queued, however long anyone polls them (and, as JOOR processes
     * jobs in order, so does every job after them). Released, every held job finishes at once, in order.
     */
    public void holdJobs(boolean held) {
        synchronized (lock) {
            jobsHeld = held;
            if (!held) {
                Instant now = Instant.now();
                for (JoorSandboxJob job : jobs.values()) {
                    if (!job.finishAt.isBefore(HELD)) {
                        job.finishAt(now);
                    }
                }
                if (!lastJobFinish.isBefore(HELD)) {
                    lastJobFinish = now;
                }
            }
        }
    }

    /**
     * The next {@code posts} bulk POSTs are processed as usual (a job, its records applied) but
     * answered HTTP 200 with {@code body} as it is: not JSON, or JSON without a job id.
     */
    public void answerNextPostsUnreadable(int posts, String body) {
        if (posts < 0) {
            throw new IllegalArgumentException("posts must be zero or more");
        }
        synchronized (lock) {
            unreadablePostAnswers = posts;
            unreadablePostBody = body;
        }
    }

    /**
     * Error answers (HTTP 4xx and 5xx) start their {@code response.comment} with the credentials of
     * the request, as services and proxies that put request headers in error bodies do: the
     * {@code Authorization} header received, the account's token and its URL-safe base64.
     */
    public void echoCredentialsInErrors(boolean echo) {
        synchronized (lock) {
            echoCredentials = echo;
        }
    }

    /**
     * Whether {@link #receivedConnections()} keeps a copy of every connection posted (default true).
     * Benchmarks of large stores turn it off, so the sandbox's memory does not grow with the run.
     */
    /** Tells {@code listener} (null: nobody) the code of every connection received from here on. */
    public void setOnReceived(java.util.function.Consumer<String> listener) {
        this.onReceived = listener;
    }

    public void setKeepReceived(boolean keep) {
        synchronized (lock) {
            keepReceived = keep;
        }
    }

    /**
     * The most connections a list page serves, whatever {@code count} asked (default: what was asked,
     * up to 1000). JOOR may serve fewer than asked: only {@code next_start} tells whether more follow.
     */
    public void setListPageCap(int connections) {
        if (connections < 1 || connections > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("list page cap must be 1.." + MAX_PAGE_SIZE + ", got " + connections);
        }
        synchronized (lock) {
            listPageCap = connections;
        }
    }

    /** The list answers its envelope's {@code response} without any list node (neither nesting). */
    public void setListWithoutListNode(boolean without) {
        synchronized (lock) {
            listWithoutListNode = without;
        }
    }

    /**
     * The list leaves out this share of the account's connections (0..100 %, spread evenly over the
     * list), as if they had been deleted; the account keeps them (single reads, bulk upserts).
     */
    public void hideFromList(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be 0..100, got " + percent);
        }
        synchronized (lock) {
            listHiddenPercent = percent;
        }
    }

    // ------------------------------------------------------------------ what happened

    /** Every connection of every accepted bulk POST, in order (copies). */
    public List<ObjectNode> receivedConnections() {
        synchronized (lock) {
            List<ObjectNode> copy = new ArrayList<>(received.size());
            received.forEach(connection -> copy.add(connection.deepCopy()));
            return copy;
        }
    }

    /** Number of accepted bulk POSTs. */
    public int bulkPosts() {
        synchronized (lock) {
            return bulkPosts;
        }
    }

    /** Number of requests received (all answers, 429 included). */
    public int requestCount() {
        synchronized (lock) {
            return requestCount;
        }
    }

    /** Credits spent by answered requests (429 answers cost nothing). */
    public int creditsUsed() {
        synchronized (lock) {
            return creditsUsed;
        }
    }

    /** Number of HTTP 429 answers. */
    public int http429Count() {
        synchronized (lock) {
            return http429Count;
        }
    }

    /** One line per request: {@code "GET /v2/connection/?start_from=0&count=1000 200"}. */
    public List<String> requestLog() {
        synchronized (lock) {
            return List.copyOf(requestLog);
        }
    }

    /**
     * The requests (as in {@link #requestLog()}) that did not ask for JSON with {@code Accept:
     * application/json}, which every JOOR request carries (JOOR's v2 reference, api-docs.jooraccess.com: JOOR answers JSON or XML).
     */
    public List<String> requestsWithoutJsonAccept() {
        synchronized (lock) {
            return List.copyOf(withoutJsonAccept);
        }
    }

    /** Clears the counters, the request log and the received connections (not the account nor the credit window). */
    public void resetStats() {
        synchronized (lock) {
            received.clear();
            requestLog.clear();
            withoutJsonAccept.clear();
            bulkPosts = 0;
            requestCount = 0;
            creditsUsed = 0;
            http429Count = 0;
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }

    // ------------------------------------------------------------------ HTTP

    /** An answer: status, JSON body and extra headers; or a raw body sent as it is (when not null). */
    private record Reply(int status, JsonNode body, Map<String, String> headers, String raw) {
        Reply(int status, JsonNode body, Map<String, String> headers) {
            this(status, body, headers, null);
        }

        Reply(int status, JsonNode body) {
            this(status, body, Map.of());
        }
    }

    private void handle(HttpExchange exchange) {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Reply reply;
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Duration wait;
            synchronized (lock) {
                wait = latency;
            }
            if (!wait.isZero()) {
                Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
            }
            reply = echoed(process(method, rawPath, rawQuery, exchange.getRequestHeaders(), body),
                    exchange.getRequestHeaders().getFirst("Authorization"));
            Duration answerDelay;
            synchronized (lock) {
                answerDelay = postAnswerDelay;
            }
            if (method.equals("POST") && !answerDelay.isZero()) {
                Thread.sleep(answerDelay.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply = error(rawPath, 503, "JOOR sandbox is shutting down");
        } catch (RuntimeException | IOException e) {
            reply = error(rawPath, 500, "JOOR sandbox internal error: " + e);
        }
        synchronized (lock) {
            requestCount++;
            if (reply.status() == 429) {
                http429Count++;
            }
            String line = method + " " + rawPath + (rawQuery == null ? "" : "?" + rawQuery) + " " + reply.status();
            requestLog.add(line);
            if (!acceptsJson(exchange.getRequestHeaders().getFirst("Accept"))) {
                withoutJsonAccept.add(line);
            }
        }
        send(exchange, method, reply);
    }

    private static void send(HttpExchange exchange, String method, Reply reply) {
        try (exchange) {
            byte[] bytes = reply.raw() != null ? reply.raw().getBytes(StandardCharsets.UTF_8)
                    : JSON.writeValueAsBytes(reply.body());
            Headers headers = exchange.getResponseHeaders();
            headers.set("Content-Type", "application/json; charset=utf-8");
            reply.headers().forEach(headers::set);
            if ("HEAD".equals(method)) {
                exchange.sendResponseHeaders(reply.status(), -1);
            } else {
                exchange.sendResponseHeaders(reply.status(), bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException ignored) {
            // the client went away: nothing to answer
        }
    }

    /** With {@link #echoCredentialsInErrors}: the request's credentials at the start of an error's comment. */
    private Reply echoed(Reply reply, String authorization) {
        boolean echo;
        synchronized (lock) {
            echo = echoCredentials;
        }
        if (!echo || reply.status() < 400 || !(reply.body() instanceof ObjectNode root)) {
            return reply;
        }
        String credentials = "Request headers: Authorization: " + authorization + "; token " + token + " ("
                + Base64.getUrlEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)) + "). ";
        root.fields().forEachRemaining(envelope -> {
            if (envelope.getValue().path("response") instanceof ObjectNode response) {
                response.put("comment", credentials + response.path("comment").asText(""));
            }
        });
        return reply;
    }

    /** Gatekeeping in JOOR's order of concerns: credits, injected faults, auth, content type; then routing. */
    private Reply process(String method, String rawPath, String rawQuery, Headers headers, byte[] body) {
        int cost = JoorSandboxCreditWindow.costOf(method);
        synchronized (lock) {
            long retryAfter = credits.retryAfterSeconds(cost, System.nanoTime());
            if (always429 != null && (always429.equals("*") || always429.equals(method))) {
                long rest = credits.secondsLeft(System.nanoTime());
                return new Reply(429, errorBody(rawPath, "Rate limit exceeded: the account's credits are spent;"
                        + " retry after " + rest + " s"), Map.of("Retry-After", Long.toString(rest)));
            }
            if (retryAfter > 0) {
                return new Reply(429, errorBody(rawPath, "Rate limit exceeded: request costs " + cost
                        + " credit(s); retry after " + retryAfter + " s"),
                        Map.of("Retry-After", Long.toString(retryAfter)));
            }
            int faultStatus = 0;
            if (failNextRemaining > 0) {
                failNextRemaining--;
                faultStatus = failNextStatus;
            } else if ("POST".equals(method) && failNextPostsRemaining > 0) {
                failNextPostsRemaining--;
                faultStatus = failNextPostsStatus;
            }
            if (faultStatus == 429) {
                return new Reply(429, errorBody(rawPath, "Rate limit exceeded (injected by the sandbox)"),
                        Map.of("Retry-After", "1"));
            }
            credits.charge(cost);
            creditsUsed += cost;
            if (faultStatus != 0) {
                return error(rawPath, faultStatus, "Injected failure (JOOR sandbox): HTTP " + faultStatus);
            }
        }
        if (!authorized(headers.getFirst("Authorization"))) {
            return error(rawPath, 401, "Authentication failed: send Authorization: OAuth2 <base64 of your API token>");
        }
        String contentType = headers.getFirst("Content-Type");
        if (contentType == null || contentType.isBlank()) {
            return error(rawPath, 400, "Content-Type header is mandatory");
        }
        if (!contentType.toLowerCase(Locale.ROOT).contains("json")) {
            return error(rawPath, 415, "Unsupported Content-Type " + contentType + ": the JOOR sandbox speaks JSON only");
        }
        return route(method, rawPath, rawQuery, body);
    }

    private static boolean acceptsJson(String accept) {
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("application/json");
    }

    private boolean authorized(String authorization) {
        if (authorization == null) {
            return false;
        }
        String value = authorization.trim();
        String scheme = "OAuth2 ";
        if (value.length() <= scheme.length() || !value.regionMatches(true, 0, scheme, 0, scheme.length())) {
            return false;
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(value.substring(scheme.length()).trim());
            return MessageDigest.isEqual(decoded, token.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private Reply route(String method, String rawPath, String rawQuery, byte[] body) {
        if (!rawPath.equals("/v2") && !rawPath.startsWith("/v2/")) {
            return error(rawPath, 404, "Not found: " + rawPath + " (the JOOR sandbox serves /v2 only)");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.substring(3).split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        if (!segments.isEmpty() && segments.get(0).equals("connection")) {
            if (segments.size() == 1) {
                return "GET".equals(method) ? listConnections(rawPath, rawQuery) : notAllowed(rawPath, "GET");
            }
            if (segments.size() == 3 && segments.get(1).equals("customer_code")) {
                return "GET".equals(method) ? oneConnection(decodePathSegment(segments.get(2))) : notAllowed(rawPath, "GET");
            }
            return error(rawPath, 404, "No connection at " + rawPath
                    + " (the JOOR sandbox reads connections by customer_code only)");
        }
        if (!segments.isEmpty() && segments.get(0).equals("bulk-connection")) {
            if (segments.size() == 1) {
                return "POST".equals(method) ? bulkPost(rawPath, body) : notAllowed(rawPath, "POST");
            }
            if (segments.size() == 2) {
                return "GET".equals(method) ? job(rawPath, segments.get(1)) : notAllowed(rawPath, "GET");
            }
        }
        return error(rawPath, 404, "Not found: " + rawPath);
    }

    // ------------------------------------------------------------------ connections

    private Reply listConnections(String rawPath, String rawQuery) {
        Map<String, String> query = parseQuery(rawQuery);
        int startFrom;
        int count;
        try {
            startFrom = intParam(query, "start_from", 0);
            count = intParam(query, "count", DEFAULT_PAGE_SIZE);
        } catch (IllegalArgumentException e) {
            return error(rawPath, 400, e.getMessage());
        }
        if (startFrom < 0) {
            return error(rawPath, 400, "start_from must be 0 or more");
        }
        if (count < 1 || count > MAX_PAGE_SIZE) {
            return error(rawPath, 400, "count must be between 1 and " + MAX_PAGE_SIZE);
        }
        List<ObjectNode> page = new ArrayList<>();
        int total;
        boolean withoutListNode;
        synchronized (lock) {
            settleJobs(Instant.now());
            withoutListNode = listWithoutListNode;
            int served = Math.min(count, listPageCap);
            total = 0;
            int position = 0;
            for (ObjectNode connection : connections.values()) {
                // hides floor(n * percent / 100) of n connections, spread evenly
                boolean hidden = (position + 1) * listHiddenPercent / 100 > position * listHiddenPercent / 100;
                position++;
                if (hidden) {
                    continue;
                }
                if (total >= startFrom && page.size() < served) {
                    page.add(connection.deepCopy());
                }
                total++;
            }
        }
        ObjectNode root = NODES.objectNode();
        ObjectNode envelope = root.putObject(CONNECTIONS);
        ObjectNode response = envelope.putObject("response");
        response.put("code", 0);
        response.put("comment", "");
        response.put("start_from", startFrom);
        long next = (long) startFrom + page.size();
        if (!page.isEmpty() && next < total) {
            response.put("next_start", next);
        } else {
            response.put("next_start", "");
        }
        response.put("count", page.size());
        response.put("log_id", logId());
        if (!withoutListNode) {
            ArrayNode list = listNode(envelope);
            page.forEach(list::add);
        }
        return new Reply(200, root);
    }

    /**
     * The list of a connection answer, where JOOR's reference page {@code connection-get} publishes
     * it: {@code connections.connections.connection[]}, under a second {@code connections} node.
     */
    private static ArrayNode listNode(ObjectNode envelope) {
        return envelope.putObject(CONNECTIONS).putArray("connection");
    }

    private Reply oneConnection(String code) {
        ObjectNode found;
        synchronized (lock) {
            settleJobs(Instant.now());
            ObjectNode stored = connections.get(code);
            found = stored == null ? null : stored.deepCopy();
        }
        ObjectNode root = NODES.objectNode();
        ObjectNode envelope = root.putObject(CONNECTIONS);
        ObjectNode response = envelope.putObject("response");
        response.put("code", found == null ? ERROR_CODE : 0);
        response.put("comment", found == null ? "No connection found for customer_code " + code : "");
        response.put("start_from", 0);
        response.put("next_start", "");
        response.put("count", found == null ? 0 : 1);
        response.put("log_id", logId());
        ArrayNode list = listNode(envelope);
        if (found != null) {
            list.add(found);
        }
        return new Reply(found == null ? 404 : 200, root);
    }

    // ------------------------------------------------------------------ bulk connections and jobs

    private Reply bulkPost(String rawPath, byte[] body) {
        JsonNode root;
        try {
            if (body.length == 0) {
                return bulkError("Request body is empty: expected {\"bulk_connections\": {\"connection\": [...]}}");
            }
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return bulkError("Malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return bulkError("Unreadable request body: " + e.getMessage());
        }
        JsonNode bulk = root == null ? null : root.get(BULK);
        if (bulk == null || !bulk.isObject()) {
            return bulkError("Missing bulk_connections object: expected {\"bulk_connections\": {\"connection\": [...]}}");
        }
        JsonNode connectionNode = bulk.get("connection");
        List<JsonNode> items = new ArrayList<>();
        if (connectionNode != null && connectionNode.isArray()) {
            connectionNode.forEach(items::add);
        } else if (connectionNode != null && connectionNode.isObject()) {
            items.add(connectionNode);
        } else {
            return bulkError("bulk_connections.connection must be a connection or a list of connections");
        }
        if (items.isEmpty()) {
            return bulkError("bulk_connections.connection is empty: send 1 or more connections");
        }
        synchronized (lock) {
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                String code = JoorSandboxValidation.codeText(item);
                String problem = JoorSandboxValidation.problem(item);
                if (problem == null && rejectedCodes.contains(code)) {
                    problem = "refused by JOOR (sandbox rejectCode)";
                }
                if (problem != null) {
                    return bulkError("Invalid connection data for customer_code " + code + ": " + problem
                            + " (connection " + (i + 1) + " of " + items.size() + ")");
                }
            }
            List<ObjectNode> toApply = new ArrayList<>();
            int failed = 0;
            for (JsonNode item : items) {
                ObjectNode connection = (ObjectNode) item;
                if (keepReceived) {
                    received.add(connection.deepCopy());
                }
                java.util.function.Consumer<String> told = onReceived;
                if (told != null) {
                    told.accept(connection.path("customer_code").asText());
                }
                if (failingRecordCodes.contains(connection.get("customer_code").asText())) {
                    failed++;
                } else {
                    toApply.add(connection.deepCopy());
                }
            }
            bulkPosts++;
            JoorSandboxJob job = newJob(toApply, items.size(), failed);
            settleJobs(Instant.now());
            if (unreadablePostAnswers > 0) {
                unreadablePostAnswers--;
                return new Reply(200, null, Map.of(), unreadablePostBody);
            }
            ObjectNode answer = NODES.objectNode();
            ObjectNode envelope = answer.putObject(BULK);
            envelope.putObject("response").put("code", 0);
            envelope.put("bulk_connections_job_id", job.id);
            return new Reply(200, answer);
        }
    }

    /** Creates a job; jobs run one after the other, each taking the job delay (half queued, half started). */
    private JoorSandboxJob newJob(List<ObjectNode> toApply, int count, int failed) {
        Instant created = Instant.now();
        Duration half = jobDelay.dividedBy(2);
        Instant startAt = latest(created.plus(half), jobsHeld ? HELD : lastJobFinish);
        Instant finishAt = startAt.plus(jobDelay.minus(half));
        lastJobFinish = finishAt;
        JoorSandboxJob job = new JoorSandboxJob(nextJobId++, created, startAt, finishAt, toApply, count, failed);
        jobs.put(job.id, job);
        return job;
    }

    /** Applies, in order, the records of every job that has finished by {@code now}. Call under lock. */
    private void settleJobs(Instant now) {
        for (JoorSandboxJob job : jobs.values()) {
            if (job.applied) {
                continue;
            }
            if (!job.isFinished(now)) {
                return;
            }
            for (ObjectNode connection : job.recordsToApply) {
                connections.put(connection.get("customer_code").asText(), connection);
            }
            job.recordsToApply.clear(); // applied: only the counts are still reported
            job.applied = true;
        }
    }

    private Reply job(String rawPath, String idText) {
        JoorSandboxJob job = null;
        Instant now = Instant.now();
        synchronized (lock) {
            settleJobs(now);
            try {
                job = jobs.get(Integer.valueOf(idText));
            } catch (NumberFormatException notAnId) {
                job = null; // not a job id: unknown job
            }
        }
        ObjectNode root = NODES.objectNode();
        ObjectNode envelope = root.putObject(BULK);
        ObjectNode response = envelope.putObject("response");
        ArrayNode list = envelope.putArray("bulk_connections_jobs");
        if (job == null) {
            response.put("code", ERROR_CODE);
            response.put("comment", "No bulk connections job " + decodePathSegment(idText));
            return new Reply(404, root);
        }
        response.put("code", 0);
        list.add(job.toJson(now));
        return new Reply(200, root);
    }

    // ------------------------------------------------------------------ helpers

    private static Reply bulkError(String comment) {
        ObjectNode root = NODES.objectNode();
        ObjectNode response = root.putObject(BULK).putObject("response");
        response.put("code", ERROR_CODE);
        response.put("comment", comment);
        return new Reply(400, root);
    }

    private static Reply notAllowed(String rawPath, String allowed) {
        return new Reply(405, errorBody(rawPath, "Method not allowed: use " + allowed),
                Map.of("Allow", allowed));
    }

    private static Reply error(String rawPath, int status, String comment) {
        return new Reply(status, errorBody(rawPath, comment));
    }

    /** A JOOR error envelope named after the resource of the path. */
    private static ObjectNode errorBody(String rawPath, String comment) {
        boolean bulk = rawPath != null && rawPath.startsWith("/v2/bulk-connection");
        ObjectNode root = NODES.objectNode();
        ObjectNode envelope = root.putObject(bulk ? BULK : CONNECTIONS);
        ObjectNode response = envelope.putObject("response");
        response.put("code", ERROR_CODE);
        response.put("comment", comment);
        if (!bulk) {
            response.put("log_id", logId());
            listNode(envelope);
        }
        return root;
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value);
        }
        return params;
    }

    private static int intParam(Map<String, String> query, String name, int defaultValue) {
        String value = query.get(name);
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got " + value);
        }
    }

    /** Percent-decodes one path segment ('+' stays a plus sign in a path). */
    private static String decodePathSegment(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            return raw;
        }
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static String logId() {
        return HexFormat.of().formatHex(randomBytes(8));
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static void requireNonNegative(Duration d, String what) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be zero or positive");
        }
    }

    private static void requireFault(int requests, int httpStatus) {
        if (requests < 0) {
            throw new IllegalArgumentException("requests must be zero or more");
        }
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("httpStatus must be a 4xx or 5xx status, got " + httpStatus);
        }
    }
}
