package com.shopifyjoorsync.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ShopifyGraphqlTest {

    private final ObjectMapper json = new ObjectMapper();
    private final TestClock clock = new TestClock("2026-11-02T10:00:00Z");
    private final ShopifyCostPacer pacer = new ShopifyCostPacer(clock, clock.sleeper());

    @Test
    void theShopRequest() throws Exception {
        JsonNode body = json.readTree(new ShopifyGraphql(pacer).shopRequest());

        assertThat(body.get("query").asText()).isEqualTo(ShopifyQueries.SHOP);
        assertThat(body.get("variables").isObject()).isTrue();
    }

    @Test
    void theFirstCustomersPage() throws Exception {
        String search = "(tag:'JOOR' OR tag:'Buyer\\'s \"club\"') updated_at:>='2026-11-01T00:00:00Z'";

        JsonNode body = json.readTree(new ShopifyGraphql(pacer).customersPageRequest(search, null));

        assertThat(body.get("query").asText()).isEqualTo(ShopifyQueries.CUSTOMERS_PAGE);
        JsonNode variables = body.get("variables");
        assertThat(variables.get("first").asInt()).isEqualTo(ShopifyCostPacer.INITIAL_PAGE_SIZE);
        assertThat(variables.get("after").isNull()).isTrue();
        assertThat(variables.get("query").asText()).isEqualTo(search);
    }

    @Test
    void aFollowingPageCarriesTheCursorAndAPageSizeWithinTheMaximum() throws Exception {
        pacer.record(ShopifyCostPacerTest.cost(1, 1, 2000, 2000, 100));
        pacer.plannedPage(50);
        pacer.record(ShopifyCostPacerTest.cost(52, 52, 2000, 2000, 100));

        JsonNode body = json.readTree(new ShopifyGraphql(pacer, 100).customersPageRequest("(tag:'JOOR')", "abc=="));

        assertThat(body.get("variables").get("after").asText()).isEqualTo("abc==");
        assertThat(body.get("variables").get("first").asInt()).isEqualTo(100);
    }

    @Test
    void blankCursorAndSearchAreSentAsNull() throws Exception {
        JsonNode variables = json.readTree(new ShopifyGraphql(pacer).customersPageRequest("", " ")).get("variables");

        assertThat(variables.get("after").isNull()).isTrue();
        assertThat(variables.get("query").isNull()).isTrue();
    }

    @Test
    void tellsThePacerWhatThePageWillCost() {
        pacer.record(ShopifyCostPacerTest.cost(1, 1, 100, 2000, 100));

        new ShopifyGraphql(pacer).customersPageRequest("(tag:'JOOR')", null);
        pacer.beforeRequest();

        // 100 points there hold 24 customers, below the smallest page: 50 customers (2 s at 100 points
        // a second, at the guessed 4 per customer) x 4 + 2 = 202 points, 102 missing at 100 per second
        assertThat(clock.sleeps).containsExactly(Duration.ofMillis(1020));
    }

    @Test
    void refusesAPageSizeShopifyWouldRefuse() {
        assertThatThrownBy(() -> new ShopifyGraphql(pacer, 251)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ShopifyGraphql(pacer, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
