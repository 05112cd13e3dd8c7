package com.shopifyjoorsync.joor;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.apache.camel.Exchange;

/**
 * Reads pages of JOOR's connection list: whole for the link report, which needs names, emails and
 * addresses, and for the cycle's {@link KnownCustomerCodes}, which keeps only the codes. The route
 * loops while {@code joorNextStart} is set: until JOOR's {@code next_start} is missing or empty.
 * JOOR may serve fewer connections than {@code count} asked, so a short (even empty) page is not the end.
 * The loop ends all the same: {@code next_start} must move forward, and at most
 * {@value #MAX_EMPTY_PAGES_IN_A_ROW} empty pages in a row may announce more.
 */
public class ConnectionListPages {

    private static final String ENVELOPE = "connections";
    /** Empty pages that give a next_start, in a row, before the loop is ended. */
    static final int MAX_EMPTY_PAGES_IN_A_ROW = 5;
    /** Exchange property: empty pages in a row so far (a joorList* working property). */
    static final String EMPTY_PAGES_PROPERTY = "joorListEmptyPages";

    private final ObjectReader reader;

    public ConnectionListPages(ObjectMapper mapper) {
        this.reader = JoorAnswer.reader(mapper);
    }

    /** Sets {@code joorNextStart} to 0: the first page comes next. */
    public void begin(Exchange exchange) {
        exchange.setProperty(KnownCustomerCodes.NEXT_START_PROPERTY, 0);
        exchange.removeProperty(EMPTY_PAGES_PROPERTY);
    }

    /**
     * The connections of one page (the answer to {@code GET /connection/?start_from=joorNextStart}); sets
     * {@code joorNextStart} to the next offset, or removes it after the last page.
     *
     * @throws JoorApiException when JOOR reports an error or the page does not follow the contract
     */
    public List<JsonNode> readPage(Exchange exchange) {
        int start = exchange.getProperty(KnownCustomerCodes.NEXT_START_PROPERTY, 0, Integer.class);
        String call = JoorAnswer.request(exchange) + " (start_from=" + start + ")";
        JoorAnswer answer = JoorAnswer.read(exchange, reader);
        answer.failUnlessUsable(call);
        if (answer.status() >= 400 || answer.apiError(ENVELOPE)) {
            throw new JoorApiException("JOOR refused the connection list page " + call + ": HTTP " + answer.status()
                    + ", response.code " + answer.apiCode(ENVELOPE) + ": " + answer.comment(ENVELOPE),
                    answer.status(), answer.apiCode(ENVELOPE), answer.comment(ENVELOPE));
        }
        List<JsonNode> connections = KnownCustomerCodes.elements(listNode(answer, call), call);
        Integer next = KnownCustomerCodes.nextStart(answer.response(ENVELOPE).get("next_start"), call);
        boolean last = next == null;
        if (!last && next <= start) {
            throw new JoorApiException("JOOR's connection list did not advance: next_start " + next + " after " + call,
                    answer.status(), answer.apiCode(ENVELOPE), null);
        }
        // a short page is not the end, but empty pages that keep announcing more would never end the loop
        int emptyInARow = connections.isEmpty() && !last
                ? exchange.getProperty(EMPTY_PAGES_PROPERTY, 0, Integer.class) + 1 : 0;
        if (emptyInARow > MAX_EMPTY_PAGES_IN_A_ROW) {
            throw new JoorApiException("JOOR's connection list would not end: " + emptyInARow + " empty pages in a row"
                    + " each gave a next_start (the last after " + call + "); the list was not read further",
                    answer.status(), answer.apiCode(ENVELOPE), null);
        }
        exchange.setProperty(EMPTY_PAGES_PROPERTY, emptyInARow);
        if (last) {
            exchange.removeProperty(KnownCustomerCodes.NEXT_START_PROPERTY);
        } else {
            exchange.setProperty(KnownCustomerCodes.NEXT_START_PROPERTY, next);
        }
        return connections;
    }

    /**
     * The list of connections in an answer. JOOR's reference page {@code connection-get} nests it
     * under a second {@code connections} node: {@code {"connections": {"response": {...},
     * "connections": {"connection": [...]}}}}; the flat {@code connections.connection} of an earlier
     * reading is accepted too. An inner {@code connections} present but empty ({@code ""}, {@code {}},
     * {@code []}, null) is an empty list. No list node at all is never "JOOR knows nobody": it is refused.
     *
     * @throws JoorIndexRefusedException when neither nesting is there
     */
    static JsonNode listNode(JoorAnswer answer, String call) {
        JsonNode envelope = answer.json().path(ENVELOPE);
        JsonNode published = envelope.get(ENVELOPE);
        if (published != null) {
            JsonNode list = published.get("connection");
            if (list != null) {
                return list;
            }
            if (published.isNull() || published.isContainerNode() && published.isEmpty()
                    || published.isTextual() && published.textValue().isBlank()) {
                return MissingNode.getInstance();
            }
        } else if (envelope.has("connection")) {
            return envelope.get("connection");
        }
        throw new JoorIndexRefusedException("JOOR's answer to " + call + " has no list of connections (neither"
                + " connections.connections.connection, as JOOR's reference page connection-get publishes it, nor"
                + " connections.connection): " + answer.snippet() + ". It is not taken for \"JOOR knows nobody\":"
                + " nothing is routed on it");
    }

    /** The exact text of a connection's customer_code (numbers from their digits), null when absent or blank. */
    public static String code(JsonNode connection) {
        return KnownCustomerCodes.codeText(connection.get("customer_code"));
    }
}
