package com.shopifyjoorsync.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shopifyjoorsync.observe.SecretMask;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Admin API access token sent as {@code X-Shopify-Access-Token}. Two modes:
 * <ul>
 *   <li><b>static</b>: a custom app's Admin API access token ({@code shopify.access-token});</li>
 *   <li><b>client credentials</b> (Dev Dashboard apps): {@code POST {base}/admin/oauth/access_token}
 *       with {@code grant_type=client_credentials}, {@code shopify.client-id} and
 *       {@code shopify.client-secret}; the token is cached and fetched anew
 *       {@link #REFRESH_BEFORE_EXPIRY} before {@code expires_in} elapses, or after
 *       {@link #invalidate()} (Shopify answered 401).</li>
 * </ul>
 * The token and the secret are never logged and never appear in {@link #toString()} or in an
 * exception message.
 *
 * <p>Bean {@code sjsShopifyAccessToken}.
 */
public class ShopifyAccessToken {

    /** How long before its announced expiry a client-credentials token is replaced. */
    public static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);
    /** A token refused sooner than this after it was granted is not worth fetching again. */
    static final Duration FRESH_TOKEN_AGE = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(ShopifyAccessToken.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final String staticToken;
    private final String baseUrl;
    private final String clientId;
    private final String clientSecret;
    private final HttpClient http;
    private final Clock clock;

    private String token;
    private Instant obtainedAt;
    private Instant refreshAt;

    /** Static mode: always {@code accessToken}. */
    public ShopifyAccessToken(String accessToken) {
        if (isBlank(accessToken)) {
            throw new IllegalArgumentException("shopify.access-token is empty");
        }
        this.staticToken = accessToken.trim();
        this.baseUrl = null;
        this.clientId = null;
        this.clientSecret = null;
        this.http = null;
        this.clock = Clock.systemUTC();
    }

    /**
     * Client-credentials mode.
     *
     * @param shopBaseUrl e.g. {@code https://my-store.myshopify.com} (the value of shopify.base-url)
     */
    public ShopifyAccessToken(String shopBaseUrl, String clientId, String clientSecret) {
        this(shopBaseUrl, clientId, clientSecret,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), Clock.systemUTC());
    }

    /** Client-credentials mode with a given HTTP client (proxy, TLS) and clock. */
    public ShopifyAccessToken(String shopBaseUrl, String clientId, String clientSecret, HttpClient http, Clock clock) {
        StringBuilder missing = new StringBuilder();
        if (isBlank(shopBaseUrl)) {
            missing.append(" shopify.shop/shopify.base-url");
        }
        if (isBlank(clientId)) {
            missing.append(" shopify.client-id");
        }
        if (isBlank(clientSecret)) {
            missing.append(" shopify.client-secret");
        }
        if (missing.length() > 0) {
            throw new IllegalArgumentException("Shopify client credentials need:" + missing);
        }
        this.staticToken = null;
        this.baseUrl = stripTrailingSlash(shopBaseUrl.trim());
        this.clientId = clientId.trim();
        this.clientSecret = clientSecret.trim();
        SecretMask.add(this.clientSecret); // Shopify's token endpoint may echo it in an error
        this.http = http;
        this.clock = clock;
    }

    /**
     * Picks the mode from the settings: a non-blank access token wins; otherwise client id and
     * secret are required.
     *
     * @throws IllegalArgumentException naming the missing settings
     */
    public static ShopifyAccessToken fromSettings(String accessToken, String shopBaseUrl, String clientId,
            String clientSecret) {
        if (!isBlank(accessToken)) {
            return new ShopifyAccessToken(accessToken);
        }
        if (isBlank(clientId) && isBlank(clientSecret)) {
            throw new IllegalArgumentException(
                    "No Shopify credentials: set shopify.access-token, or shopify.client-id and shopify.client-secret");
        }
        return new ShopifyAccessToken(shopBaseUrl, clientId, clientSecret);
    }

    /** True in client-credentials mode (the token can be fetched anew). */
    public boolean refreshable() {
        return staticToken == null;
    }

    /**
     * The token to send now; in client-credentials mode fetches one when none is cached or the
     * cached one is about to expire.
     *
     * @throws ShopifyAuthException        Shopify refused the grant
     * @throws ShopifyUnavailableException Shopify could not be reached or answered badly
     */
    public synchronized String current() {
        if (staticToken != null) {
            return staticToken;
        }
        Instant now = clock.instant();
        if (token == null || (refreshAt != null && !now.isBefore(refreshAt))) {
            fetch(now);
        }
        return token;
    }

    /**
     * Forgets the cached token after Shopify refused it (HTTP 401), so that the next
     * {@link #current()} fetches a new one.
     *
     * @return true when fetching anew may help: client-credentials mode, and the refused token was
     *         not granted just now
     */
    public synchronized boolean invalidate() {
        if (staticToken != null) {
            return false;
        }
        boolean worthRetrying = token != null
                && Duration.between(obtainedAt, clock.instant()).compareTo(FRESH_TOKEN_AGE) >= 0;
        if (token != null) {
            LOG.info("Dropping the cached Shopify access token (refused by Shopify); the next request fetches a new one");
        }
        token = null;
        obtainedAt = null;
        refreshAt = null;
        return worthRetrying;
    }

    private void fetch(Instant now) {
        URI uri = URI.create(baseUrl + "/admin/oauth/access_token");
        String form = "grant_type=client_credentials"
                + "&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ShopifyUnavailableException("Cannot reach " + uri + " to obtain a Shopify access token: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShopifyException("Interrupted while obtaining a Shopify access token from " + uri, e);
        }
        int status = response.statusCode();
        JsonNode answer = parse(response.body());
        if (status == 429 || status >= 500) {
            throw new ShopifyUnavailableException("Shopify could not grant an access token (HTTP " + status
                    + " from " + uri + ")" + describeError(answer));
        }
        if (status < 200 || status >= 300) {
            throw new ShopifyAuthException("Shopify refused the client-credentials grant (HTTP " + status + " from "
                    + uri + ")" + describeError(answer)
                    + ": check shopify.client-id, shopify.client-secret and that the app is installed on the shop");
        }
        String granted = answer == null ? null : answer.path("access_token").asText(null);
        if (isBlank(granted)) {
            throw new ShopifyUnavailableException("Shopify's answer from " + uri
                    + " (HTTP " + status + ") holds no access_token");
        }
        SecretMask.add(granted);
        token = granted;
        obtainedAt = now;
        JsonNode expiresIn = answer.path("expires_in");
        if (expiresIn.canConvertToLong() && expiresIn.asLong() > 0) {
            Duration lifetime = Duration.ofSeconds(expiresIn.asLong());
            Duration margin = lifetime.compareTo(REFRESH_BEFORE_EXPIRY.multipliedBy(2)) > 0
                    ? REFRESH_BEFORE_EXPIRY : lifetime.dividedBy(2);
            refreshAt = now.plus(lifetime).minus(margin);
            LOG.info("Obtained a Shopify access token by client credentials (client id {}, expires in {} s)",
                    clientId, expiresIn.asLong());
        } else {
            refreshAt = null;
            LOG.info("Obtained a Shopify access token by client credentials (client id {}, no expiry announced)",
                    clientId);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private String describeError(JsonNode answer) {
        if (answer == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (String field : new String[] {"error", "error_description", "errors"}) {
            JsonNode value = answer.path(field);
            if (!value.isMissingNode() && !value.isNull()) {
                text.append(text.length() == 0 ? "" : " ").append(value.isTextual() ? value.asText() : value.toString());
            }
        }
        if (text.length() == 0) {
            return "";
        }
        String masked = SecretMask.mask(text.toString()); // before it is cut
        return ": " + (masked.length() > 300 ? masked.substring(0, 300) + "..." : masked);
    }

    private static String stripTrailingSlash(String url) {
        String result = url;
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public String toString() {
        return staticToken != null
                ? "ShopifyAccessToken[static]"
                : "ShopifyAccessToken[client-credentials " + baseUrl + " clientId=" + clientId + "]";
    }
}
