package com.shopifyjoorsync.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.converter.stream.InputStreamCache;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ShopifyResponsesTest {

    private static final String COST = "\"extensions\":{\"cost\":{\"requestedQueryCost\":252,\"actualQueryCost\":"
            + "%s,\"throttleStatus\":{\"maximumAvailable\":2000.0,\"currentlyAvailable\":%d,\"restoreRate\":100.0}}}";

    private static final String PAGE = """
            {"data":{"customers":{"nodes":[
              {"id":"gid://shopify/Customer/706405506930370084","legacyResourceId":"706405506930370084",
               "firstName":"Ada","lastName":"Lovelace","displayName":"Ada Lovelace",
               "defaultEmailAddress":{"emailAddress":"ada@example.com"},"defaultPhoneNumber":null,
               "note":null,"tags":["JOOR","VIP"],"state":"ENABLED","taxExempt":false,
               "createdAt":"2026-10-01T08:00:00Z","updatedAt":"2026-11-01T09:30:00Z",
               "defaultAddress":{"company":"Analytical Engines Ltd","countryCodeV2":"GB","zip":"W1"}},
              {"id":"gid://shopify/Customer/9007199254740993","legacyResourceId":9007199254740993,
               "displayName":"Big Number","tags":["WHOLESALE"],"state":"ENABLED","taxExempt":true,
               "createdAt":"2026-10-02T08:00:00Z","updatedAt":"2026-11-01T10:00:00Z","defaultAddress":null}
            ],"pageInfo":{"hasNextPage":true,"endCursor":"eyJsYXN0X2lkIjo5MDA3fQ=="}}},
            """ + String.format(COST, "152", 1848) + "}";

    private final TestClock clock = new TestClock("2026-11-02T10:00:00Z");
    private final ShopifyCostPacer pacer = new ShopifyCostPacer(clock, clock.sleeper());
    private final ShopifyResponses responses = new ShopifyResponses(pacer, "2026-10");
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(ShopifyResponses.class);

    @BeforeEach
    void captureLogs() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
    }

    @Test
    void readsAPageKeepingIdsExact() {
        CustomerPage page = responses.readCustomersPage(answer(200, PAGE));

        assertThat(page.hasNextPage()).isTrue();
        assertThat(page.endCursor()).isEqualTo("eyJsYXN0X2lkIjo5MDA3fQ==");
        assertThat(page.customers()).hasSize(2);
        ObjectNode ada = page.customers().get(0);
        assertThat(ada.get("legacyResourceId").isTextual()).isTrue();
        assertThat(ada.get("legacyResourceId").asText()).isEqualTo("706405506930370084");
        assertThat(ada.get("id").asText()).isEqualTo("gid://shopify/Customer/706405506930370084");
        assertThat(ada.get("defaultEmailAddress").get("emailAddress").asText()).isEqualTo("ada@example.com");
        // even a numeric id above 2^53 stays exact (never a double)
        assertThat(page.customers().get(1).get("legacyResourceId").isIntegralNumber()).isTrue();
        assertThat(page.customers().get(1).get("legacyResourceId").asText()).isEqualTo("9007199254740993");
    }

    @Test
    void recordsTheCostIntoThePacer() {
        responses.readCustomersPage(answer(200, PAGE));

        assertThat(pacer.pointsUsed()).isEqualTo(152);
    }

    @Test
    void readsABodyThatIsAStream() {
        Exchange exchange = answer(200, null);
        exchange.getMessage().setBody(new ByteArrayInputStream(PAGE.getBytes(StandardCharsets.UTF_8)));

        assertThat(responses.readCustomersPage(exchange).customers()).hasSize(2);
        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo(PAGE);
    }

    @Test
    void readsAStreamCachedBodyAndLeavesItReadable() {
        Exchange exchange = answer(200, null);
        exchange.getMessage().setBody(new InputStreamCache(PAGE.getBytes(StandardCharsets.UTF_8)));

        assertThat(responses.readCustomersPage(exchange).customers()).hasSize(2);
        assertThat(responses.readCustomersPage(exchange).customers()).hasSize(2);
    }

    @Test
    void readsTheLastPage() {
        CustomerPage page = responses.readCustomersPage(answer(200,
                "{\"data\":{\"customers\":{\"nodes\":[],\"pageInfo\":{\"hasNextPage\":false,\"endCursor\":null}}}}"));

        assertThat(page.customers()).isEmpty();
        assertThat(page.hasNextPage()).isFalse();
        assertThat(page.endCursor()).isNull();
    }

    @Test
    void refusesANextPageWithoutACursor() {
        assertThatThrownBy(() -> responses.readCustomersPage(answer(200,
                "{\"data\":{\"customers\":{\"nodes\":[],\"pageInfo\":{\"hasNextPage\":true,\"endCursor\":null}}}}")))
                .isInstanceOf(ShopifyQueryException.class)
                .hasMessageContaining("endCursor");
    }

    @Test
    void readsTheShopCurrency() {
        String currency = responses.readShopCurrency(answer(200,
                "{\"data\":{\"shop\":{\"currencyCode\":\"EUR\",\"myshopifyDomain\":\"demo.myshopify.com\","
                        + "\"name\":\"Demo\"}}," + String.format(COST, "1", 1999) + "}"));

        assertThat(currency).isEqualTo("EUR");
    }

    @Test
    void throttledWithStatus200IsRetryableAndTheNextRequestWaits() {
        pacer.plannedPage(50);
        String body = "{\"errors\":[{\"message\":\"Throttled\",\"extensions\":{\"code\":\"THROTTLED\","
                + "\"documentation\":\"https://shopify.dev/api/usage/rate-limits\"}}],"
                + String.format(COST, "null", 52) + "}";

        assertThatThrownBy(() -> responses.readCustomersPage(answer(200, body)))
                .isInstanceOf(ShopifyThrottledException.class)
                .isInstanceOf(ShopifyRetryableException.class)
                .hasMessageContaining("THROTTLED")
                .hasMessageContaining("52/2000");

        pacer.beforeRequest();
        // the page costs 252 (Shopify's requestedQueryCost), 52 are there, 100 come back per second
        assertThat(clock.sleeps).containsExactly(Duration.ofSeconds(2));
        assertThat(pacer.throttled()).isEqualTo(1);
    }

    @Test
    void throttledWithStatus429IsRetryable() {
        String body = "{\"errors\":[{\"message\":\"Throttled\",\"extensions\":{\"code\":\"THROTTLED\"}}],"
                + String.format(COST, "null", 52) + "}";

        assertThatThrownBy(() -> responses.readCustomersPage(answer(429, body)))
                .isInstanceOf(ShopifyThrottledException.class)
                .hasMessageContaining("HTTP 429");
    }

    @Test
    void aPlain429HonoursRetryAfter() {
        Exchange exchange = answer(429, "Too Many Requests");
        exchange.getMessage().setHeader("Retry-After", "2.0");

        assertThatThrownBy(() -> responses.readCustomersPage(exchange))
                .isInstanceOfSatisfying(ShopifyThrottledException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(2)));

        pacer.beforeRequest();
        assertThat(clock.sleeps).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void unauthorizedIsAnAuthErrorThatNamesTheSetting() {
        Exchange exchange = answer(401,
                "{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}");
        exchange.getMessage().setHeader("X-Shopify-Access-Token", "shpat_secret_token_value");

        assertThatThrownBy(() -> responses.readCustomersPage(exchange))
                .isInstanceOf(ShopifyAuthException.class)
                .hasMessageContaining("Shopify refused the access token (HTTP 401)")
                .hasMessageContaining("shopify.access-token")
                .hasMessageNotContaining("shpat_secret_token_value");
    }

    @Test
    void aStaticTokenRefusedStaysFatal() {
        ShopifyResponses withToken = new ShopifyResponses(pacer, "2026-10", new ShopifyAccessToken("shpat_x"));

        assertThatThrownBy(() -> withToken.readShopCurrency(answer(401, "")))
                .isExactlyInstanceOf(ShopifyAuthException.class);
    }

    @Test
    void forbiddenIsAnAuthError() {
        assertThatThrownBy(() -> responses.readCustomersPage(answer(403, "{\"errors\":\"Forbidden\"}")))
                .isInstanceOf(ShopifyAuthException.class)
                .hasMessageContaining("read_customers");
    }

    @Test
    void serviceUnavailableIsRetryable() {
        Exchange exchange = answer(503, "<html><body>Service Unavailable</body></html>");
        exchange.getMessage().setHeader("Retry-After", "3");

        assertThatThrownBy(() -> responses.readCustomersPage(exchange))
                .isInstanceOf(ShopifyUnavailableException.class)
                .isInstanceOf(ShopifyRetryableException.class)
                .hasMessageContaining("HTTP 503");

        pacer.beforeRequest();
        assertThat(clock.sleeps).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void aBodyThatIsNotJsonIsRetryable() {
        assertThatThrownBy(() -> responses.readCustomersPage(answer(200, "<html>maintenance</html>")))
                .isInstanceOf(ShopifyUnavailableException.class)
                .hasMessageContaining("not a JSON object")
                .hasMessageContaining("maintenance");
    }

    @Test
    void otherGraphqlErrorsAreFatalWithTheirMessages() {
        String body = "{\"errors\":[{\"message\":\"Field 'emailAddresss' doesn't exist on type 'Customer'\","
                + "\"extensions\":{\"code\":\"undefinedField\"}}]}";

        assertThatThrownBy(() -> responses.readCustomersPage(answer(200, body)))
                .isInstanceOfSatisfying(ShopifyQueryException.class, e -> assertThat(e.errors())
                        .containsExactly("Field 'emailAddresss' doesn't exist on type 'Customer' [undefinedField]"))
                .isNotInstanceOf(ShopifyRetryableException.class)
                .hasMessageContaining("emailAddresss");
    }

    @Test
    void accessDeniedIsAnAuthError() {
        String body = "{\"errors\":[{\"message\":\"Access denied for customers field.\","
                + "\"extensions\":{\"code\":\"ACCESS_DENIED\"}}],\"data\":null}";

        assertThatThrownBy(() -> responses.readCustomersPage(answer(200, body)))
                .isInstanceOf(ShopifyAuthException.class)
                .hasMessageContaining("Access denied");
    }

    @Test
    void maxCostExceededShrinksThePageAndIsRetryable() {
        pacer.plannedPage(250);
        String body = "{\"errors\":[{\"message\":\"Query cost is 1252, which exceeds the single query max cost limit"
                + " (1000).\",\"extensions\":{\"code\":\"MAX_COST_EXCEEDED\",\"cost\":1252,\"maxCost\":1000}}]}";

        assertThatThrownBy(() -> responses.readCustomersPage(answer(200, body)))
                .isInstanceOf(ShopifyQueryCostException.class)
                .isInstanceOf(ShopifyRetryableException.class);

        // 1252 for 250 customers: 5 per customer, so (1000 - 2) / 5
        assertThat(pacer.pageSize()).isEqualTo(199);
    }

    @Test
    void aDifferentServedVersionWarnsOnceAndDoesNotFail() {
        for (int i = 0; i < 3; i++) {
            Exchange exchange = answer(200, PAGE);
            exchange.getMessage().setHeader("X-Shopify-API-Version", "2026-01");
            assertThat(responses.readCustomersPage(exchange).customers()).hasSize(2);
        }

        assertThat(warnings()).filteredOn(m -> m.contains("2026-01")).hasSize(1)
                .first().asString().contains("2026-10").contains("shopify.api-version");
    }

    @Test
    void theAskedVersionDoesNotWarn() {
        Exchange exchange = answer(200, PAGE);
        exchange.getMessage().setHeader("X-Shopify-API-Version", "2026-10");

        responses.readCustomersPage(exchange);

        assertThat(warnings()).isEmpty();
    }

    @Test
    void logsTheDeprecationReason() {
        Exchange exchange = answer(200, PAGE);
        exchange.getMessage().setHeader("X-Shopify-API-Deprecated-Reason",
                "https://shopify.dev/changelog/customer-email-deprecated");

        responses.readCustomersPage(exchange);

        assertThat(warnings()).anySatisfy(m -> assertThat(m).contains("customer-email-deprecated"));
    }

    private List<String> warnings() {
        return logs.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    private static Exchange answer(int status, String body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setBody(body);
        return exchange;
    }
}
