package com.shopifyjoorsync.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.execution.DataFetcherResult;
import graphql.GraphqlErrorBuilder;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.schema.DataFetchingEnvironment;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox store's webhooks: the app's subscriptions ({@code webhookSubscriptions},
 * {@code webhookSubscriptionCreate}, {@code webhookSubscriptionUpdate} with Shopify's userErrors), and
 * signed deliveries to the subscribed URLs when its customers change ({@link ShopifySandbox#put},
 * {@link ShopifySandbox#update}, {@link ShopifySandbox#remove}), sent asynchronously as Shopify sends
 * them: headers of Shopify's "Deliveries" (X-Shopify-Topic, X-Shopify-Hmac-SHA256 = base64
 * HMAC-SHA256 of the body with the client secret, X-Shopify-Shop-Domain, X-Shopify-Webhook-Id,
 * X-Shopify-Event-Id, X-Shopify-Triggered-At, X-Shopify-API-Version), payloads shaped like
 * ../shared/shopify/webhooks/ (customers/create and customers/update carry no tags since 2025-01; a
 * tag change is also a customer.tags_added or customer.tags_removed delivery).
 *
 * <p>Where the sandbox differs: http:// addresses are taken on the loopback (Shopify takes https://
 * only), a missing scope is answered ACCESS_DENIED (Shopify's answer is not published), a failed delivery is tried 5 times within half a minute (Shopify:
 * 8 times over 4 hours), and mutations cost nothing. Knobs: {@link #setSigningSecret},
 * {@link #signNextWith}, {@link #holdNext}, {@link #resend}, {@link #changeCustomersEvery}.
 */
public final class ShopifySandboxWebhooks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ShopifySandboxWebhooks.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBSCRIPTION_GID = "gid://shopify/WebhookSubscription/";
    private static final Set<String> SERVED = Set.of("webhookSubscriptionCreate", "webhookSubscriptionUpdate");
    private static final DateTimeFormatter SHOP_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
    private static final int MAX_ATTEMPTS = 5;
    /** Shopify answers within this or counts the delivery failed. */
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    /** One subscription, as the sandbox keeps it. */
    private record Subscription(long id, String topic, String uri, String format, Instant createdAt,
            Instant updatedAt) {
    }

    /** One delivery to one subscription; an attempt sends the same body, signature and ids again. */
    public static final class Delivery {
        private final String webhookId;
        private final String eventId;
        private final String topic;
        private final String url;
        private final byte[] body;
        private final String signature;
        private final Instant triggeredAt;
        private final AtomicInteger attempts = new AtomicInteger();
        private volatile int status;
        private volatile Instant answeredAt;

        Delivery(String webhookId, String eventId, String topic, String url, byte[] body, String signature,
                Instant triggeredAt) {
            this.webhookId = webhookId;
            this.eventId = eventId;
            this.topic = topic;
            this.url = url;
            this.body = body;
            this.signature = signature;
            this.triggeredAt = triggeredAt;
        }

        public String webhookId() {
            return webhookId;
        }

        public String eventId() {
            return eventId;
        }

        /** e.g. {@code customers/update}. */
        public String topic() {
            return topic;
        }

        public String url() {
            return url;
        }

        public String body() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public int attempts() {
            return attempts.get();
        }

        /** The HTTP status of the last attempt; 0 before an answer (or when none came). */
        public int status() {
            return status;
        }

        /** When the last attempt was answered; null before. */
        public Instant answeredAt() {
            return answeredAt;
        }

        @Override
        public String toString() {
            return topic + " " + webhookId + " to " + url + ": " + status + " after " + attempts + " attempts";
        }
    }

    /**
     * customers/merge needs it besides read_customers (WebhookSubscriptionTopic, 2026-10). Granted
     * unless {@link #dropCustomerMergeScope}; not listed by currentAppInstallation.
     */
    public static final String READ_CUSTOMER_MERGE = "read_customer_merge";

    private final Supplier<String> currency;
    private final java.util.function.Predicate<String> granted;
    private final ConcurrentSkipListMap<Long, Subscription> subscriptions = new ConcurrentSkipListMap<>();
    private final AtomicLong nextId = new AtomicLong(1_001);
    private final List<Delivery> deliveries = Collections.synchronizedList(new ArrayList<>());
    private final ScheduledExecutorService executor;
    private final HttpClient http;
    private volatile String signingSecret;
    private volatile boolean customerMergeScope = true;
    private volatile String nextSecret;
    private volatile Duration nextHold;
    private volatile ScheduledFuture<?> changing;

    ShopifySandboxWebhooks(String clientSecret, Supplier<String> currency, java.util.function.Predicate<String> granted) {
        this.signingSecret = clientSecret;
        this.currency = currency;
        this.granted = granted;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newScheduledThreadPool(4, r -> {
            Thread t = new Thread(r, "shopify-sandbox-webhooks-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().connectTimeout(DEADLINE).build();
    }

    // ------------------------------------------------------------------ knobs

    /** The secret deliveries are signed with (default: the app's client secret, as Shopify does). */
    public void setSigningSecret(String secret) {
        this.signingSecret = Objects.requireNonNull(secret, "secret");
    }

    public String signingSecret() {
        return signingSecret;
    }

    /** The app loses {@value #READ_CUSTOMER_MERGE}: customers/merge subscriptions are denied. */
    public void dropCustomerMergeScope() {
        customerMergeScope = false;
    }

    /** The next delivery is signed with this secret instead (an old one, as during a rotation). */
    public void signNextWith(String secret) {
        this.nextSecret = Objects.requireNonNull(secret, "secret");
    }

    /** The next delivery waits this long before it leaves: those after it arrive first (out of order). */
    public void holdNext(Duration hold) {
        this.nextHold = Objects.requireNonNull(hold, "hold");
    }

    /** Sends a delivery again, as Shopify retries: the same webhook id, event id, body and signature. */
    public void resend(Delivery delivery) {
        executor.execute(() -> attempt(delivery, false));
    }

    /**
     * Every {@code period}, the next of these customers changes (its address line 2, which JOOR
     * receives), as a merchant editing them would; deliveries follow. {@link #stopChanging} ends it.
     */
    public void changeCustomersEvery(Duration period, List<Long> customerIds, ShopifySandbox store) {
        stopChanging();
        List<Long> ids = List.copyOf(customerIds);
        if (ids.isEmpty()) {
            return;
        }
        AtomicLong turn = new AtomicLong();
        changing = executor.scheduleAtFixedRate(() -> {
            long n = turn.getAndIncrement();
            long id = ids.get((int) (n % ids.size()));
            try {
                String suite = "Suite " + (100 + n % 900);
                store.update(id, c -> {
                    if (c.getDefaultAddress() != null) {
                        c.getDefaultAddress().setAddress2(suite);
                    } else {
                        c.setNote("Changed by the sandbox (" + n + ")");
                    }
                });
                // what a demo watches for: the change here, then the sync's WEBHOOK SUMMARY
                LOG.info("Sandbox Shopify store changed customer {} (address line 2: {})", id, suite);
            } catch (RuntimeException e) {
                LOG.warn("The sandbox store could not change customer {}", id, e);
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void stopChanging() {
        ScheduledFuture<?> running = changing;
        if (running != null) {
            running.cancel(false);
        }
    }

    // ------------------------------------------------------------------ what happened

    /** Every delivery made, in the order they were made (a resend is not a new one). */
    public List<Delivery> deliveries() {
        synchronized (deliveries) {
            return List.copyOf(deliveries);
        }
    }

    /** Where each subscription delivers, by topic value (e.g. CUSTOMERS_UPDATE), oldest first. */
    public Map<String, List<String>> subscriptions() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        subscriptions.values().forEach(s -> out.computeIfAbsent(s.topic(), t -> new ArrayList<>()).add(s.uri()));
        return out;
    }

    /** A subscription made elsewhere (another deployment, the merchant): its id. */
    public String subscribe(String topic, String uri) {
        Instant now = now();
        long id = nextId.getAndIncrement();
        subscriptions.put(id, new Subscription(id, topic, uri, "JSON", now, now));
        return SUBSCRIPTION_GID + id;
    }

    // ------------------------------------------------------------------ GraphQL

    /** Whether the sandbox serves this mutation: only the two subscription mutations. */
    static boolean serves(OperationDefinition operation) {
        for (Selection<?> selection : operation.getSelectionSet().getSelections()) {
            if (!(selection instanceof Field field) || !SERVED.contains(field.getName())) {
                return false;
            }
        }
        return true;
    }

    Object list(DataFetchingEnvironment env) {
        Integer first = env.getArgument("first");
        Integer last = env.getArgument("last");
        if (first == null && last == null) {
            return error(env, "you must provide one of first or last", "BAD_REQUEST");
        }
        int n = first != null ? first : last;
        if (n < 0 || n > ShopifySandbox.MAX_PAGE_SIZE) {
            return error(env, "Requested page size (" + n + ") exceeds the maximum page size of "
                    + ShopifySandbox.MAX_PAGE_SIZE + ".", "BAD_REQUEST");
        }
        List<?> topics = env.getArgument("topics");
        String uri = env.getArgument("uri") != null ? env.getArgument("uri") : env.getArgument("callbackUrl");
        Object format = env.getArgument("format");
        String after = env.getArgument("after");
        long afterId;
        try {
            afterId = after == null ? 0 : Long.parseLong(new String(Base64.getDecoder().decode(after),
                    StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return error(env, "Invalid cursor for current pagination sort.", "BAD_REQUEST");
        }
        List<Subscription> matching = subscriptions.values().stream()
                .filter(s -> topics == null || topics.stream().map(String::valueOf).anyMatch(s.topic()::equals))
                .filter(s -> uri == null || uri.equals(s.uri()))
                .filter(s -> format == null || String.valueOf(format).equals(s.format()))
                .toList();
        if (Boolean.TRUE.equals(env.getArgument("reverse"))) {
            matching = new ArrayList<>(matching);
            Collections.reverse(matching);
        }
        List<Object> nodes = new ArrayList<>();
        List<Object> edges = new ArrayList<>();
        boolean past = after == null;
        boolean more = false;
        String endCursor = null;
        for (Subscription s : matching) {
            if (!past) {
                past = s.id() == afterId;
                continue;
            }
            if (nodes.size() == n) {
                more = true;
                break;
            }
            endCursor = Base64.getEncoder().encodeToString(Long.toString(s.id()).getBytes(StandardCharsets.UTF_8));
            Map<String, Object> node = node(s);
            nodes.add(node);
            edges.add(Map.of("cursor", endCursor, "node", node));
        }
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasNextPage", more);
        pageInfo.put("hasPreviousPage", after != null);
        pageInfo.put("startCursor", edges.isEmpty() ? null : ((Map<?, ?>) edges.get(0)).get("cursor"));
        pageInfo.put("endCursor", endCursor);
        Map<String, Object> connection = new LinkedHashMap<>();
        connection.put("nodes", nodes);
        connection.put("edges", edges);
        connection.put("pageInfo", pageInfo);
        return connection;
    }

    Object create(DataFetchingEnvironment env) {
        String topic = String.valueOf(env.<Object>getArgument("topic"));
        DataFetcherResult<Object> denied = denied(env, topic);
        if (denied != null) {
            return denied;
        }
        Map<String, Object> input = env.getArgument("webhookSubscription");
        String uri = uri(input);
        Map<String, Object> refused = refusal(uri, topic, -1);
        if (refused != null) {
            return refused;
        }
        Instant now = now();
        long id = nextId.getAndIncrement();
        Subscription s = new Subscription(id, topic, uri, format(input, "JSON"), now, now);
        subscriptions.put(id, s);
        return payload(node(s), List.of());
    }

    Object update(DataFetchingEnvironment env) {
        String gid = env.getArgument("id");
        Map<String, Object> input = env.getArgument("webhookSubscription");
        Subscription current = null;
        if (gid != null && gid.matches("gid://shopify/WebhookSubscription/\\d{1,18}")) {
            current = subscriptions.get(Long.parseLong(gid.substring(SUBSCRIPTION_GID.length())));
        }
        if (current == null) {
            return payload(null, List.of(userError(List.of("id"), "Webhook subscription does not exist")));
        }
        DataFetcherResult<Object> denied = denied(env, current.topic());
        if (denied != null) {
            return denied;
        }
        String uri = input.containsKey("uri") || input.containsKey("callbackUrl") ? uri(input) : current.uri();
        Map<String, Object> refused = refusal(uri, current.topic(), current.id());
        if (refused != null) {
            return refused;
        }
        Subscription s = new Subscription(current.id(), current.topic(), uri, format(input, current.format()),
                current.createdAt(), now());
        subscriptions.put(s.id(), s);
        return payload(node(s), List.of());
    }

    /**
     * A customer topic without its scope: the field answers null with ACCESS_DENIED, as Shopify's
     * customer fields do (assumed for the mutations: Shopify does not publish that answer).
     */
    private DataFetcherResult<Object> denied(DataFetchingEnvironment env, String topic) {
        List<String> needs = new ArrayList<>();
        if (topic.startsWith("CUSTOMERS_") || topic.startsWith("CUSTOMER_")) {
            needs.add(ShopifySandbox.READ_CUSTOMERS);
        }
        if (topic.equals("CUSTOMERS_MERGE")) {
            needs.add(READ_CUSTOMER_MERGE);
        }
        String missing = needs.stream().filter(handle -> READ_CUSTOMER_MERGE.equals(handle) ? !customerMergeScope
                : !granted.test(handle)).findFirst().orElse(null);
        if (missing == null) {
            return null;
        }
        String required = "`" + missing + "` access scope.";
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", "ACCESS_DENIED");
        extensions.put("documentation", "https://shopify.dev/api/usage/access-scopes");
        extensions.put("requiredAccess", required);
        return DataFetcherResult.newResult().error(GraphqlErrorBuilder.newError(env).message("Access denied for "
                + env.getField().getName() + " field. Required access: " + required).extensions(extensions).build())
                .build();
    }

    private static String uri(Map<String, Object> input) {
        Object uri = input.get("uri") != null ? input.get("uri") : input.get("callbackUrl");
        return uri == null ? null : uri.toString().trim();
    }

    private static String format(Map<String, Object> input, String otherwise) {
        Object format = input.get("format");
        return format == null ? otherwise : format.toString();
    }

    /** Shopify's userErrors for an address it would not deliver to, or taken for the topic; null when fine. */
    private Map<String, Object> refusal(String uri, String topic, long self) {
        List<String> field = List.of("webhookSubscription", "uri");
        if (uri == null || uri.isEmpty()) {
            return payload(null, List.of(userError(field, "Address can't be blank")));
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (java.net.URISyntaxException e) {
            return payload(null, List.of(userError(field, "Address is invalid")));
        }
        String host = parsed.getHost();
        boolean loopback = "127.0.0.1".equals(host) || "localhost".equals(host);
        if (host == null || parsed.getScheme() == null) {
            return payload(null, List.of(userError(field, "Address is invalid")));
        }
        if (!"https".equals(parsed.getScheme()) && !("http".equals(parsed.getScheme()) && loopback)) {
            return payload(null, List.of(userError(field, "Address protocol " + parsed.getScheme()
                    + ":// is not supported")));
        }
        boolean taken = subscriptions.values().stream()
                .anyMatch(s -> s.id() != self && s.topic().equals(topic) && s.uri().equals(uri));
        if (taken) {
            return payload(null, List.of(userError(field, "Address for this topic has already been taken")));
        }
        return null;
    }

    private static Map<String, Object> payload(Map<String, Object> subscription, List<Object> userErrors) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("webhookSubscription", subscription);
        payload.put("userErrors", userErrors);
        return payload;
    }

    private static Map<String, Object> userError(List<String> field, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("__typename", "UserError");
        error.put("field", field);
        error.put("message", message);
        return error;
    }

    private static Map<String, Object> node(Subscription s) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("__typename", "WebhookSubscription");
        n.put("id", SUBSCRIPTION_GID + s.id());
        n.put("legacyResourceId", Long.toString(s.id()));
        n.put("topic", s.topic());
        n.put("uri", s.uri());
        n.put("callbackUrl", s.uri());
        n.put("endpoint", Map.of("__typename", "WebhookHttpEndpoint", "callbackUrl", s.uri()));
        n.put("format", s.format());
        n.put("apiVersion", Map.of("__typename", "ApiVersion", "handle", apiVersion(), "displayName", apiVersion(),
                "supported", true));
        n.put("createdAt", s.createdAt().toString());
        n.put("updatedAt", s.updatedAt().toString());
        n.put("filter", null);
        n.put("name", null);
        n.put("includeFields", List.of());
        n.put("metafieldNamespaces", List.of());
        n.put("metafields", List.of());
        return n;
    }

    private static DataFetcherResult<Object> error(DataFetchingEnvironment env, String message, String code) {
        return DataFetcherResult.newResult().error(GraphqlErrorBuilder.newError(env).message(message)
                .extensions(new LinkedHashMap<>(Map.of("code", code))).build()).build();
    }

    /** The webhooks API version: the app's, the newest the sandbox serves. */
    private static String apiVersion() {
        return ShopifySandbox.SUPPORTED_VERSIONS.get(ShopifySandbox.SUPPORTED_VERSIONS.size() - 1);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    // ------------------------------------------------------------------ deliveries

    /** Whether a change needs looking at: something is subscribed. */
    boolean active() {
        return !subscriptions.isEmpty();
    }

    /** A customer stored: customers/create when {@code before} is null, else customers/update and its tag changes. */
    void stored(SandboxCustomer before, SandboxCustomer after) {
        if (!active()) {
            return;
        }
        Instant at = Instant.now();
        if (before == null) {
            deliver("customers/create", customerPayload(after), at);
            return;
        }
        deliver("customers/update", customerPayload(after), at);
        Set<String> added = new LinkedHashSet<>(after.getTags());
        added.removeAll(before.getTags());
        Set<String> removed = new LinkedHashSet<>(before.getTags());
        removed.removeAll(after.getTags());
        if (!added.isEmpty()) {
            deliver("customer.tags_added", tagsPayload(after, added, at), at);
        }
        if (!removed.isEmpty()) {
            deliver("customer.tags_removed", tagsPayload(after, removed, at), at);
        }
    }

    void removed(SandboxCustomer gone) {
        if (!active() || gone == null) {
            return;
        }
        ObjectNode payload = JSON.createObjectNode();
        payload.put("id", gone.getLegacyResourceId());
        payload.putArray("tax_exemptions");
        payload.put("admin_graphql_api_id", gone.gid());
        deliver("customers/delete", payload, Instant.now());
    }

    /** One event: a delivery to each subscription of the topic, the same event id for all. */
    private void deliver(String topic, ObjectNode payload, Instant at) {
        String value = topic.toUpperCase(Locale.ROOT).replace('/', '_').replace('.', '_');
        String eventId = UUID.randomUUID().toString();
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        for (Subscription s : subscriptions.values()) {
            if (!s.topic().equals(value)) {
                continue;
            }
            String secret = nextSecret != null ? nextSecret : signingSecret;
            nextSecret = null;
            Duration hold = nextHold;
            nextHold = null;
            Delivery delivery = new Delivery(UUID.randomUUID().toString(), eventId, topic, s.uri(), body,
                    sign(secret, body), at);
            deliveries.add(delivery);
            if (hold == null) {
                executor.execute(() -> attempt(delivery, true));
            } else {
                executor.schedule(() -> attempt(delivery, true), hold.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void attempt(Delivery d, boolean retry) {
        if (executor.isShutdown()) {
            return;
        }
        int attempt = d.attempts.incrementAndGet();
        HttpRequest request = HttpRequest.newBuilder(URI.create(d.url))
                .timeout(DEADLINE)
                .header("Content-Type", "application/json")
                .header("X-Shopify-Topic", d.topic)
                .header("X-Shopify-Hmac-SHA256", d.signature)
                .header("X-Shopify-Shop-Domain", ShopifySandbox.SHOP_DOMAIN)
                .header("X-Shopify-Webhook-Id", d.webhookId)
                .header("X-Shopify-Event-Id", d.eventId)
                .header("X-Shopify-Triggered-At", DateTimeFormatter.ISO_INSTANT.format(d.triggeredAt.truncatedTo(
                        ChronoUnit.MILLIS)))
                .header("X-Shopify-API-Version", apiVersion())
                .POST(HttpRequest.BodyPublishers.ofByteArray(d.body))
                .build();
        try {
            d.status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            d.answeredAt = Instant.now();
        } catch (IOException e) {
            d.status = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        boolean ok = d.status >= 200 && d.status < 300;
        if (!ok) {
            LOG.info("Sandbox webhook {} {} to {}: attempt {} answered {}", d.topic, d.webhookId, d.url, attempt,
                    d.status == 0 ? "nothing" : d.status);
        }
        if (!ok && retry && attempt < MAX_ATTEMPTS && !executor.isShutdown()) {
            executor.schedule(() -> attempt(d, true), 1L << (attempt - 1), TimeUnit.SECONDS);
        }
    }

    private static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** customers/create and customers/update: the REST shape of the examples, without tags (2025-01 on). */
    private ObjectNode customerPayload(SandboxCustomer c) {
        ObjectNode p = JSON.createObjectNode();
        p.put("id", c.getLegacyResourceId());
        p.put("created_at", shopTime(c.getCreatedAt()));
        p.put("updated_at", shopTime(c.getUpdatedAt()));
        p.put("first_name", c.getFirstName());
        p.put("last_name", c.getLastName());
        p.put("state", c.getState() == null ? "enabled" : c.getState().toLowerCase(Locale.ROOT));
        p.put("note", c.getNote());
        p.put("verified_email", c.getEmail() != null);
        p.putNull("multipass_identifier");
        p.put("tax_exempt", c.isTaxExempt());
        p.put("email", c.getEmail());
        p.put("phone", c.getPhone());
        p.put("currency", currency.get());
        ArrayNode addresses = p.putArray("addresses");
        p.putArray("tax_exemptions");
        p.put("admin_graphql_api_id", c.gid());
        SandboxAddress a = c.getDefaultAddress();
        if (a == null) {
            p.putNull("default_address");
        } else {
            ObjectNode address = p.putObject("default_address");
            address.put("id", c.getLegacyResourceId());
            address.put("customer_id", c.getLegacyResourceId());
            address.put("first_name", a.getFirstName());
            address.put("last_name", a.getLastName());
            address.put("company", a.getCompany());
            address.put("address1", a.getAddress1());
            address.put("address2", a.getAddress2());
            address.put("city", a.getCity());
            address.put("province", a.getProvince());
            address.put("country", a.getCountry());
            address.put("zip", a.getZip());
            address.put("phone", a.getPhone());
            address.put("name", String.join(" ", Objects.toString(a.getFirstName(), ""),
                    Objects.toString(a.getLastName(), "")).trim());
            address.put("province_code", a.getProvinceCode());
            address.put("country_code", a.getCountryCodeV2());
            address.put("country_name", a.getCountry());
            address.put("default", true);
            addresses.add(address.deepCopy());
        }
        return p;
    }

    private static ObjectNode tagsPayload(SandboxCustomer c, Set<String> tags, Instant at) {
        ObjectNode p = JSON.createObjectNode();
        p.put("customerId", c.gid());
        ArrayNode list = p.putArray("tags");
        tags.forEach(list::add);
        p.put("occurredAt", DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.MILLIS)));
        return p;
    }

    private static String shopTime(Instant t) {
        return t == null ? null : SHOP_TIME.format(t.atOffset(ZoneOffset.UTC));
    }

    @Override
    public void close() {
        stopChanging();
        executor.shutdownNow();
    }
}
