package com.shopifyjoorsync.sandbox;

import static com.shopifyjoorsync.sandbox.JoorSandboxTestClient.connection;
import static org.assertj.core.api.Assertions.assertThat;

import com.shopifyjoorsync.sandbox.JoorSandboxTestClient.Answer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JoorSandboxCreditsTest {

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
    void countsOneCreditPerGetAndFivePerPost() {
        client.get("/connection/");
        client.get("/connection/customer_code/404/");
        client.postConnections(connection("1"));

        assertThat(sandbox.creditsUsed()).isEqualTo(1 + 1 + 5);
        assertThat(sandbox.requestCount()).isEqualTo(3);
    }

    @Test
    void throttlesOverTheWindowAndRecoversWhenItEnds() throws InterruptedException {
        sandbox.setCredits(20, Duration.ofSeconds(2));

        for (int i = 1; i <= 4; i++) {
            assertThat(client.postConnections(connection(Integer.toString(i))).status()).isEqualTo(200);
        }
        Answer fifth = client.postConnections(connection("5"));
        Answer aGet = client.get("/connection/");

        assertThat(fifth.status()).isEqualTo(429);
        long retryAfter = Long.parseLong(fifth.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 2L);
        assertThat(fifth.json().at("/bulk_connections/response/code").asInt()).isNotZero();
        assertThat(aGet.status()).isEqualTo(429);
        assertThat(sandbox.creditsUsed()).as("a 429 costs nothing").isEqualTo(20);
        assertThat(sandbox.http429Count()).isEqualTo(2);
        assertThat(sandbox.bulkPosts()).isEqualTo(4);
        assertThat(sandbox.connections()).doesNotContainKey("5");

        Thread.sleep(retryAfter * 1000 + 50);

        assertThat(client.postConnections(connection("5")).status()).isEqualTo(200);
        assertThat(client.get("/connection/").status()).isEqualTo(200);
        assertThat(sandbox.creditsUsed()).isEqualTo(26);
        assertThat(sandbox.connections()).containsKey("5");
    }

    @Test
    void anotherIntegrationSpendsFromTheSameAccountWindow() {
        sandbox.setCredits(20, Duration.ofSeconds(60));
        sandbox.spendCreditsElsewhere(16);

        Answer get = client.get("/connection/");
        Answer post = client.postConnections(connection("1"));

        assertThat(get.status()).as("16 + 1 fit in 20").isEqualTo(200);
        assertThat(post.status()).as("17 + 5 do not").isEqualTo(429);
        assertThat(Long.parseLong(post.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(sandbox.creditsUsed()).as("only this client's credits are counted").isEqualTo(1);
    }

    @Test
    void failedRequestsCostCreditsToo() {
        sandbox.setCredits(10, Duration.ofSeconds(60));
        sandbox.rejectCode("bad");

        assertThat(client.postConnections(connection("bad")).status()).isEqualTo(400);
        assertThat(client.post("/bulk-connection", "not json").status()).isEqualTo(400);
        Answer third = client.get("/connection/");

        assertThat(third.status()).isEqualTo(429);
        assertThat(Long.parseLong(third.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(sandbox.creditsUsed()).isEqualTo(10);
    }

    @Test
    void unlimitedStillCountsCredits() {
        sandbox.setCredits(5, Duration.ofSeconds(300));
        sandbox.setUnlimited(true);

        for (int i = 0; i < 3; i++) {
            assertThat(client.postConnections(connection("c" + i)).status()).isEqualTo(200);
        }
        assertThat(sandbox.creditsUsed()).isEqualTo(15);
        assertThat(sandbox.http429Count()).isZero();

        sandbox.setUnlimited(false);
        sandbox.setCredits(5, Duration.ofSeconds(300));
        assertThat(client.postConnections(connection("d")).status()).isEqualTo(200);
        assertThat(client.get("/connection/").status()).isEqualTo(429);
    }
}
