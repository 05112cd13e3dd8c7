package com.shopifyjoorsync.joor;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.shopifyjoorsync.observe.SecretMask;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** One JOOR answer as camel-http left it on the exchange: status, JSON (null when not JSON), text. */
final class JoorAnswer {

    private static final int SNIPPET = 200;

    private final int status;
    private final JsonNode json;
    private final String snippet;

    private JoorAnswer(int status, JsonNode json, String snippet) {
        this.status = status;
        this.json = json;
        this.snippet = snippet;
    }

    /** Numbers are read exactly (no double), so numeric codes and ids keep every digit. */
    static ObjectReader reader(ObjectMapper mapper) {
        return mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /**
     * The request this answers, as the route set it ({@code CamelHttpMethod}, {@code CamelHttpPath}:
     * "GET /bulk-connection/42"), for messages.
     */
    static String request(Exchange exchange) {
        Message in = exchange.getMessage();
        return in.getHeader(Exchange.HTTP_METHOD, "GET", String.class) + " " + in.getHeader(Exchange.HTTP_PATH, "", String.class);
    }

    static JoorAnswer read(Exchange exchange, ObjectReader reader) {
        Message in = exchange.getMessage();
        Integer code = in.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        Object body = in.getBody();
        byte[] bytes = in.getBody(byte[].class);
        if (body != null && !(body instanceof byte[]) && !(body instanceof String)) {
            in.setBody(bytes); // a stream is read once: keep the bytes for error handlers and dead letters
        }
        JsonNode json = null;
        if (bytes != null && bytes.length > 0) {
            try {
                json = reader.readTree(bytes);
                if (json != null && !json.isContainerNode()) {
                    json = null;
                }
            } catch (IOException notJson) {
                json = null;
            }
        }
        return new JoorAnswer(code == null || code == 0 ? 200 : code, json, snippet(bytes));
    }

    int status() {
        return status;
    }

    JsonNode json() {
        return json;
    }

    /** The start of the body, for messages ("(empty body)" when none). */
    String snippet() {
        return snippet;
    }

    /** {@code <envelope>.response}, or a missing node. */
    JsonNode response(String envelope) {
        return json == null ? MissingNode.getInstance() : json.path(envelope).path("response");
    }

    /** {@code response.code} as text, null when absent. */
    String apiCode(String envelope) {
        JsonNode code = response(envelope).get("code");
        return code == null || code.isNull() ? null : code.asText().strip();
    }

    /** True when {@code response.code} is present and not zero. */
    boolean apiError(String envelope) {
        String code = apiCode(envelope);
        if (code == null || code.isEmpty()) {
            return false;
        }
        try {
            return new BigDecimal(code).signum() != 0;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** {@code response.comment} (masked), else the body's start when it is not JSON; null when neither. */
    String comment(String envelope) {
        JsonNode comment = response(envelope).get("comment");
        if (comment != null && !comment.isNull() && !comment.asText().isBlank()) {
            return SecretMask.mask(comment.asText());
        }
        return json == null && !"(empty body)".equals(snippet) ? snippet : null;
    }

    /**
     * Throws for the answers no caller can use: 401/403 (token), 429, 408/5xx, other non-2xx
     * non-4xx statuses, and a 2xx that is not JSON. Leaves 2xx JSON and the other 4xx to the caller.
     */
    void failUnlessUsable(String call) {
        if (status == 401 || status == 403) {
            throw new JoorAuthException(call, status);
        }
        if (status == 429) {
            throw new JoorRateLimitedException(call, Duration.ZERO);
        }
        if (status == 408 || status >= 500) {
            throw new JoorUnavailableException("JOOR is unavailable: HTTP " + status + " on " + call + ": " + snippet);
        }
        if (status >= 400) {
            return;
        }
        if (status < 200 || status >= 300) {
            throw new JoorApiException("JOOR answered an unexpected HTTP " + status + " on " + call
                    + " (check joor.api-url): " + snippet, status, null, null);
        }
        if (json == null) {
            throw new JoorUnavailableException("JOOR answered HTTP " + status + " on " + call
                    + " with a body that is not JSON: " + snippet);
        }
    }

    /** The body's start, masked before it is cut: a secret cut in half would not be recognised. */
    private static String snippet(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return "(empty body)";
        }
        String text = SecretMask.mask(new String(bytes, 0, Math.min(bytes.length, SNIPPET * 4 + 1024),
                StandardCharsets.UTF_8)).replaceAll("\\s+", " ").strip();
        return text.length() > SNIPPET ? text.substring(0, SNIPPET) + "..." : text;
    }
}
