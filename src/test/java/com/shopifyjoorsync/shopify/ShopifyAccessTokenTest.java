package com.shopifyjoorsync.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShopifyAccessTokenTest {

    private static final String SECRET = "shpss_very_secret";

    private final TestClock clock = new TestClock("2026-11-02T10:00:00Z");
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger granted = new AtomicInteger();
    private volatile int status = 200;
    private volatile String refusal;
    private HttpServer server;
    private String baseUrl;

    @BeforeEach
    void startShop() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/admin/oauth/access_token", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type")
                    + " " + body);
            String answer = status == 200
                    ? "{\"access_token\":\"shpat_token_" + granted.incrementAndGet()
                            + "\",\"scope\":\"read_customers\",\"expires_in\":86399}"
                    : refusal;
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @AfterEach
    void stopShop() {
        server.stop(0);
    }

    @Test
    void aStaticTokenIsSentAsConfigured() {
        ShopifyAccessToken token = new ShopifyAccessToken("shpat_static");

        assertThat(token.current()).isEqualTo("shpat_static");
        assertThat(token.refreshable()).isFalse();
        assertThat(token.invalidate()).isFalse();
        assertThat(token.current()).isEqualTo("shpat_static");
        assertThat(token.toString()).doesNotContain("shpat_static");
    }

    @Test
    void clientCredentialsAreExchangedOnceAndCached() {
        ShopifyAccessToken token = clientCredentials();

        assertThat(token.current()).isEqualTo("shpat_token_1");
        assertThat(token.current()).isEqualTo("shpat_token_1");

        assertThat(requests).containsExactly("POST application/x-www-form-urlencoded "
                + "grant_type=client_credentials&client_id=my-client-id&client_secret=" + SECRET);
    }

    @Test
    void theTokenIsRefreshedFiveMinutesBeforeItExpires() {
        ShopifyAccessToken token = clientCredentials();
        token.current();

        clock.advance(Duration.ofSeconds(86399).minusMinutes(5).minusSeconds(1));
        assertThat(token.current()).isEqualTo("shpat_token_1");

        clock.advance(Duration.ofSeconds(1));
        assertThat(token.current()).isEqualTo("shpat_token_2");
    }

    @Test
    void anInvalidatedTokenIsFetchedAnew() {
        ShopifyAccessToken token = clientCredentials();
        token.current();
        clock.advance(Duration.ofHours(1));

        assertThat(token.invalidate()).isTrue();

        assertThat(token.current()).isEqualTo("shpat_token_2");
        assertThat(requests).hasSize(2);
    }

    @Test
    void aTokenRefusedRightAfterItWasGrantedIsNotWorthAnotherTry() {
        ShopifyAccessToken token = clientCredentials();
        token.current();

        assertThat(token.invalidate()).isFalse();
    }

    @Test
    void aRefusedGrantNamesTheSettingsAndNotTheSecret() {
        status = 400;
        refusal = "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}";

        assertThatThrownBy(() -> clientCredentials().current())
                .isInstanceOf(ShopifyAuthException.class)
                .hasMessageContaining("shopify.client-id")
                .hasMessageContaining("invalid_client")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void aServerErrorIsRetryable() {
        status = 503;
        refusal = "upstream unavailable";

        assertThatThrownBy(() -> clientCredentials().current())
                .isInstanceOf(ShopifyUnavailableException.class)
                .hasMessageContaining("HTTP 503");
    }

    @Test
    void anUnreachableShopIsRetryable() {
        server.stop(0);

        assertThatThrownBy(() -> clientCredentials().current())
                .isInstanceOf(ShopifyUnavailableException.class)
                .hasMessageContaining("/admin/oauth/access_token");
    }

    @Test
    void aRefusedClientCredentialsTokenIsRetriedWithAFreshOne() {
        ShopifyAccessToken token = clientCredentials();
        token.current();
        clock.advance(Duration.ofHours(2));
        ShopifyResponses responses = new ShopifyResponses(new ShopifyCostPacer(clock, clock.sleeper()), "2026-10",
                token);
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 401);
        exchange.getMessage().setBody("{\"errors\":\"[API] Invalid API key or access token\"}");

        assertThatThrownBy(() -> responses.readShopCurrency(exchange))
                .isInstanceOf(ShopifyTokenExpiredException.class)
                .isInstanceOf(ShopifyRetryableException.class)
                .hasMessageNotContaining("shpat_token_1");
        assertThat(token.current()).isEqualTo("shpat_token_2");
    }

    @Test
    void neitherTokenNorSecretAppearsInToString() {
        ShopifyAccessToken token = clientCredentials();
        token.current();

        assertThat(token.toString()).doesNotContain("shpat_token_1").doesNotContain(SECRET).contains("my-client-id");
    }

    @Test
    void settingsPickTheMode() {
        assertThat(ShopifyAccessToken.fromSettings("shpat_static", baseUrl, "id", "shpss_mode_test_secret").refreshable()).isFalse();
        assertThat(ShopifyAccessToken.fromSettings("", baseUrl, "id", "shpss_mode_test_secret").refreshable()).isTrue();
        assertThatThrownBy(() -> ShopifyAccessToken.fromSettings(" ", baseUrl, null, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shopify.access-token")
                .hasMessageContaining("shopify.client-id");
        assertThatThrownBy(() -> ShopifyAccessToken.fromSettings(null, baseUrl, "id", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shopify.client-secret");
    }

    private ShopifyAccessToken clientCredentials() {
        return new ShopifyAccessToken(baseUrl, "my-client-id", SECRET, HttpClient.newHttpClient(), clock);
    }
}
