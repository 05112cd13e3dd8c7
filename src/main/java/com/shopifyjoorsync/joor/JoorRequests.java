package com.shopifyjoorsync.joor;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The bodies of the JOOR v2 requests the routes send. Method, path and query are set in the routes
 * ({@code routes/joor.camel.yaml}); shapes follow the adopted contract in JOOR's v2 reference (api-docs.jooraccess.com).
 */
public class JoorRequests {

    /**
     * Exchange property: the {@code List<ObjectNode>} sent by {@link #bulkConnection}, so that a
     * rejection can name the offending code and the route can split exactly what was sent.
     */
    public static final String BULK_BATCH_PROPERTY = "joorBulkBatch";

    private final ObjectMapper mapper;

    public JoorRequests(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The body of {@code POST /bulk-connection}: {@code {"bulk_connections":{"connection":[...]}}}.
     * The body in is the batch: a {@code List<ObjectNode>} (or an ArrayNode) of connections already in JOOR's field
     * naming, each with a {@code customer_code} (JOOR matches on it; without one it would create an
     * unmatched connection). The body out is the JSON text.
     */
    public void bulkConnection(Exchange exchange) {
        Message in = exchange.getMessage();
        Object body = in.getBody();
        if (body instanceof ArrayNode array) {
            List<JsonNode> elements = new ArrayList<>(array.size());
            array.forEach(elements::add);
            body = elements;
        }
        if (!(body instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("bulk-connection needs a non-empty List of connection objects as body, got "
                    + (body == null ? "null" : body instanceof List ? "an empty list" : body.getClass().getName()));
        }
        List<ObjectNode> batch = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode node = list.get(i) instanceof JsonNode j ? j : mapper.valueToTree(list.get(i));
            if (!(node instanceof ObjectNode connection)) {
                throw new IllegalArgumentException("bulk-connection element " + i + " is not a JSON object");
            }
            if (KnownCustomerCodes.codeText(connection.get("customer_code")) == null) {
                throw new IllegalArgumentException("bulk-connection element " + i + " has no customer_code");
            }
            batch.add(connection);
        }
        ObjectNode root = mapper.createObjectNode();
        ArrayNode connections = root.putObject("bulk_connections").putArray("connection");
        connections.addAll(batch);
        try {
            in.setBody(mapper.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bulk-connection batch cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        exchange.setProperty(BULK_BATCH_PROPERTY, List.copyOf(batch));
    }
}
