package com.shopifyjoorsync.shopify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopifyjoorsync.observe.SecretMask;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.StreamCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the answers of the Admin GraphQL endpoint (the camel-http call of the route, made with
 * {@code throwExceptionOnFailure=false}): records the cost into the pacer, checks the API version
 * Shopify served, and turns every failure into a specific {@link ShopifyException}:
 * <ul>
 *   <li>401 / 403 / {@code ACCESS_DENIED} → {@link ShopifyAuthException} (fatal), or
 *       {@link ShopifyTokenExpiredException} (retryable) when a client-credentials token that had
 *       been in use was refused;</li>
 *   <li>{@code THROTTLED} (HTTP 200 or 429), or any 429 → {@link ShopifyThrottledException}
 *       (retryable; {@code Retry-After} is passed to the pacer);</li>
 *   <li>5xx, or a body that is not JSON → {@link ShopifyUnavailableException} (retryable);</li>
 *   <li>{@code MAX_COST_EXCEEDED} → {@link ShopifyQueryCostException} (retryable; the pacer has
 *       shrunk the page, so the retried request must be built anew);</li>
 *   <li>any other GraphQL error or unexpected answer → {@link ShopifyQueryException} (fatal).</li>
 * </ul>
 * The body may be a String, bytes, an InputStream or a stream cache; a stream cache is reset so the
 * body can be read again, a one-shot stream is replaced by its text.
 *
 * <p>Bean {@code sjsShopifyResponses}.
 */
public class ShopifyResponses {

    /** Response header naming the API version Shopify actually served. */
    public static final String API_VERSION_HEADER = "X-Shopify-API-Version";
    /** Response header explaining a deprecated use of the API. */
    public static final String DEPRECATED_REASON_HEADER = "X-Shopify-API-Deprecated-Reason";

    private static final Logger LOG = LoggerFactory.getLogger(ShopifyResponses.class);
    /** Also the bulk read's: a customer reads the same from a page and from a bulk file (content hashes). */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final int SNIPPET_LENGTH = 200;

    private final ShopifyCostPacer pacer;
    private final String apiVersion;
    private final ShopifyAccessToken accessToken;
    private final Set<String> versionsWarned = ConcurrentHashMap.newKeySet();
    private final Set<String> deprecationsWarned = ConcurrentHashMap.newKeySet();

    /**
     * @param apiVersion the version the route asks for (shopify.api-version), to compare with the
     *                   served one
     */
    public ShopifyResponses(ShopifyCostPacer pacer, String apiVersion) {
        this(pacer, apiVersion, null);
    }

    /**
     * @param accessToken the token bean, told to {@link ShopifyAccessToken#invalidate() drop} its
     *                    token when Shopify answers 401; may be null
     */
    public ShopifyResponses(ShopifyCostPacer pacer, String apiVersion, ShopifyAccessToken accessToken) {
        if (pacer == null) {
            throw new IllegalArgumentException("pacer is required");
        }
        this.pacer = pacer;
        this.apiVersion = apiVersion;
        this.accessToken = accessToken;
    }

    /** Reads a customers page answer ({@link ShopifyQueries#CUSTOMERS_PAGE}). */
    public CustomerPage readCustomersPage(Exchange exchange) {
        JsonNode customers = read(exchange, "customers").path("customers");
        if (!customers.isObject()) {
            throw unexpected("customers", "has no data.customers");
        }
        JsonNode nodes = customers.path("nodes");
        if (!nodes.isArray()) {
            throw unexpected("customers", "has no data.customers.nodes list");
        }
        List<ObjectNode> page = new ArrayList<>(nodes.size());
        for (JsonNode node : nodes) {
            if (!(node instanceof ObjectNode)) {
                throw unexpected("customers", "has a customer that is not an object: " + snippet(node.toString()));
            }
            page.add((ObjectNode) node);
        }
        JsonNode pageInfo = customers.path("pageInfo");
        if (!pageInfo.path("hasNextPage").isBoolean()) {
            throw unexpected("customers", "has no data.customers.pageInfo.hasNextPage");
        }
        boolean hasNextPage = pageInfo.path("hasNextPage").booleanValue();
        String endCursor = pageInfo.path("endCursor").isTextual() ? pageInfo.path("endCursor").textValue() : null;
        if (hasNextPage && (endCursor == null || endCursor.isBlank())) {
            // following the page with a null cursor would restart from the first page forever
            throw unexpected("customers", "says another page follows but gives no endCursor");
        }
        LOG.debug("Shopify customers page: {} customers, hasNextPage={}", page.size(), hasNextPage);
        return new CustomerPage(page, hasNextPage, endCursor);
    }

    /** Reads a customers count answer ({@link ShopifyQueries#CUSTOMERS_COUNT}). */
    public CustomerCount readCustomersCount(Exchange exchange) {
        JsonNode count = read(exchange, "customersCount").path("customersCount");
        if (!count.path("count").canConvertToLong()) {
            throw unexpected("customersCount", "has no data.customersCount.count");
        }
        return new CustomerCount(count.path("count").asLong(), "AT_LEAST".equals(count.path("precision").asText()));
    }

    /** Reads the access scopes answer ({@link ShopifyQueries#ACCESS_SCOPES}): the granted handles, e.g. {@code read_customers}. */
    public List<String> readAccessScopes(Exchange exchange) {
        JsonNode scopes = read(exchange, "currentAppInstallation").path("currentAppInstallation").path("accessScopes");
        if (!scopes.isArray()) {
            throw unexpected("currentAppInstallation", "has no data.currentAppInstallation.accessScopes list");
        }
        List<String> handles = new ArrayList<>(scopes.size());
        scopes.forEach(scope -> handles.add(scope.path("handle").asText()));
        return handles;
    }

    /** Reads the shop answer ({@link ShopifyQueries#SHOP}) and returns its currency code, e.g. {@code EUR}. */
    public String readShopCurrency(Exchange exchange) {
        JsonNode shop = read(exchange, "shop").path("shop");
        String currency = shop.path("currencyCode").asText("");
        if (currency.isBlank()) {
            throw unexpected("shop", "has no data.shop.currencyCode");
        }
        LOG.debug("Shopify shop {} ({}), currency {}", shop.path("name").asText(""),
                shop.path("myshopifyDomain").asText(""), currency);
        return currency;
    }

    /**
     * Reads the answer to {@link ShopifyQueries#BULK_CUSTOMERS_RUN}: the operation started, or the
     * reason Shopify did not start it (LIMIT_REACHED, OPERATION_IN_PROGRESS: other operations run on
     * the shop). Any other refusal is the query's fault: it fails loudly.
     */
    public BulkOperation readBulkOperationStarted(Exchange exchange) {
        JsonNode payload = read(exchange, "bulkOperationRunQuery").path("bulkOperationRunQuery");
        List<String> refusals = new ArrayList<>();
        boolean busy = false;
        for (JsonNode error : payload.path("userErrors")) {
            String code = error.path("code").asText("");
            busy |= code.equals("LIMIT_REACHED") || code.equals("OPERATION_IN_PROGRESS");
            refusals.add(code + ": " + snippet(error.path("message").asText("")));
        }
        if (!refusals.isEmpty()) {
            if (busy) {
                return BulkOperation.notStarted(String.join("; ", refusals));
            }
            throw unexpected("bulkOperationRunQuery", "refused the bulk query: " + String.join("; ", refusals));
        }
        return bulkOperation(payload.path("bulkOperation"), "bulkOperationRunQuery");
    }

    /** Reads the answer to {@link ShopifyQueries#BULK_OPERATION}. */
    public BulkOperation readBulkOperation(Exchange exchange) {
        return bulkOperation(read(exchange, "bulkOperation").path("bulkOperation"), "bulkOperation");
    }

    /** objectCount is an UnsignedInt64: a JSON string in Shopify's answers. */
    private static BulkOperation bulkOperation(JsonNode node, String what) {
        if (!node.path("id").isTextual() || !node.path("status").isTextual()) {
            throw unexpected(what, "has no bulk operation with an id and a status");
        }
        String count = node.path("objectCount").asText("0");
        return new BulkOperation(node.path("id").asText(), node.path("status").asText(),
                node.path("errorCode").isTextual() ? node.path("errorCode").asText() : null,
                count.isBlank() ? 0 : Long.parseLong(count),
                node.path("url").isTextual() ? node.path("url").asText() : null,
                node.path("partialDataUrl").isTextual() ? node.path("partialDataUrl").asText() : null, null);
    }

    /** Reads a page of {@link ShopifyQueries#WEBHOOK_SUBSCRIPTIONS}. */
    public WebhookSubscriptionPage readWebhookSubscriptions(Exchange exchange) {
        JsonNode connection = read(exchange, "webhookSubscriptions").path("webhookSubscriptions");
        JsonNode nodes = connection.path("nodes");
        if (!nodes.isArray()) {
            throw unexpected("webhookSubscriptions", "has no data.webhookSubscriptions.nodes list");
        }
        List<WebhookSubscription> subscriptions = new ArrayList<>(nodes.size());
        nodes.forEach(node -> subscriptions.add(subscription(node)));
        JsonNode pageInfo = connection.path("pageInfo");
        boolean hasNextPage = pageInfo.path("hasNextPage").asBoolean(false);
        String endCursor = pageInfo.path("endCursor").isTextual() ? pageInfo.path("endCursor").textValue() : null;
        if (hasNextPage && (endCursor == null || endCursor.isBlank())) {
            throw unexpected("webhookSubscriptions", "says another page follows but gives no endCursor");
        }
        return new WebhookSubscriptionPage(subscriptions, hasNextPage, endCursor);
    }

    /**
     * Reads the answer to {@link ShopifyQueries#WEBHOOK_SUBSCRIPTION_CREATE} or
     * {@link ShopifyQueries#WEBHOOK_SUBSCRIPTION_UPDATE}: what Shopify refused comes back as
     * userErrors (HTTP 200), not as an exception.
     */
    public WebhookSubscriptionResult readWebhookSubscriptionChange(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        JsonNode answer = status == null || status == 200 ? parse(bodyText(exchange.getMessage())) : null;
        if (hasCode(errors(answer), "ACCESS_DENIED")) {
            // a scope one topic needs (read_customer_merge for customers/merge): that topic's refusal
            pacer.record(answer.path("extensions").path("cost"));
            return new WebhookSubscriptionResult(null, messages(errors(answer)));
        }
        JsonNode data = read(exchange, "webhookSubscription");
        JsonNode payload = data.has("webhookSubscriptionCreate") ? data.path("webhookSubscriptionCreate")
                : data.path("webhookSubscriptionUpdate");
        if (!payload.isObject()) {
            throw unexpected("webhookSubscription", "has no webhookSubscriptionCreate or webhookSubscriptionUpdate");
        }
        List<String> userErrors = new ArrayList<>();
        payload.path("userErrors").forEach(error -> {
            String field = error.path("field").isArray() && !error.path("field").isEmpty()
                    ? String.join(".", JSON.convertValue(error.path("field"), String[].class)) + ": " : "";
            userErrors.add(snippet(field + error.path("message").asText("")));
        });
        JsonNode node = payload.path("webhookSubscription");
        return new WebhookSubscriptionResult(node.isObject() && userErrors.isEmpty() ? subscription(node) : null,
                userErrors);
    }

    private static WebhookSubscription subscription(JsonNode node) {
        return new WebhookSubscription(node.path("id").asText(null), node.path("topic").asText(null),
                node.path("uri").asText(null), node.path("format").asText(null));
    }

    /** Checks status, headers and errors of an answer; returns its {@code data}. */
    private JsonNode read(Exchange exchange, String what) {
        Message message = exchange.getMessage();
        checkVersion(message);
        Integer statusHeader = message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        int status = statusHeader == null ? 200 : statusHeader;
        String text = bodyText(message);
        JsonNode json = parse(text);
        JsonNode cost = json == null ? null : json.path("extensions").path("cost");
        pacer.record(cost);

        List<JsonNode> errors = errors(json);
        List<String> messages = messages(errors);
        String statusText = "HTTP " + status;

        if (status == 401) {
            String detail = messages.isEmpty() ? "" : " " + String.join("; ", messages);
            if (accessToken != null && accessToken.invalidate()) {
                throw new ShopifyTokenExpiredException("Shopify refused the access token (HTTP 401)" + detail
                        + "; the cached client-credentials token was dropped and a new one is fetched for the retry");
            }
            throw new ShopifyAuthException("Shopify refused the access token (HTTP 401)" + detail
                    + ": check shopify.access-token (or shopify.client-id and shopify.client-secret)"
                    + " and that the app is installed on the shop");
        }
        if (status == 403 || hasCode(errors, "ACCESS_DENIED")) {
            throw new ShopifyAuthException("Shopify denied the " + what + " query (" + statusText + ")"
                    + (messages.isEmpty() ? "" : ": " + String.join("; ", messages))
                    + ": the app needs the read_customers scope and access to protected customer data");
        }
        if (status == 429 || hasCode(errors, "THROTTLED")) {
            Duration retryAfter = retryAfter(message);
            pacer.recordThrottled(retryAfter);
            throw new ShopifyThrottledException("Shopify throttled the " + what + " query (" + statusText
                    + (hasCode(errors, "THROTTLED") ? ", THROTTLED" : "") + bucket(cost)
                    + (retryAfter == null ? "" : ", Retry-After " + retryAfter.toMillis() + " ms")
                    + "); the next request waits for the bucket", retryAfter);
        }
        if (status >= 500) {
            pacer.hold(retryAfter(message));
            throw new ShopifyUnavailableException("Shopify answered " + statusText + " to the " + what + " query"
                    + (messages.isEmpty() ? describeBody(json, text) : ": " + String.join("; ", messages)));
        }
        if (json == null || !json.isObject()) {
            throw new ShopifyUnavailableException("Shopify's answer to the " + what + " query (" + statusText
                    + ", Content-Type " + message.getHeader(Exchange.CONTENT_TYPE, String.class)
                    + ") is not a JSON object" + describeBody(null, text));
        }
        if (hasCode(errors, "MAX_COST_EXCEEDED")) {
            Integer requested = requestedCost(errors, cost);
            if (pacer.pageTooCostly(requested)) {
                throw new ShopifyQueryCostException("Shopify refused the " + what + " query as too costly ("
                        + (requested == null ? "" : "requested " + requested + " points, ")
                        + "MAX_COST_EXCEEDED); the next request asks for " + pacer.pageSize() + " customers");
            }
            throw new ShopifyQueryException("Shopify refused the " + what + " query as too costly: "
                    + String.join("; ", messages), messages);
        }
        if (!errors.isEmpty()) {
            throw new ShopifyQueryException("Shopify rejected the " + what + " query (" + statusText + "): "
                    + String.join("; ", messages), messages);
        }
        if (status < 200 || status >= 300) {
            throw new ShopifyQueryException("Shopify answered " + statusText + " to the " + what + " query"
                    + describeBody(json, text) + ": check shopify.base-url and shopify.api-version", messages);
        }
        JsonNode data = json.path("data");
        if (!data.isObject()) {
            throw unexpected(what, "has no data");
        }
        return data;
    }

    private void checkVersion(Message message) {
        String served = message.getHeader(API_VERSION_HEADER, String.class);
        if (served != null && apiVersion != null && !served.equals(apiVersion) && versionsWarned.add(served)) {
            LOG.warn("Shopify served Admin API version {} although {} was asked for: the asked version is unknown or no"
                    + " longer supported; set shopify.api-version to a supported version", served, apiVersion);
        }
        String reason = message.getHeader(DEPRECATED_REASON_HEADER, String.class);
        if (reason != null && !reason.isBlank()) {
            if (deprecationsWarned.add(reason)) {
                LOG.warn("Shopify reports a deprecated API use ({}): {}", DEPRECATED_REASON_HEADER, reason);
            } else {
                LOG.debug("Shopify reports a deprecated API use: {}", reason);
            }
        }
    }

    /** The body as text, leaving a re-readable body on the message. */
    private static String bodyText(Message message) {
        Object body = message.getBody();
        if (body == null) {
            return "";
        }
        if (body instanceof String) {
            return (String) body;
        }
        if (body instanceof StreamCache) {
            StreamCache cache = (StreamCache) body;
            cache.reset();
            byte[] bytes = message.getBody(byte[].class);
            cache.reset();
            return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
        }
        if (body instanceof InputStream) {
            try (InputStream in = (InputStream) body) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                message.setBody(text);
                return text;
            } catch (IOException e) {
                throw new ShopifyUnavailableException("Cannot read Shopify's answer: " + e, e);
            }
        }
        if (body instanceof byte[]) {
            return new String((byte[]) body, StandardCharsets.UTF_8);
        }
        String text = message.getBody(String.class);
        return text == null ? "" : text;
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private static List<JsonNode> errors(JsonNode json) {
        List<JsonNode> errors = new ArrayList<>();
        JsonNode node = json == null ? null : json.get("errors");
        if (node == null || node.isNull()) {
            return errors;
        }
        if (node.isArray()) {
            node.forEach(errors::add);
        } else {
            errors.add(node); // REST-style "errors": "..." or {"field": [...]}
        }
        return errors;
    }

    private static List<String> messages(List<JsonNode> errors) {
        List<String> messages = new ArrayList<>();
        for (JsonNode error : errors) {
            String text = error.isTextual() ? error.textValue()
                    : error.path("message").isTextual() ? error.path("message").textValue()
                    : error.toString();
            String code = error.path("extensions").path("code").asText("");
            messages.add(snippet(text.strip()) + (code.isEmpty() ? "" : " [" + code + "]"));
        }
        return messages;
    }

    private static boolean hasCode(List<JsonNode> errors, String code) {
        for (JsonNode error : errors) {
            if (code.equals(error.path("extensions").path("code").asText(null))) {
                return true;
            }
        }
        return false;
    }

    private static Integer requestedCost(List<JsonNode> errors, JsonNode cost) {
        for (JsonNode error : errors) {
            JsonNode extensions = error.path("extensions");
            if ("MAX_COST_EXCEEDED".equals(extensions.path("code").asText(null)) && extensions.path("cost").isNumber()) {
                return extensions.path("cost").intValue();
            }
        }
        if (cost != null && cost.path("requestedQueryCost").isNumber()) {
            return cost.path("requestedQueryCost").intValue();
        }
        return null;
    }

    /** {@code Retry-After} as seconds (Shopify sends e.g. {@code 2.0}) or an HTTP date; null when absent or unreadable. */
    private Duration retryAfter(Message message) {
        String value = message.getHeader("Retry-After", String.class);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            BigDecimal seconds = new BigDecimal(value.trim());
            return seconds.signum() <= 0 ? null : Duration.ofMillis(seconds.movePointRight(3).longValue());
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(pacer.clock().instant(), at.toInstant());
                return wait.isNegative() || wait.isZero() ? null : wait;
            } catch (DateTimeParseException notDate) {
                LOG.debug("Ignoring an unreadable Retry-After header: {}", value);
                return null;
            }
        }
    }

    private static String bucket(JsonNode cost) {
        JsonNode status = cost == null ? null : cost.path("throttleStatus");
        if (status == null || !status.path("currentlyAvailable").isNumber()) {
            return "";
        }
        return ", bucket " + number(status.path("currentlyAvailable")) + "/" + number(status.path("maximumAvailable"))
                + " restoring " + number(status.path("restoreRate")) + "/s";
    }

    private static String number(JsonNode value) {
        return value.isNumber() ? value.decimalValue().stripTrailingZeros().toPlainString() : "?";
    }

    private static String describeBody(JsonNode json, String text) {
        if (text == null || text.isBlank()) {
            return " (empty body)";
        }
        return ": " + snippet(json != null ? json.toString() : text);
    }

    /** Masked before it is cut: a secret cut in half would not be recognised. */
    private static String snippet(String text) {
        String oneLine = SecretMask.mask(text).replaceAll("\\s+", " ").trim();
        return oneLine.length() > SNIPPET_LENGTH ? oneLine.substring(0, SNIPPET_LENGTH) + "..." : oneLine;
    }

    private static ShopifyQueryException unexpected(String what, String problem) {
        String message = "Shopify's answer to the " + what + " query " + problem;
        return new ShopifyQueryException(message, List.of(message));
    }
}
