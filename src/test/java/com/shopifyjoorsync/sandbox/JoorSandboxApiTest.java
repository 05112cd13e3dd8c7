package com.shopifyjoorsync.sandbox;

import static com.shopifyjoorsync.sandbox.JoorSandboxTestClient.connection;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopifyjoorsync.sandbox.JoorSandboxTestClient.Answer;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JoorSandboxApiTest {

    private JoorSandbox sandbox;
    private JoorSandboxTestClient client;

    @BeforeEach
    void start() {
        sandbox = JoorSandbox.start();
        client = new JoorSandboxTestClient(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void servesV2OnLoopbackWithRandomToken() {
        assertThat(sandbox.apiUrl()).matches("http://127\\.0\\.0\\.1:\\d+/v2");
        try (JoorSandbox other = JoorSandbox.start()) {
            assertThat(other.token()).isNotEqualTo(sandbox.token());
            assertThat(other.apiUrl()).isNotEqualTo(sandbox.apiUrl());
        }
    }

    @Test
    void refusesMissingWrongAndUnencodedTokens() {
        HttpRequest.Builder noAuth = client.request("/connection/").header("Content-Type", "application/json");
        String wrong = "OAuth2 " + Base64.getEncoder().encodeToString("not-the-token".getBytes(StandardCharsets.UTF_8));
        String raw = "OAuth2 " + sandbox.token();

        List<Answer> answers = List.of(
                client.send(noAuth.copy().GET().build()),
                client.send(noAuth.copy().header("Authorization", wrong).GET().build()),
                client.send(noAuth.copy().header("Authorization", raw).GET().build()),
                client.send(client.request("/bulk-connection").header("Content-Type", "application/json")
                        .header("Authorization", raw)
                        .POST(HttpRequest.BodyPublishers.ofString(bulkBody("1"))).build()));

        for (Answer answer : answers) {
            assertThat(answer.status()).isEqualTo(401);
            JsonNode response = answer.json().findValue("response");
            assertThat(response.get("code").asInt()).isNotZero();
            assertThat(response.get("comment").asText()).isNotBlank();
        }
        assertThat(answers.get(3).json().has("bulk_connections")).isTrue();
        assertThat(sandbox.bulkPosts()).isZero();
        assertThat(sandbox.connections()).isEmpty();
        assertThat(client.get("/connection/").status()).isEqualTo(200);
    }

    @Test
    void refusesRequestsWithoutContentType() {
        Answer get = client.send(client.request("/connection/").header("Authorization", client.authorization()).GET().build());
        Answer post = client.send(client.request("/bulk-connection").header("Authorization", client.authorization())
                .POST(HttpRequest.BodyPublishers.ofString(bulkBody("1"))).build());

        assertThat(get.status()).isEqualTo(400);
        assertThat(get.json().at("/connections/response/comment").asText()).isEqualTo("Content-Type header is mandatory");
        assertThat(post.status()).isEqualTo(400);
        assertThat(post.json().at("/bulk_connections/response/comment").asText()).isEqualTo("Content-Type header is mandatory");
        assertThat(sandbox.connections()).isEmpty();
    }

    @Test
    void pagesThroughConnectionsSortedByCode() {
        sandbox.seedKnownCodes(List.of("105", "101", "103", "102", "104"));

        Answer first = client.get("/connection/?start_from=0&count=2");
        Answer second = client.get("/connection/?start_from=2&count=2");
        Answer last = client.get("/connection/?start_from=4&count=2");

        assertThat(codes(first.json())).containsExactly("101", "102");
        assertThat(first.json().at("/connections/response/code").asInt()).isZero();
        assertThat(first.json().at("/connections/response/start_from").asInt()).isZero();
        assertThat(first.json().at("/connections/response/next_start").isNumber()).isTrue();
        assertThat(first.json().at("/connections/response/next_start").asInt()).isEqualTo(2);
        assertThat(first.json().at("/connections/response/count").asInt()).isEqualTo(2);
        assertThat(first.json().at("/connections/response/log_id").asText()).isNotBlank();
        assertThat(codes(second.json())).containsExactly("103", "104");
        assertThat(second.json().at("/connections/response/next_start").asInt()).isEqualTo(4);
        assertThat(codes(last.json())).containsExactly("105");
        assertThat(last.json().at("/connections/response/next_start").isTextual()).isTrue();
        assertThat(last.json().at("/connections/response/next_start").asText()).isEmpty();
        assertThat(last.json().at("/connections/response/count").asInt()).isEqualTo(1);

        Answer exact = client.get("/connection/?start_from=0&count=5");
        assertThat(codes(exact.json())).hasSize(5);
        assertThat(exact.json().at("/connections/response/next_start").asText()).isEmpty();

        Answer defaults = client.get("/connection/");
        assertThat(codes(defaults.json())).hasSize(5);

        assertThat(client.get("/connection/?start_from=0&count=1001").status()).isEqualTo(400);
        assertThat(client.get("/connection/?start_from=0&count=1000").status()).isEqualTo(200);
        assertThat(sandbox.requestLog()).startsWith("GET /v2/connection/?start_from=0&count=2 200");
    }

    @Test
    void servesTheListInTheEnvelopeJoorPublishes() {
        sandbox.seedKnownCodes(List.of("101"));

        JsonNode envelope = client.get("/connection/").json().get("connections");

        // JOOR's reference page connection-get: the list under a second "connections" node
        assertThat(envelope.get("connections").get("connection").isArray()).isTrue();
        assertThat(envelope.has("connection")).isFalse();
        assertThat(envelope.get("response").get("code").asInt()).isZero();
    }

    @Test
    void aCappedListServesFewerThanAskedAndNextStartLeadsOn() {
        sandbox.seedKnownCodes(List.of("101", "102", "103", "104", "105"));
        sandbox.setListPageCap(2);

        Answer first = client.get("/connection/?start_from=0&count=1000");
        Answer last = client.get("/connection/?start_from=4&count=1000");

        assertThat(codes(first.json())).containsExactly("101", "102");
        assertThat(first.json().at("/connections/response/count").asInt()).isEqualTo(2);
        assertThat(first.json().at("/connections/response/next_start").asInt()).isEqualTo(2);
        assertThat(codes(last.json())).containsExactly("105");
        assertThat(last.json().at("/connections/response/next_start").asText()).isEmpty();
    }

    @Test
    void aListCanLoseItsListNodeOrAShareOfItsConnections() {
        sandbox.seedKnownCodes(List.of("101", "102", "103", "104", "105", "106", "107", "108", "109", "110"));

        sandbox.hideFromList(30);
        assertThat(codes(client.get("/connection/?start_from=0&count=1000").json())).hasSize(7);
        assertThat(client.get("/connection/customer_code/110/").status()).as("the account keeps them").isEqualTo(200);
        sandbox.hideFromList(100);
        Answer empty = client.get("/connection/");
        assertThat(codes(empty.json())).isEmpty();
        assertThat(empty.json().at("/connections/response/next_start").asText()).isEmpty();
        sandbox.hideFromList(0);

        sandbox.setListWithoutListNode(true);
        Answer bare = client.get("/connection/");
        assertThat(bare.status()).isEqualTo(200);
        assertThat(bare.json().at("/connections/response/code").asInt()).isZero();
        assertThat(bare.json().get("connections").has("connections")).isFalse();
        assertThat(bare.json().get("connections").has("connection")).isFalse();
    }

    @Test
    void readsOneConnectionByCodeOr404() {
        sandbox.putConnection(connection("777").put("customer_alias", "Seven"));

        Answer found = client.get("/connection/customer_code/777/");
        Answer missing = client.get("/connection/customer_code/888/");

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().at("/connections/response/code").asInt()).isZero();
        assertThat(found.json().at("/connections/connections/connection/0/customer_alias").asText()).isEqualTo("Seven");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().at("/connections/response/code").asInt()).isNotZero();
        assertThat(missing.json().at("/connections/connections/connection").isArray()).isTrue();
        assertThat(missing.json().at("/connections/connections/connection").size()).isZero();
    }

    @Test
    void bulkPostUpsertsAndAnswersWithAJob() {
        sandbox.putConnection(connection("100").put("customer_alias", "old alias").put("sales_rep_code", "R1"));

        Answer post = client.postConnections(
                connection("100").put("customer_alias", "new alias"),
                connection("200").put("customer_contact_email", "buyer@example.com"));

        assertThat(post.status()).isEqualTo(200);
        assertThat(post.json().at("/bulk_connections/response/code").asInt()).isZero();
        JsonNode jobId = post.json().at("/bulk_connections/bulk_connections_job_id");
        assertThat(jobId.isInt()).isTrue();

        Answer job = client.get("/bulk-connection/" + jobId.asInt());
        assertThat(job.status()).isEqualTo(200);
        JsonNode status = job.json().at("/bulk_connections/bulk_connections_jobs/0");
        assertThat(status.get("bulk_connections_job_id").asInt()).isEqualTo(jobId.asInt());
        assertThat(status.get("status").asText()).isEqualTo("finished");
        assertThat(status.get("connection_record_count").asInt()).isEqualTo(2);
        assertThat(status.get("connection_record_progress").asInt()).isEqualTo(2);
        assertThat(status.get("created").asText()).isNotBlank();
        assertThat(status.get("modified").asText()).isNotBlank();

        assertThat(sandbox.connections()).containsOnlyKeys("100", "200");
        ObjectNode updated = sandbox.connections().get("100");
        assertThat(updated.get("customer_alias").asText()).isEqualTo("new alias");
        assertThat(updated.has("sales_rep_code")).as("an update replaces all aspects of the connection").isFalse();
        assertThat(client.get("/connection/customer_code/200/").json()
                .at("/connections/connections/connection/0/customer_contact_email").asText()).isEqualTo("buyer@example.com");
        assertThat(sandbox.bulkPosts()).isEqualTo(1);
        assertThat(sandbox.receivedConnections()).extracting(c -> c.get("customer_code").asText())
                .containsExactly("100", "200");

        Answer single = client.post("/bulk-connection", "{\"bulk_connections\":{\"connection\":"
                + connection("300") + "}}");
        assertThat(single.status()).isEqualTo(200);
        assertThat(single.json().at("/bulk_connections/bulk_connections_job_id").asInt()).isNotEqualTo(jobId.asInt());
        assertThat(sandbox.connections()).containsKey("300");
        assertThat(client.get("/bulk-connection/999999").status()).isEqualTo(404);
    }

    @Test
    void rejectedCodeRefusesTheWholePost() {
        sandbox.rejectCode("666");

        Answer post = client.postConnections(connection("1"), connection("666"), connection("2"));

        assertThat(post.status()).isEqualTo(400);
        assertThat(post.json().at("/bulk_connections/response/code").asInt()).isNotZero();
        assertThat(post.json().at("/bulk_connections/response/comment").asText())
                .startsWith("Invalid connection data for customer_code 666: ");
        assertThat(sandbox.connections()).isEmpty();
        assertThat(sandbox.receivedConnections()).isEmpty();
        assertThat(sandbox.bulkPosts()).isZero();

        assertThat(client.postConnections(connection("1"), connection("2")).status()).isEqualTo(200);
        assertThat(sandbox.connections()).containsOnlyKeys("1", "2");
    }

    @Test
    void invalidConnectionsAndMalformedJsonAreRefused() {
        String longCode = "9".repeat(51);
        List<Answer> refused = new ArrayList<>();
        refused.add(client.postConnections(connection("1"), connection(longCode)));
        refused.add(client.postConnections(connection("1"), connection("2").put("customer_contact_email", "x".repeat(51))));
        refused.add(client.postConnections(connection("3").put("customer_buyer_name", "b".repeat(51))));
        refused.add(client.postConnections(connection("4").put("customer_alias", "a".repeat(151))));
        refused.add(client.postConnections(JoorSandboxTestClient.MAPPER.createObjectNode().put("customer_name", "no code")));
        refused.add(client.postConnections(connection("")));
        refused.add(client.post("/bulk-connection", "{\"bulk_connections\":{\"connection\":[{\"customer_code\":5}]}}"));
        refused.add(client.post("/bulk-connection", "{\"bulk_connections\":{\"connection\":[]}}"));
        refused.add(client.post("/bulk-connection", "{\"bulk_connections\": {\"connection\": [ {"));
        refused.add(client.post("/bulk-connection", "{\"connections\":[]}"));

        assertThat(refused).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json().at("/bulk_connections/response/code").asInt()).isNotZero();
            assertThat(answer.json().at("/bulk_connections/response/comment").asText()).isNotBlank();
        });
        assertThat(refused.get(0).json().at("/bulk_connections/response/comment").asText())
                .startsWith("Invalid connection data for customer_code " + longCode + ": ");
        assertThat(refused.get(1).json().at("/bulk_connections/response/comment").asText())
                .startsWith("Invalid connection data for customer_code 2: customer_contact_email");
        assertThat(sandbox.connections()).isEmpty();
        assertThat(sandbox.bulkPosts()).isZero();

        assertThat(client.postConnections(connection("9".repeat(50)).put("customer_alias", "a".repeat(150))).status())
                .isEqualTo(200);
    }

    @Test
    void failNextAnswersTheInjectedStatusAndStillCostsCredits() {
        sandbox.failNext(2, 503);

        Answer first = client.get("/connection/");
        Answer second = client.postConnections(connection("1"));
        Answer third = client.get("/connection/");

        assertThat(first.status()).isEqualTo(503);
        assertThat(first.json().at("/connections/response/code").asInt()).isNotZero();
        assertThat(second.status()).isEqualTo(503);
        assertThat(second.json().at("/bulk_connections/response/code").asInt()).isNotZero();
        assertThat(third.status()).isEqualTo(200);
        assertThat(sandbox.creditsUsed()).isEqualTo(1 + 5 + 1);
        assertThat(sandbox.connections()).isEmpty();

        sandbox.failNextPosts(1, 500);
        assertThat(client.get("/connection/").status()).isEqualTo(200);
        assertThat(client.postConnections(connection("1")).status()).isEqualTo(500);
        assertThat(client.postConnections(connection("1")).status()).isEqualTo(200);
        assertThat(sandbox.bulkPosts()).isEqualTo(1);
        assertThat(sandbox.receivedConnections()).hasSize(1);
        assertThat(sandbox.requestLog()).containsExactly(
                "GET /v2/connection/ 503", "POST /v2/bulk-connection 503", "GET /v2/connection/ 200",
                "GET /v2/connection/ 200", "POST /v2/bulk-connection 500", "POST /v2/bulk-connection 200");
    }

    @Test
    void codesBeyondDoublePrecisionRoundTripExactly() {
        String justAbove = "9007199254740993"; // 2^53 + 1: a double would read 9007199254740992
        String huge = "123456789012345678901234567890";

        Answer post = client.postConnections(connection(justAbove), connection(huge));
        assertThat(post.status()).isEqualTo(200);

        assertThat(sandbox.connections()).containsOnlyKeys(justAbove, huge);
        Answer one = client.get("/connection/customer_code/" + justAbove + "/");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.raw()).contains("\"customer_code\":\"" + justAbove + "\"");
        assertThat(client.get("/connection/customer_code/9007199254740992/").status()).isEqualTo(404);
        Answer list = client.get("/connection/?start_from=0&count=10");
        assertThat(list.raw()).contains("\"customer_code\":\"" + huge + "\"", "\"customer_code\":\"" + justAbove + "\"");
        assertThat(codes(list.json())).containsExactlyInAnyOrder(justAbove, huge);

        ObjectNode numeric = JoorSandboxTestClient.MAPPER.createObjectNode();
        numeric.put("customer_code", new java.math.BigInteger("18446744073709551617"));
        sandbox.putConnection(numeric);
        assertThat(client.get("/connection/customer_code/18446744073709551617/").raw())
                .contains("\"customer_code\":\"18446744073709551617\"");
    }

    @Test
    void statsCanBeReset() {
        client.get("/connection/");
        client.postConnections(connection("1"));
        assertThat(sandbox.requestCount()).isEqualTo(2);

        sandbox.resetStats();

        assertThat(sandbox.requestCount()).isZero();
        assertThat(sandbox.creditsUsed()).isZero();
        assertThat(sandbox.bulkPosts()).isZero();
        assertThat(sandbox.receivedConnections()).isEmpty();
        assertThat(sandbox.requestLog()).isEmpty();
        assertThat(sandbox.connections()).containsOnlyKeys("1");
    }

    private static String bulkBody(String code) {
        return "{\"bulk_connections\":{\"connection\":[" + connection(code) + "]}}";
    }

    private static List<String> codes(JsonNode listAnswer) {
        return StreamSupport.stream(listAnswer.at("/connections/connections/connection").spliterator(), false)
                .map(c -> {
                    assertThat(c.get("customer_code").isTextual()).isTrue();
                    return c.get("customer_code").asText();
                })
                .toList();
    }
}
