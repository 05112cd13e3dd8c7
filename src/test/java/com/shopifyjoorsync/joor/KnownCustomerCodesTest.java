package com.shopifyjoorsync.joor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class KnownCustomerCodesTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final JoorRequests requests = new JoorRequests(3, mapper);
    private final KnownCustomerCodes codes = new KnownCustomerCodes(mapper);
    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

    private static String page(String nextStart, String... connections) {
        return "{\"connections\":{\"response\":{\"code\":0,\"comment\":\"\",\"next_start\":" + nextStart
                + ",\"count\":" + connections.length + "},\"connection\":[" + String.join(",", connections) + "]}}";
    }

    private static String conn(String codeJson) {
        return "{\"customer_code\":" + codeJson + ",\"customer_alias\":\"x\"}";
    }

    /** One turn of the route's loop: build the request, JOOR answers, read the page. */
    private Object turn(int status, String body) {
        requests.listPage(exchange.getProperty(KnownCustomerCodes.NEXT_START_PROPERTY, Integer.class), exchange);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setBody(body);
        codes.readPage(exchange);
        return exchange.getProperty(KnownCustomerCodes.NEXT_START_PROPERTY);
    }

    @Test
    void readsEveryPageFollowingNumericAndStringNextStartUntilEmpty() {
        codes.beginRefresh(exchange);
        assertThat(exchange.getProperty(KnownCustomerCodes.NEXT_START_PROPERTY)).isEqualTo(0);

        assertThat(turn(200, page("3", conn("\"A-1\""), conn("\"9007199254740993\""), conn("9007199254740995"))))
                .isEqualTo(3);
        assertThat(turn(200, page("\"6\"", conn("\"B\""), conn("12345678901234567890123"), conn("\"C\""))))
                .isEqualTo(6);
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_QUERY)).isEqualTo("start_from=3&count=3");
        assertThat(turn(200, page("\"\"", conn("\"D\""), conn("\"E\""), conn("\"F\"")))).isNull();
        assertThat(codes.loaded()).isFalse();

        codes.commitRefresh();

        assertThat(codes.loaded()).isTrue();
        assertThat(codes.size()).isEqualTo(9);
        assertThat(codes.snapshot()).containsExactlyInAnyOrder("A-1", "9007199254740993", "9007199254740995", "B",
                "12345678901234567890123", "C", "D", "E", "F");
        // beyond 2^53 a double would have merged these neighbours
        assertThat(codes.contains("9007199254740995")).isTrue();
        assertThat(codes.contains("9007199254740994")).isFalse();
        assertThat(codes.contains("9007199254740992")).isFalse();
        assertThat(codes.contains(null)).isFalse();
    }

    @Test
    void stopsOnAbsentNextStartOnAShortPageAndOnAnEmptyPage() {
        codes.beginRefresh(exchange);
        assertThat(turn(200, "{\"connections\":{\"response\":{\"code\":0},\"connection\":[" + conn("\"A\"") + "]}}"))
                .isNull();

        codes.beginRefresh(exchange);
        assertThat(turn(200, page("1", conn("\"A\"")))).as("fewer than asked, despite next_start").isNull();

        codes.beginRefresh(exchange);
        assertThat(turn(200, page("3", conn("\"A\""), conn("\"B\""), conn("\"C\"")))).isEqualTo(3);
        assertThat(turn(200, page("6"))).as("empty page").isNull();
        codes.commitRefresh();
        assertThat(codes.snapshot()).containsExactlyInAnyOrder("A", "B", "C");
    }

    @Test
    void commitReplacesTheIndexOnlyWhenEveryPageWasRead() {
        codes.beginRefresh(exchange);
        turn(200, page("null", conn("\"OLD-1\""), conn("\"OLD-2\"")));
        codes.commitRefresh();

        codes.beginRefresh(exchange);
        turn(200, page("3", conn("\"NEW-1\""), conn("\"NEW-2\""), conn("\"NEW-3\"")));
        codes.commitRefresh(); // the loop broke off before the last page

        assertThat(codes.snapshot()).containsExactlyInAnyOrder("OLD-1", "OLD-2");

        codes.beginRefresh(exchange);
        turn(200, page("3", conn("\"NEW-1\""), conn("\"NEW-2\""), conn("\"NEW-3\"")));
        assertThatThrownBy(() -> turn(200, "{\"connections\":{\"response\":{\"code\":7,\"comment\":\"internal\"}}}"))
                .isInstanceOf(JoorApiException.class).hasMessageContaining("internal").hasMessageContaining("start_from=3");
        codes.commitRefresh();

        assertThat(codes.snapshot()).containsExactlyInAnyOrder("OLD-1", "OLD-2");
        assertThat(codes.contains("NEW-1")).isFalse();
    }

    @Test
    void aNextStartThatDoesNotAdvanceIsAnError() {
        codes.beginRefresh(exchange);
        turn(200, page("3", conn("\"A\""), conn("\"B\""), conn("\"C\"")));

        assertThatThrownBy(() -> turn(200, page("3", conn("\"D\""), conn("\"E\""), conn("\"F\""))))
                .isInstanceOf(JoorApiException.class).hasMessageContaining("did not advance");
    }

    @Test
    void httpFailuresOfAListPageAreTyped() {
        codes.beginRefresh(exchange);
        assertThatThrownBy(() -> turn(401, "{}")).isInstanceOf(JoorAuthException.class)
                .hasMessageContaining("joor.api-token");
        assertThatThrownBy(() -> turn(503, "<html>busy</html>")).isInstanceOf(JoorUnavailableException.class)
                .hasMessageContaining("503");
        assertThatThrownBy(() -> turn(200, "<html>proxy login</html>")).isInstanceOf(JoorUnavailableException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> turn(400, "{\"connections\":{\"response\":{\"code\":2,\"comment\":\"bad count\"}}}"))
                .isInstanceOf(JoorApiException.class).hasMessageContaining("bad count");
    }

    @Test
    void readsAStreamedBody() {
        codes.beginRefresh(exchange);
        requests.listPage(0, exchange);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setBody(new ByteArrayInputStream(
                page("\"\"", conn("\"S-1\"")).getBytes(StandardCharsets.UTF_8)));

        codes.readPage(exchange);
        codes.commitRefresh();

        assertThat(codes.snapshot()).containsExactly("S-1");
    }

    @Test
    void oneHundredThousandCodes() {
        KnownCustomerCodes big = new KnownCustomerCodes(mapper);
        JoorRequests pages = new JoorRequests(1000, mapper);
        big.beginRefresh(exchange);
        long base = 7_000_000_000_000_000L;
        for (int p = 0; p < 100; p++) {
            StringBuilder body = new StringBuilder("{\"connections\":{\"response\":{\"code\":0,\"next_start\":")
                    .append(p == 99 ? "\"\"" : String.valueOf((p + 1) * 1000)).append("},\"connection\":[");
            for (int i = 0; i < 1000; i++) {
                body.append(i == 0 ? "" : ",").append("{\"customer_code\":\"").append(base + p * 1000L + i).append("\"}");
            }
            pages.listPage(exchange.getProperty(KnownCustomerCodes.NEXT_START_PROPERTY, Integer.class), exchange);
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
            exchange.getMessage().setBody(body.append("]}}").toString());
            big.readPage(exchange);
        }
        assertThat(exchange.getProperty(KnownCustomerCodes.NEXT_START_PROPERTY)).isNull();
        big.commitRefresh();

        assertThat(big.size()).isEqualTo(100_000);
        assertThat(big.contains(String.valueOf(base + 99_999))).isTrue();
    }
}
