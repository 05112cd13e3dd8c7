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
    private final KnownCustomerCodes codes = new KnownCustomerCodes(mapper);
    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

    /** A page as JOOR's reference page connection-get publishes it: the list under a second "connections". */
    private static String page(String nextStart, String... connections) {
        return "{\"connections\":{\"response\":{\"code\":0,\"comment\":\"\",\"next_start\":" + nextStart
                + ",\"count\":" + connections.length + "},\"connections\":{\"connection\":["
                + String.join(",", connections) + "]}}}";
    }

    /** The flat envelope an earlier reading of JOOR's docs described: connections.connection. */
    private static String flatPage(String nextStart, String... connections) {
        return "{\"connections\":{\"response\":{\"code\":0,\"next_start\":" + nextStart + "},\"connection\":["
                + String.join(",", connections) + "]}}";
    }

    private static String conn(String codeJson) {
        return "{\"customer_code\":" + codeJson + ",\"customer_alias\":\"x\"}";
    }

    /** One turn of the route's loop: build the request, JOOR answers, read the page. */
    private Object turn(int status, String body) {
        exchange.getMessage().setHeader(Exchange.HTTP_PATH, "/connection/"); // as routes/joor.camel.yaml asks
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
        assertThat(turn(200, page("\"\"", conn("\"D\""), conn("\"E\""), conn("\"F\"")))).isNull();
        assertThat(codes.contains("A-1")).as("nothing is known before the refresh completes").isFalse();

        codes.commitRefresh();

        assertThat(codes.size()).isEqualTo(9);
        assertKnownExactly(codes, "A-1", "9007199254740993", "9007199254740995", "B",
                "12345678901234567890123", "C", "D", "E", "F");
        // beyond 2^53 a double would have merged these neighbours
        assertThat(codes.contains("9007199254740995")).isTrue();
        assertThat(codes.contains("9007199254740994")).isFalse();
        assertThat(codes.contains("9007199254740992")).isFalse();
        assertThat(codes.contains(null)).isFalse();
    }

    @Test
    void stopsOnlyWhenNextStartIsAbsentOrEmptyShortAndEmptyPagesAreNotTheEnd() {
        codes.beginRefresh(exchange);
        assertThat(turn(200, "{\"connections\":{\"response\":{\"code\":0},\"connections\":{\"connection\":["
                + conn("\"A\"") + "]}}}")).as("no next_start").isNull();

        // 3 asked, JOOR serves 1, then none, then 2: its next_start alone says more follow
        codes.beginRefresh(exchange);
        assertThat(turn(200, page("1", conn("\"A\"")))).as("fewer than asked").isEqualTo(1);
        assertThat(turn(200, page("2"))).as("an empty page").isEqualTo(2);
        assertThat(turn(200, page("4", conn("\"B\""), conn("\"C\"")))).isEqualTo(4);
        assertThat(turn(200, page("\"\"", conn("\"D\"")))).isNull();
        assertThat(exchange.getProperty(KnownCustomerCodes.LIST_CODES_PROPERTY)).isEqualTo(4);
        codes.commitRefresh();
        assertKnownExactly(codes, "A", "B", "C", "D");
    }

    @Test
    void theFlatEnvelopeIsReadToo() {
        codes.beginRefresh(exchange);
        assertThat(turn(200, flatPage("2", conn("\"F-1\""), conn("\"F-2\"")))).isEqualTo(2);
        assertThat(turn(200, flatPage("\"\"", conn("\"F-3\"")))).isNull();
        codes.commitRefresh();

        assertKnownExactly(codes, "F-1", "F-2", "F-3");
    }

    @Test
    void anAnswerWithoutAListNodeIsRefusedNeverTakenForNobody() {
        codes.beginRefresh(exchange);
        turn(200, page("\"\"", conn("\"OLD\"")));
        codes.commitRefresh();

        codes.beginRefresh(exchange);
        assertThatThrownBy(() -> turn(200, "{\"connections\":{\"response\":{\"code\":0,\"next_start\":\"\"}}}"))
                .isInstanceOf(JoorIndexRefusedException.class)
                .hasMessageContaining("connections.connections.connection", "connection-get", "start_from=0");
        assertThatThrownBy(() -> turn(200, "{\"connections\":{\"response\":{\"code\":0},\"connections\":{\"customer\":[]}}}"))
                .isInstanceOf(JoorIndexRefusedException.class);
        codes.commitRefresh();

        assertKnownExactly(codes, "OLD");
    }

    @Test
    void anEmptyInnerListNodeIsAnEmptyPage() {
        codes.beginRefresh(exchange);
        assertThat(turn(200, "{\"connections\":{\"response\":{\"code\":0,\"next_start\":\"\"},\"connections\":\"\"}}"))
                .isNull();
        codes.commitRefresh();

        assertKnownExactly(codes);
    }

    @Test
    void commitReplacesTheIndexOnlyWhenEveryPageWasRead() {
        codes.beginRefresh(exchange);
        turn(200, page("null", conn("\"OLD-1\""), conn("\"OLD-2\"")));
        codes.commitRefresh();

        codes.beginRefresh(exchange);
        turn(200, page("3", conn("\"NEW-1\""), conn("\"NEW-2\""), conn("\"NEW-3\"")));
        codes.commitRefresh(); // the loop broke off before the last page

        assertKnownExactly(codes, "OLD-1", "OLD-2");

        codes.beginRefresh(exchange);
        turn(200, page("3", conn("\"NEW-1\""), conn("\"NEW-2\""), conn("\"NEW-3\"")));
        assertThatThrownBy(() -> turn(200, "{\"connections\":{\"response\":{\"code\":7,\"comment\":\"internal\"}}}"))
                .isInstanceOf(JoorApiException.class).hasMessageContaining("internal").hasMessageContaining("start_from=3");
        codes.commitRefresh();

        assertKnownExactly(codes, "OLD-1", "OLD-2");
        assertThat(codes.contains("NEW-1")).isFalse();
    }

    @Test
    void aNextStartThatDoesNotAdvanceIsAnError() {
        codes.beginRefresh(exchange);
        turn(200, page("3", conn("\"A\""), conn("\"B\""), conn("\"C\"")));

        assertThatThrownBy(() -> turn(200, page("3", conn("\"D\""), conn("\"E\""), conn("\"F\""))))
                .isInstanceOf(JoorApiException.class).hasMessageContaining("did not advance");

        // an empty page that points at itself would be read for ever
        codes.beginRefresh(exchange);
        assertThat(turn(200, page("3", conn("\"A\""), conn("\"B\""), conn("\"C\"")))).isEqualTo(3);
        assertThatThrownBy(() -> turn(200, page("3"))).isInstanceOf(JoorApiException.class)
                .hasMessageContaining("did not advance");
    }

    @Test
    void emptyPagesThatKeepGivingANextStartEndTheLoopAfterFiveInARow() {
        codes.beginRefresh(exchange);
        assertThat(turn(200, page("3", conn("\"A\""), conn("\"B\""), conn("\"C\"")))).isEqualTo(3);
        for (int i = 1; i <= 5; i++) {
            assertThat(turn(200, page(Integer.toString(3 + 3 * i)))).isEqualTo(3 + 3 * i);
        }
        assertThat(turn(200, page("21", conn("\"D\"")))).as("a page with a connection starts the count again").isEqualTo(21);
        for (int i = 1; i <= 5; i++) {
            turn(200, page(Integer.toString(21 + 3 * i)));
        }

        assertThatThrownBy(() -> turn(200, page("39"))).isInstanceOf(JoorApiException.class)
                .hasMessageContaining("would not end: 6 empty pages in a row");

        // a new refresh counts afresh
        codes.beginRefresh(exchange);
        assertThat(turn(200, page("3"))).isEqualTo(3);
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
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setBody(new ByteArrayInputStream(
                page("\"\"", conn("\"S-1\"")).getBytes(StandardCharsets.UTF_8)));

        codes.readPage(exchange);
        codes.commitRefresh();

        assertKnownExactly(codes, "S-1");
    }

    @Test
    void oneHundredThousandCodes() {
        KnownCustomerCodes big = new KnownCustomerCodes(mapper);
        big.beginRefresh(exchange);
        long base = 7_000_000_000_000_000L;
        for (int p = 0; p < 100; p++) {
            StringBuilder body = new StringBuilder("{\"connections\":{\"response\":{\"code\":0,\"next_start\":")
                    .append(p == 99 ? "\"\"" : String.valueOf((p + 1) * 1000)).append("},\"connections\":{\"connection\":[");
            for (int i = 0; i < 1000; i++) {
                body.append(i == 0 ? "" : ",").append("{\"customer_code\":\"").append(base + p * 1000L + i).append("\"}");
            }
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
            exchange.getMessage().setBody(body.append("]}}}").toString());
            big.readPage(exchange);
        }
        assertThat(exchange.getProperty(KnownCustomerCodes.NEXT_START_PROPERTY)).isNull();
        big.commitRefresh();

        assertThat(big.size()).isEqualTo(100_000);
        assertThat(big.contains(String.valueOf(base + 99_999))).isTrue();
    }

    /** What a refresh left known: exactly these codes (by contains and size, as the routes ask). */
    private static void assertKnownExactly(KnownCustomerCodes codes, String... expected) {
        assertThat(codes.size()).as("codes known").isEqualTo(expected.length);
        for (String code : expected) {
            assertThat(codes.contains(code)).as("%s known", code).isTrue();
        }
    }
}
