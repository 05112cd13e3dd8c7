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
 * Builds the JOOR v2 requests the routes send through their camel-http endpoint
 * ({@code {{joor.api-url}}}): sets method, path and query headers and the body. Paths and shapes
 * follow the adopted contract in {@code docs/joor.md}; this class is the one place to change them.
 */
public class JoorRequests {

    public static final int DEFAULT_LIST_PAGE_SIZE = 1000;
    /** The largest page the adopted contract allows. */
    public static final int MAX_LIST_PAGE_SIZE = 1000;

    public static final String CONNECTION_LIST_PATH = "/connection/";
    public static final String BULK_CONNECTION_PATH = "/bulk-connection";

    /** Exchange property: the offset asked by {@link #listPage} (read by {@link KnownCustomerCodes#readPage}). */
    public static final String LIST_START_PROPERTY = "joorListStart";
    /**
     * Exchange property: the {@code List<ObjectNode>} sent by {@link #bulkConnection}, so that a
     * rejection can name the offending code and the route can split exactly what was sent.
     */
    public static final String BULK_BATCH_PROPERTY = "joorBulkBatch";
    /** Exchange property: the job id asked by {@link #jobStatus}. */
    public static final String JOB_ID_PROPERTY = "joorJobId";

    private final int listPageSize;
    private final ObjectMapper mapper;

    public JoorRequests(ObjectMapper mapper) {
        this(DEFAULT_LIST_PAGE_SIZE, mapper);
    }

    /** @param listPageSize connections per list page, 1..1000 */
    public JoorRequests(int listPageSize, ObjectMapper mapper) {
        if (listPageSize < 1 || listPageSize > MAX_LIST_PAGE_SIZE) {
            throw new IllegalArgumentException("JOOR list page size must be 1.." + MAX_LIST_PAGE_SIZE + ", got " + listPageSize);
        }
        this.listPageSize = listPageSize;
        this.mapper = mapper;
    }

    public int listPageSize() {
        return listPageSize;
    }

    /** {@code GET /connection/?start_from=N&count=M}, no body. A null offset means 0. */
    public void listPage(Integer startFrom, Exchange exchange) {
        int start = startFrom == null ? 0 : startFrom;
        if (start < 0) {
            throw new IllegalArgumentException("JOOR list offset must not be negative, got " + start);
        }
        Message in = exchange.getMessage();
        target(in, "GET", CONNECTION_LIST_PATH, "start_from=" + start + "&count=" + listPageSize);
        in.setBody(null);
        exchange.setProperty(LIST_START_PROPERTY, start);
    }

    /**
     * {@code POST /bulk-connection} with body {@code {"bulk_connections":{"connection":[...]}}}.
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
        target(in, "POST", BULK_CONNECTION_PATH, null);
        exchange.setProperty(BULK_BATCH_PROPERTY, List.copyOf(batch));
    }

    /** {@code GET /bulk-connection/{id}}, no body. */
    public void jobStatus(long jobId, Exchange exchange) {
        Message in = exchange.getMessage();
        target(in, "GET", BULK_CONNECTION_PATH + "/" + jobId, null);
        in.setBody(null);
        exchange.setProperty(JOB_ID_PROPERTY, jobId);
    }

    private static void target(Message in, String method, String path, String query) {
        in.removeHeader(Exchange.HTTP_URI); // a leftover URI would override the endpoint's
        in.removeHeader(Exchange.HTTP_RAW_QUERY); // camel-http prefers it to CamelHttpQuery
        in.setHeader(Exchange.HTTP_METHOD, method);
        in.setHeader(Exchange.HTTP_PATH, path);
        if (query == null) {
            in.removeHeader(Exchange.HTTP_QUERY);
        } else {
            in.setHeader(Exchange.HTTP_QUERY, query);
        }
    }
}
