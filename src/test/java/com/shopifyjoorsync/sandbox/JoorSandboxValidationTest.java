package com.shopifyjoorsync.sandbox;

import static com.shopifyjoorsync.sandbox.JoorSandboxTestClient.connection;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopifyjoorsync.sandbox.JoorSandboxTestClient.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox holds a bulk POST to JOOR's published rules: lengths, address nesting, Accept. */
class JoorSandboxValidationTest {

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

    private static ObjectNode withBillingCity(ObjectNode connection, String city) {
        connection.putObject("billing").putObject("billing_addresses").putArray("billing_address").addObject()
                .put("city", city);
        return connection;
    }

    @Test
    void addressesNestedAsPublishedAreAcceptedAndServedBack() {
        Answer answer = client.postConnections(withBillingCity(connection("1001"), "Ottawa"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(sandbox.connections().get("1001").at("/billing/billing_addresses/billing_address/0/city")
                .asText()).isEqualTo("Ottawa");
    }

    @Test
    void addressesAtTheTopLevelAreRefusedNamingThePublishedNesting() {
        ObjectNode flat = connection("1002");
        flat.putObject("shipping_addresses").putArray("shipping_address").addObject().put("city", "Ottawa");

        Answer answer = client.postConnections(connection("1003"), flat);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().at("/bulk_connections/response/comment").asText())
                .contains("customer_code 1002", "shipping_addresses is not a field of a connection",
                        "shipping.shipping_addresses.shipping_address[]");
        assertThat(sandbox.receivedConnections()).isEmpty();
    }

    @Test
    void theNameAndSalesRepLimitsArePublishedToo() {
        Answer name = client.postConnections(connection("1004").put("customer_name", "N".repeat(101)));
        Answer rep = client.postConnections(connection("1005").put("sales_rep_code", "R".repeat(101)));
        Answer fits = client.postConnections(connection("1006").put("customer_name", "N".repeat(100))
                .put("sales_rep_code", "R".repeat(100)));

        assertThat(name.json().at("/bulk_connections/response/comment").asText())
                .contains("customer_name is longer than 100 characters (101)");
        assertThat(rep.json().at("/bulk_connections/response/comment").asText())
                .contains("sales_rep_code is longer than 100 characters (101)");
        assertThat(fits.status()).isEqualTo(200);
    }

    @Test
    void requestsThatDoNotAskForJsonAreRecorded() {
        client.get("/connection/");
        client.send(client.request("/connection/").header("Authorization", client.authorization())
                .header("Content-Type", "application/json").GET().build());
        client.send(client.request("/connection/?count=5").header("Authorization", client.authorization())
                .header("Content-Type", "application/json").header("Accept", "application/xml").GET().build());

        assertThat(sandbox.requestLog()).hasSize(3);
        assertThat(sandbox.requestsWithoutJsonAccept())
                .containsExactly("GET /v2/connection/ 200", "GET /v2/connection/?count=5 200");
    }
}
