package com.shopifyjoorsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A plain JDK HTTP client speaking to a {@link JoorSandbox} the way a JOOR client does. */
final class JoorSandboxTestClient {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private final JoorSandbox sandbox;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    JoorSandboxTestClient(JoorSandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** An answer: status, raw body, parsed body, and the response for headers. */
    record Answer(int status, String raw, JsonNode json, HttpResponse<String> response) {
        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    String authorization() {
        return "OAuth2 " + Base64.getEncoder().encodeToString(sandbox.token().getBytes(StandardCharsets.UTF_8));
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(sandbox.apiUrl() + pathAndQuery)).timeout(Duration.ofSeconds(10));
    }

    Answer get(String pathAndQuery) {
        return send(request(pathAndQuery).header("Authorization", authorization())
                .header("Content-Type", "application/json").header("Accept", "application/json").GET().build());
    }

    Answer post(String pathAndQuery, String body) {
        return send(request(pathAndQuery).header("Authorization", authorization())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    Answer postConnections(ObjectNode... connections) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode list = root.putObject("bulk_connections").putArray("connection");
        for (ObjectNode connection : connections) {
            list.add(connection);
        }
        return post("/bulk-connection", root.toString());
    }

    Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            JsonNode json = raw == null || raw.isEmpty() ? null : MAPPER.readTree(raw);
            return new Answer(response.statusCode(), raw, json, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode connection(String code) {
        return MAPPER.createObjectNode().put("customer_code", code).put("customer_name", "Retailer " + code);
    }
}
