package com.shopifyjoorsync.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.NodeUtil;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shopify's bulk query operations on the sandbox store, as published in
 * https://shopify.dev/docs/api/usage/bulk-operations/queries and the 2026-10 reference
 * (mutations/bulkOperationRunQuery, objects/BulkOperation):
 *
 * <ul>
 *   <li>{@code bulkOperationRunQuery(query:, groupObjects:)} checks the inner query against the real
 *   schema (INVALID userError on {@code ["query"]} otherwise), snapshots every matching customer in
 *   the connection's order (pagination arguments ignored) and answers a CREATED operation; at most
 *   {@value #MAX_RUNNING} run at a time per shop (LIMIT_REACHED). It costs 10 points; the customers
 *   read cost nothing.</li>
 *   <li>{@code bulkOperation(id:)} (and the deprecated {@code currentBulkOperation}) then report
 *   CREATED, RUNNING with a growing objectCount, and COMPLETED with {@code url}: JSONL, one line
 *   per node (no edges/node wrapper), served without any access token under
 *   {@code /bulk-results/{token}.jsonl}; no url when nothing matched. UnsignedInt64 counts are
 *   strings, as Shopify serializes them.</li>
 * </ul>
 * The inner query is run by the sandbox's own GraphQL executor in slices, written to a temporary
 * file and streamed from it, so 100,000 customers stay out of the heap. Where the sandbox differs:
 * only a top-level {@code customers} connection without nested connections is served (others answer
 * NOT_SUPPORTED_BY_SANDBOX); results expire after 7 days or on {@link #expireResults}.
 */
final class ShopifySandboxBulk implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ShopifySandboxBulk.class);

    /** Path prefix of result files; a signed Google Cloud Storage link in Shopify, no token needed. */
    static final String RESULTS_PATH = "/bulk-results/";
    /** Since API 2026-01 an app may run five bulk query operations at a time per shop. */
    static final int MAX_RUNNING = 5;
    private static final Pattern RESULT_FILE = Pattern.compile("^/bulk-results/([0-9a-f]{32})\\.jsonl$");
    private static final String GID = "gid://shopify/BulkOperation/";
    private static final Pattern OPERATION_GID = Pattern.compile("^gid://shopify/BulkOperation/(\\d{1,18})$");
    /** Shopify's result links are valid for a week. */
    private static final Duration URL_LIFETIME = Duration.ofDays(7);
    /** Customers per execution of the inner query while the file is written. */
    private static final int SLICE = 500;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Serves the customers connection while an inner query runs: first the snapshot, then slices of it. */
    interface Pass {
        Object customers(DataFetchingEnvironment env, Predicate<SandboxCustomer> filter,
                         ShopifySandboxStore.Sort sort, boolean reverse);

        /** Whether the search is recorded in {@link ShopifySandbox#receivedSearchQueries} (once per operation). */
        default boolean recordsSearch() {
            return false;
        }
    }

    private enum Ending { COMPLETED, FAILED, CANCELED }

    private final ShopifySandbox sandbox;
    private final ConcurrentSkipListMap<Long, Operation> operations = new ConcurrentSkipListMap<>();
    private final Map<String, Operation> byToken = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(720_918);
    private final ExecutorService writers;
    private final Object lock = new Object();

    // knobs (the "next" ones guarded by lock)
    private volatile Duration duration = Duration.ofMillis(300);
    private String nextFailure;
    private boolean nextCancel;
    private int nextDrop;
    private boolean nextLinkRefused;
    private final AtomicInteger foreign = new AtomicInteger();

    // what happened
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger downloads = new AtomicInteger();
    private final AtomicInteger requestsWithCredentials = new AtomicInteger();

    ShopifySandboxBulk(ShopifySandbox sandbox) {
        this.sandbox = sandbox;
        AtomicInteger threads = new AtomicInteger();
        // threads start with the first operation only
        this.writers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "shopify-sandbox-bulk-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    // ------------------------------------------------------------------ knobs

    void setDuration(Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException("duration must be zero or positive: " + d);
        }
        this.duration = d;
    }

    void failNext(String errorCode) {
        // BulkOperationErrorCode's values (2026-10): another would not serialize
        if (!List.of("ACCESS_DENIED", "INTERNAL_SERVER_ERROR", "TIMEOUT").contains(errorCode)) {
            throw new IllegalArgumentException("not a BulkOperationErrorCode: " + errorCode);
        }
        synchronized (lock) {
            nextFailure = errorCode;
        }
    }

    void cancelNext() {
        synchronized (lock) {
            nextCancel = true;
        }
    }

    void dropNext(int lines) {
        synchronized (lock) {
            nextDrop = Math.max(0, lines);
        }
    }

    void refuseNextLink() {
        synchronized (lock) {
            nextLinkRefused = true;
        }
    }

    void startForeign(int n) {
        foreign.addAndGet(Math.max(0, n));
    }

    void finishForeign() {
        foreign.set(0);
    }

    /** Every result issued so far (the operation has ended) answers 403 from now on. */
    void expireResults() {
        long now = System.nanoTime();
        for (Operation op : operations.values()) {
            if (op.ended(now)) {
                op.expired = true;
            }
        }
    }

    int started() {
        return started.get();
    }

    int downloads() {
        return downloads.get();
    }

    int requestsWithCredentials() {
        return requestsWithCredentials.get();
    }

    void resetStats() {
        started.set(0);
        downloads.set(0);
        requestsWithCredentials.set(0);
    }

    // ------------------------------------------------------------------ GraphQL

    /** Whether the sandbox serves this mutation: bulkOperationRunQuery alone. */
    static boolean serves(OperationDefinition operation) {
        for (Selection<?> selection : operation.getSelectionSet().getSelections()) {
            if (!(selection instanceof Field field) || !field.getName().equals("bulkOperationRunQuery")) {
                return false;
            }
        }
        return true;
    }

    /** {@code bulkOperationRunQuery}: a BulkOperationRunQueryPayload. */
    Object runQuery(DataFetchingEnvironment env) {
        String query = env.getArgument("query");
        Inner inner;
        try {
            inner = Inner.of(sandbox.graph(), query);
        } catch (Refused e) {
            if (e.code.equals("INVALID")) {
                return payload(null, userError("INVALID", List.of("query"), e.getMessage()));
            }
            return error(env, e.getMessage(), e.code);
        }
        Snapshot snapshot = new Snapshot();
        String errorCode = null;
        if (!sandbox.granted(ShopifySandbox.READ_CUSTOMERS)) {
            // BulkOperationErrorCode ACCESS_DENIED: the operation is created and fails
            errorCode = "ACCESS_DENIED";
        } else {
            ExecutionResult result = sandbox.executeBulkPass(query, snapshot);
            if (!result.getErrors().isEmpty()) {
                GraphQLError first = result.getErrors().get(0);
                return DataFetcherResult.newResult()
                        .error(GraphqlErrorBuilder.newError(env).message(first.getMessage())
                                .extensions(first.getExtensions() == null ? Map.of() : first.getExtensions()).build())
                        .build();
            }
        }
        Operation op;
        synchronized (lock) {
            long now = System.nanoTime();
            long running = foreign.get() + operations.values().stream().filter(o -> !o.ended(now)).count();
            if (running >= MAX_RUNNING) {
                return payload(null, userError("LIMIT_REACHED", null, "A maximum of " + MAX_RUNNING
                        + " bulk query operations can run at the same time on a shop. Wait for one to finish,"
                        + " or cancel one, before starting another."));
            }
            Ending ending = Ending.COMPLETED;
            if (errorCode != null || nextFailure != null) {
                ending = Ending.FAILED;
                errorCode = errorCode != null ? errorCode : nextFailure;
                nextFailure = null;
            } else if (nextCancel) {
                ending = Ending.CANCELED;
                nextCancel = false;
            }
            int drop = ending == Ending.COMPLETED ? nextDrop : 0;
            if (ending == Ending.COMPLETED) {
                nextDrop = 0;
            }
            op = new Operation(nextId.getAndIncrement(), query, inner, snapshot.customers, snapshot.sort,
                    sandbox.currentShopCurrency(), sandbox.isProtectedDataHidden(), duration, ending, errorCode, drop);
            if (ending == Ending.COMPLETED && nextLinkRefused) {
                op.linkRefused = true;
                nextLinkRefused = false;
            }
            operations.put(op.id, op);
            byToken.put(op.token, op);
        }
        started.incrementAndGet();
        writers.execute(() -> write(op));
        return payload(render(op, true), List.of());
    }

    /** {@code bulkOperation(id:)}: this app's operation, or null. */
    Object operation(DataFetchingEnvironment env) {
        String id = env.getArgument("id");
        Matcher m = OPERATION_GID.matcher(id == null ? "" : id.trim());
        Operation op = m.matches() ? operations.get(Long.parseLong(m.group(1))) : null;
        return op == null ? null : render(op, false);
    }

    /** {@code currentBulkOperation(type:)} (deprecated since 2026-01): the app's newest query operation. */
    Object current(DataFetchingEnvironment env) {
        Object type = env.getArgument("type");
        if (type != null && !"QUERY".equals(type.toString())) {
            return null;
        }
        Map.Entry<Long, Operation> newest = operations.lastEntry();
        return newest == null ? null : render(newest.getValue(), false);
    }

    private Map<String, Object> render(Operation op, boolean justCreated) {
        State s = justCreated ? new State("CREATED", 0, null, false, null) : op.state(System.nanoTime());
        String url = s.file() ? resultUrl(op) : null;
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("__typename", "BulkOperation");
        n.put("id", GID + op.id);
        n.put("status", s.status());
        n.put("errorCode", s.errorCode());
        // UnsignedInt64 is a string in Shopify's answers
        n.put("objectCount", Long.toString(s.objectCount()));
        n.put("rootObjectCount", Long.toString(s.objectCount()));
        n.put("fileSize", s.file() ? Long.toString(op.fileBytes) : null);
        n.put("url", s.status().equals("COMPLETED") ? url : null);
        n.put("partialDataUrl", s.status().equals("FAILED") ? url : null);
        n.put("query", op.query);
        n.put("type", "QUERY");
        n.put("createdAt", iso(op.createdAt));
        n.put("completedAt", iso(s.completedAt()));
        return n;
    }

    private String resultUrl(Operation op) {
        return sandbox.baseUrl() + RESULTS_PATH + op.token + ".jsonl";
    }

    private static Map<String, Object> payload(Map<String, Object> operation, List<Object> userErrors) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("bulkOperation", operation);
        p.put("userErrors", userErrors);
        return p;
    }

    private static List<Object> userError(String code, List<String> field, String message) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("__typename", "BulkOperationUserError");
        e.put("code", code);
        e.put("field", field);
        e.put("message", message);
        return List.of(e);
    }

    private static DataFetcherResult<Object> error(DataFetchingEnvironment env, String message, String code) {
        return DataFetcherResult.newResult()
                .error(GraphqlErrorBuilder.newError(env).message(message)
                        .extensions(new LinkedHashMap<>(Map.of("code", code))).build())
                .build();
    }

    // ------------------------------------------------------------------ the inner query

    /** Why an inner query is not run: INVALID (Shopify's userError) or NOT_SUPPORTED_BY_SANDBOX. */
    private static final class Refused extends Exception {
        private final String code;

        Refused(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    /**
     * A checked inner query: its one top-level {@code customers} connection and where its nodes sit
     * in the result (response keys, aliases honoured): {@code edges { node }} or {@code nodes}.
     */
    private record Inner(String topKey, String edgesKey, String nodeKey, String nodesKey) {

        static Inner of(ShopifySandboxSchema graph, String query) throws Refused {
            if (query == null || query.isBlank()) {
                throw new Refused("INVALID", "Invalid bulk query: the query is empty.");
            }
            PreparsedDocumentEntry entry = graph.prepare(query);
            if (entry.hasErrors()) {
                List<String> messages = new ArrayList<>();
                for (Map<String, Object> e : ShopifySandbox.shopifyErrors(entry.getErrors(), entry.getDocument(), null)) {
                    messages.add(String.valueOf(e.get("message")));
                }
                throw new Refused("INVALID", "Invalid bulk query: " + String.join("; ", messages));
            }
            Document doc = entry.getDocument();
            List<OperationDefinition> ops = new ArrayList<>();
            for (Definition<?> d : doc.getDefinitions()) {
                if (d instanceof OperationDefinition od) {
                    ops.add(od);
                }
            }
            if (ops.size() != 1) {
                throw new Refused("INVALID", "Invalid bulk query: it must hold exactly one operation.");
            }
            OperationDefinition op = ops.get(0);
            if (op.getOperation() != OperationDefinition.Operation.QUERY) {
                throw new Refused("INVALID", "Invalid bulk query: only queries can run as bulk queries"
                        + " (mutations run through bulkOperationRunMutation).");
            }
            if (!op.getVariableDefinitions().isEmpty()) {
                throw new Refused("INVALID", "Invalid bulk query: variables are not supported in bulk queries.");
            }
            GraphQLSchema schema = graph.schema();
            Map<String, FragmentDefinition> fragments = NodeUtil.getFragmentsByName(doc);
            if (!hasConnection(op.getSelectionSet(), schema.getQueryType(), schema, fragments)) {
                // Shopify's words for a query without a connection
                throw new Refused("INVALID", "Bulk queries must contain at least one connection.");
            }
            List<Field> top = new ArrayList<>();
            for (Selection<?> sel : op.getSelectionSet().getSelections()) {
                if (!(sel instanceof Field f)) {
                    throw unsupported();
                }
                if (!f.getName().startsWith("__")) {
                    top.add(f);
                }
            }
            if (top.size() != 1 || !top.get(0).getName().equals("customers")) {
                throw unsupported();
            }
            Field customers = top.get(0);
            GraphQLType connection = GraphQLTypeUtil.unwrapAll(
                    schema.getQueryType().getFieldDefinition("customers").getType());
            // nested connections come out as child lines with __parentId in Shopify: not served here
            for (Field f : fields(customers.getSelectionSet())) {
                if ((f.getName().equals("edges") || f.getName().equals("nodes")) && hasConnection(f.getSelectionSet(),
                        GraphQLTypeUtil.unwrapAll(((GraphQLFieldsContainer) connection).getFieldDefinition(f.getName())
                                .getType()), schema, fragments)) {
                    throw unsupported();
                }
            }
            String edgesKey = null;
            String nodeKey = null;
            String nodesKey = null;
            for (Field f : fields(customers.getSelectionSet())) {
                if (f.getName().equals("edges") && edgesKey == null) {
                    for (Field n : fields(f.getSelectionSet())) {
                        if (n.getName().equals("node")) {
                            edgesKey = f.getResultKey();
                            nodeKey = n.getResultKey();
                            break;
                        }
                    }
                } else if (f.getName().equals("nodes") && nodesKey == null) {
                    nodesKey = f.getResultKey();
                }
            }
            if (edgesKey == null && nodesKey == null) {
                throw new Refused("NOT_SUPPORTED_BY_SANDBOX", "The Shopify sandbox runs bulk queries whose customers"
                        + " connection selects edges { node { ... } } or nodes { ... } directly.");
            }
            return new Inner(customers.getResultKey(), edgesKey, nodeKey, nodesKey);
        }

        private static Refused unsupported() {
            return new Refused("NOT_SUPPORTED_BY_SANDBOX", "The Shopify sandbox runs bulk queries over one top-level"
                    + " customers connection without nested connections (Shopify runs more).");
        }

        private static List<Field> fields(SelectionSet set) {
            List<Field> out = new ArrayList<>();
            if (set != null) {
                for (Selection<?> sel : set.getSelections()) {
                    if (sel instanceof Field f) {
                        out.add(f);
                    }
                }
            }
            return out;
        }

        /** Whether a connection is selected anywhere under {@code set}. */
        private static boolean hasConnection(SelectionSet set, GraphQLType parent, GraphQLSchema schema,
                                             Map<String, FragmentDefinition> fragments) {
            if (set == null) {
                return false;
            }
            for (Selection<?> sel : set.getSelections()) {
                if (sel instanceof Field f && !f.getName().startsWith("__") && parent instanceof GraphQLFieldsContainer c) {
                    GraphQLFieldDefinition def = c.getFieldDefinition(f.getName());
                    GraphQLType type = def == null ? null : GraphQLTypeUtil.unwrapAll(def.getType());
                    if (type != null && (ShopifySandboxCost.isConnection(type)
                            || hasConnection(f.getSelectionSet(), type, schema, fragments))) {
                        return true;
                    }
                } else if (sel instanceof InlineFragment in) {
                    GraphQLType on = in.getTypeCondition() == null ? parent : schema.getType(in.getTypeCondition().getName());
                    if (hasConnection(in.getSelectionSet(), on, schema, fragments)) {
                        return true;
                    }
                } else if (sel instanceof FragmentSpread spread && fragments.get(spread.getName()) != null) {
                    FragmentDefinition def = fragments.get(spread.getName());
                    if (hasConnection(def.getSelectionSet(), schema.getType(def.getTypeCondition().getName()), schema,
                            fragments)) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** The node objects of one slice's result, in order. */
        @SuppressWarnings("unchecked")
        List<Object> nodes(Object data) {
            Object conn = data instanceof Map<?, ?> d ? d.get(topKey) : null;
            if (!(conn instanceof Map<?, ?> c)) {
                return List.of();
            }
            if (edgesKey != null && c.get(edgesKey) instanceof List<?> edges) {
                List<Object> out = new ArrayList<>(edges.size());
                for (Object edge : edges) {
                    out.add(((Map<String, Object>) edge).get(nodeKey));
                }
                return out;
            }
            return c.get(nodesKey) instanceof List<?> nodes ? (List<Object>) nodes : List.of();
        }
    }

    /** The first pass: records every matching customer in the connection's order. */
    private final class Snapshot implements Pass {
        private List<SandboxCustomer> customers = List.of();
        private ShopifySandboxStore.Sort sort = ShopifySandboxStore.Sort.ID;

        @Override
        public Object customers(DataFetchingEnvironment env, Predicate<SandboxCustomer> filter,
                                ShopifySandboxStore.Sort sort, boolean reverse) {
            this.customers = sandbox.store().matching(sort, reverse, filter);
            this.sort = sort;
            return connection(List.of(), sort, "USD", false);
        }

        @Override
        public boolean recordsSearch() {
            return true;
        }
    }

    /** A later pass: one slice of the snapshot, as the customers connection. */
    private record Slice(List<SandboxCustomer> slice, ShopifySandboxStore.Sort sort, String currency, boolean hidden)
            implements Pass {
        @Override
        public Object customers(DataFetchingEnvironment env, Predicate<SandboxCustomer> filter,
                                ShopifySandboxStore.Sort ignoredSort, boolean reverse) {
            return connection(slice, sort, currency, hidden);
        }
    }

    private static Map<String, Object> connection(List<SandboxCustomer> customers, ShopifySandboxStore.Sort sort,
                                                  String currency, boolean hidden) {
        List<Object> nodes = new ArrayList<>(customers.size());
        List<Object> edges = new ArrayList<>(customers.size());
        for (SandboxCustomer c : customers) {
            Map<String, Object> node = ShopifySandbox.customerNode(c, currency, hidden);
            nodes.add(node);
            Map<String, Object> edge = new LinkedHashMap<>(4);
            edge.put("cursor", ShopifySandboxStore.cursorOf(sort, c));
            edge.put("node", node);
            edges.add(edge);
        }
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasNextPage", false);
        pageInfo.put("hasPreviousPage", false);
        pageInfo.put("startCursor", edges.isEmpty() ? null : ((Map<?, ?>) edges.get(0)).get("cursor"));
        pageInfo.put("endCursor", edges.isEmpty() ? null : ((Map<?, ?>) edges.get(edges.size() - 1)).get("cursor"));
        Map<String, Object> conn = new LinkedHashMap<>();
        conn.put("nodes", nodes);
        conn.put("edges", edges);
        conn.put("pageInfo", pageInfo);
        return conn;
    }

    // ------------------------------------------------------------------ the operation

    /** What a poll sees at one moment. */
    private record State(String status, long objectCount, String errorCode, boolean file, Instant completedAt) { }

    private static final class Operation {
        final long id;
        final String query;
        final Inner inner;
        final int total;
        final ShopifySandboxStore.Sort sort;
        final String currency;
        final boolean hidden;
        final Instant createdAt = Instant.now();
        final long createdNanos = System.nanoTime();
        final long durationNanos;
        final Ending ending;
        final String plannedError;
        final int drop;
        final String token = token();
        final AtomicLong written = new AtomicLong();
        volatile List<SandboxCustomer> snapshot;
        volatile Path file;
        volatile long fileBytes;
        volatile long fileLines;
        volatile String crash;
        volatile Instant doneAt;
        volatile boolean expired;
        /** The link expires between the poll that gives it and its download: COMPLETED, and 403. */
        volatile boolean linkRefused;

        Operation(long id, String query, Inner inner, List<SandboxCustomer> snapshot, ShopifySandboxStore.Sort sort,
                  String currency, boolean hidden, Duration duration, Ending ending, String plannedError, int drop) {
            this.id = id;
            this.query = query;
            this.inner = inner;
            this.snapshot = snapshot;
            this.total = snapshot.size();
            this.sort = sort;
            this.currency = currency;
            this.hidden = hidden;
            this.durationNanos = duration.toNanos();
            this.ending = ending;
            this.plannedError = plannedError;
            this.drop = drop;
        }

        /** Lines the file gets: all but the dropped ones, half of them for a failure, none when canceled. */
        int linesToWrite() {
            return switch (ending) {
                case COMPLETED -> Math.max(0, total - drop);
                case FAILED -> "ACCESS_DENIED".equals(plannedError) ? 0 : total / 2;
                case CANCELED -> 0;
            };
        }

        boolean ended(long now) {
            return doneAt != null && now - createdNanos >= durationNanos;
        }

        State state(long now) {
            long elapsed = now - createdNanos;
            if (!ended(now)) {
                if (elapsed < durationNanos / 5) {
                    return new State("CREATED", 0, null, false, null);
                }
                long done = written.get();
                long byTime = durationNanos == 0 ? done : total * Math.min(elapsed, durationNanos) / durationNanos;
                return new State("RUNNING", Math.min(done, byTime), null, false, null);
            }
            Instant end = createdAt.plusNanos(durationNanos);
            Instant completedAt = doneAt.isAfter(end) ? doneAt : end;
            String failure = crash != null ? crash : ending == Ending.FAILED ? plannedError : null;
            if (failure != null) {
                return new State("FAILED", fileLines, failure, file != null && crash == null, completedAt);
            }
            if (ending == Ending.CANCELED) {
                return new State("CANCELED", total / 2, null, false, completedAt);
            }
            if (expired) {
                return new State("EXPIRED", total, null, false, completedAt);
            }
            return new State("COMPLETED", total, null, file != null, completedAt);
        }

        boolean downloadable(long now) {
            if (expired || linkRefused || file == null || !ended(now)) {
                return false;
            }
            State s = state(now);
            return s.file() && Instant.now().isBefore(s.completedAt().plus(URL_LIFETIME));
        }
    }

    /** Writes an operation's file: its inner query run over slices of the snapshot, one line per node. */
    private void write(Operation op) {
        List<SandboxCustomer> snapshot = op.snapshot;
        int lines = op.linesToWrite();
        Path file = null;
        try {
            if (op.ending == Ending.CANCELED) {
                op.written.set(op.total / 2); // what it had read when it was canceled
            } else if (op.total > 0 && (lines > 0 || op.ending == Ending.COMPLETED)) {
                file = Files.createTempFile("shopify-sandbox-bulk-" + op.id + "-", ".jsonl");
                long bytes = 0;
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                    for (int from = 0; from < lines; from += SLICE) {
                        if (Thread.currentThread().isInterrupted()) {
                            throw new InterruptedException("the sandbox is closing");
                        }
                        List<SandboxCustomer> slice = snapshot.subList(from, Math.min(lines, from + SLICE));
                        ExecutionResult r = sandbox.executeBulkPass(op.query,
                                new Slice(slice, op.sort, op.currency, op.hidden));
                        if (!r.getErrors().isEmpty()) {
                            throw new IllegalStateException("inner query failed: " + r.getErrors().get(0).getMessage());
                        }
                        for (Object node : op.inner.nodes(r.getData())) {
                            byte[] line = JSON.writeValueAsBytes(node);
                            out.write(line);
                            out.write('\n');
                            bytes += line.length + 1;
                            op.written.incrementAndGet();
                        }
                    }
                }
                op.fileBytes = bytes;
                op.fileLines = op.written.get();
                op.file = file;
            }
        } catch (InterruptedException e) {
            deleteQuietly(file);
            return;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Sandbox bulk operation {} failed", op.id, e);
            deleteQuietly(file);
            op.crash = "INTERNAL_SERVER_ERROR";
        } finally {
            op.snapshot = null; // the file holds it now
        }
        op.doneAt = Instant.now();
    }

    // ------------------------------------------------------------------ the result files

    /** {@code GET /bulk-results/{token}.jsonl}: the file, streamed; 403 once expired or for an unknown token. */
    void download(HttpExchange ex) throws IOException {
        Headers headers = ex.getRequestHeaders();
        if (headers.containsKey("X-Shopify-Access-Token") || headers.containsKey("Authorization")) {
            requestsWithCredentials.incrementAndGet();
        }
        boolean head = "HEAD".equalsIgnoreCase(ex.getRequestMethod());
        if (!head && !"GET".equalsIgnoreCase(ex.getRequestMethod())) {
            send(ex, 405, "text/plain; charset=utf-8", "Method Not Allowed: use GET");
            return;
        }
        Matcher m = RESULT_FILE.matcher(ex.getRequestURI().getPath());
        Operation op = m.matches() ? byToken.get(m.group(1)) : null;
        Path file = op == null ? null : op.file;
        if (op == null || file == null || !op.downloadable(System.nanoTime())) {
            // what Google Cloud Storage answers a signed link that is no longer (or never was) valid
            send(ex, 403, "application/xml; charset=UTF-8", "<?xml version='1.0' encoding='UTF-8'?><Error>"
                    + "<Code>AccessDenied</Code><Message>Access denied.</Message>"
                    + "<Details>The signed URL has expired or is not valid.</Details></Error>");
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "application/jsonl");
        long size = op.fileBytes;
        if (head) {
            ex.getResponseHeaders().set("Content-Length", Long.toString(size));
            ex.sendResponseHeaders(200, -1);
            return;
        }
        ex.sendResponseHeaders(200, size == 0 ? -1 : size);
        if (size > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                Files.copy(file, out);
            }
        }
        downloads.incrementAndGet();
    }

    private static void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops the writers and deletes the result files. */
    @Override
    public void close() {
        writers.shutdownNow();
        try {
            writers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Operation op : operations.values()) {
            deleteQuietly(op.file);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("cannot delete {}", file, e);
        }
    }

    private static String token() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String iso(Instant t) {
        return t == null ? null : DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }
}
