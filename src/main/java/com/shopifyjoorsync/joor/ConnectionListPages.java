package com.shopifyjoorsync.joor;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.apache.camel.Exchange;

/**
 * Reads pages of JOOR's connection list whole, for the link report, which needs names, emails and
 * addresses where the cycle's {@link KnownCustomerCodes} keeps only the codes. Same paging contract:
 * the route loops while {@code joorNextStart} is set.
 */
public class ConnectionListPages {

    private static final String ENVELOPE = "connections";

    private final ObjectReader reader;

    public ConnectionListPages(ObjectMapper mapper) {
        this.reader = JoorAnswer.reader(mapper);
    }

    /** Sets {@code joorNextStart} to 0: the first page comes next. */
    public void begin(Exchange exchange) {
        exchange.setProperty(KnownCustomerCodes.NEXT_START_PROPERTY, 0);
    }

    /**
     * The connections of one page (the answer to {@link JoorRequests#listPage}); sets
     * {@code joorNextStart} to the next offset, or removes it after the last page.
     *
     * @throws JoorApiException when JOOR reports an error or the page does not follow the contract
     */
    public List<JsonNode> readPage(Exchange exchange) {
        Integer listStart = exchange.getProperty(JoorRequests.LIST_START_PROPERTY, Integer.class);
        int start = listStart != null ? listStart
                : exchange.getProperty(KnownCustomerCodes.NEXT_START_PROPERTY, 0, Integer.class);
        Integer asked = exchange.getProperty(JoorRequests.LIST_COUNT_PROPERTY, Integer.class);
        String call = "GET " + JoorRequests.CONNECTION_LIST_PATH + " (start_from=" + start + ")";
        JoorAnswer answer = JoorAnswer.read(exchange, reader);
        answer.failUnlessUsable(call);
        if (answer.status() >= 400 || answer.apiError(ENVELOPE)) {
            throw new JoorApiException("JOOR refused the connection list page " + call + ": HTTP " + answer.status()
                    + ", response.code " + answer.apiCode(ENVELOPE) + ": " + answer.comment(ENVELOPE),
                    answer.status(), answer.apiCode(ENVELOPE), answer.comment(ENVELOPE));
        }
        List<JsonNode> connections = KnownCustomerCodes.elements(answer.json().path(ENVELOPE).path("connection"), call);
        Integer next = KnownCustomerCodes.nextStart(answer.response(ENVELOPE).get("next_start"), call);
        boolean last = next == null || connections.isEmpty() || (asked != null && connections.size() < asked);
        if (!last && next <= start) {
            throw new JoorApiException("JOOR's connection list did not advance: next_start " + next + " after " + call,
                    answer.status(), answer.apiCode(ENVELOPE), null);
        }
        if (last) {
            exchange.removeProperty(KnownCustomerCodes.NEXT_START_PROPERTY);
        } else {
            exchange.setProperty(KnownCustomerCodes.NEXT_START_PROPERTY, next);
        }
        return connections;
    }

    /** The exact text of a connection's customer_code (numbers from their digits), null when absent or blank. */
    public static String code(JsonNode connection) {
        return KnownCustomerCodes.codeText(connection.get("customer_code"));
    }
}
