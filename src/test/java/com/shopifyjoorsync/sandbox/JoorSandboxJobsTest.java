package com.shopifyjoorsync.sandbox;

import static com.shopifyjoorsync.sandbox.JoorSandboxTestClient.connection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopifyjoorsync.sandbox.JoorSandboxTestClient.Answer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JoorSandboxJobsTest {

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
    void failingRecordsLeaveProgressBelowCountAndAreNotStored() {
        sandbox.seedKnownCodes(List.of("1"));
        sandbox.failRecordsInJobs("2");

        Answer post = client.postConnections(connection("1").put("customer_alias", "updated"), connection("2"), connection("3"));

        assertThat(post.status()).isEqualTo(200);
        JsonNode job = jobStatus(post);
        assertThat(job.get("status").asText()).isEqualTo("finished");
        assertThat(job.get("connection_record_count").asInt()).isEqualTo(3);
        assertThat(job.get("connection_record_progress").asInt()).isEqualTo(2);
        assertThat(sandbox.connections()).containsOnlyKeys("1", "3");
        assertThat(sandbox.connections().get("1").get("customer_alias").asText()).isEqualTo("updated");
        assertThat(sandbox.receivedConnections()).hasSize(3);
    }

    @Test
    void delayedJobMovesFromQueuedToFinishedAndAppliesItsRecordsThen() {
        sandbox.setJobDelay(Duration.ofMillis(800));

        Answer post = client.postConnections(connection("10"), connection("11"));

        JsonNode queued = jobStatus(post);
        assertThat(queued.get("status").asText()).isIn("queued", "started");
        assertThat(queued.get("connection_record_progress").asInt()).isLessThan(2);
        assertThat(sandbox.connections()).isEmpty();
        assertThat(client.get("/connection/customer_code/10/").status()).isEqualTo(404);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> jobStatus(post).get("status").asText().equals("finished"));

        JsonNode finished = jobStatus(post);
        assertThat(finished.get("connection_record_progress").asInt()).isEqualTo(2);
        assertThat(finished.get("modified").asText()).isGreaterThan(finished.get("created").asText());
        assertThat(sandbox.connections()).containsOnlyKeys("10", "11");
    }

    @Test
    void latencyDelaysEveryAnswer() {
        sandbox.setLatency(Duration.ofMillis(300));
        long start = System.nanoTime();

        assertThat(client.get("/connection/").status()).isEqualTo(200);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    private JsonNode jobStatus(Answer post) {
        int id = post.json().at("/bulk_connections/bulk_connections_job_id").asInt();
        Answer answer = client.get("/bulk-connection/" + id);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().at("/bulk_connections/response/code").asInt()).isZero();
        return answer.json().at("/bulk_connections/bulk_connections_jobs/0");
    }
}
