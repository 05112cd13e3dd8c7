package com.shopifyjoorsync.joor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class JoorResponsesTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final JoorRequests requests = new JoorRequests(mapper);
    private final JoorResponses responses = new JoorResponses(mapper);

    /** An exchange that sent a bulk POST of these codes and got this answer. */
    private Exchange bulkAnswer(int status, String body, String... codes) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        List<ObjectNode> batch = Arrays.stream(codes)
                .map(c -> mapper.createObjectNode().put("customer_code", c)).toList();
        exchange.getMessage().setBody(batch);
        requests.bulkConnection(exchange);
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST"); // as routes/joor.camel.yaml sends it
        exchange.getMessage().setHeader(Exchange.HTTP_PATH, "/bulk-connection");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setBody(body);
        return exchange;
    }

    private Exchange jobAnswer(long id, int status, String body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(JoorResponses.JOB_ID_PROPERTY, id); // as routes/joor.camel.yaml sends it
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "GET");
        exchange.getMessage().setHeader(Exchange.HTTP_PATH, "/bulk-connection/" + id);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setBody(body);
        return exchange;
    }

    @Test
    void anAcceptedBatchGivesItsJobId() {
        assertThat(responses.readBulkJob(bulkAnswer(200,
                "{\"bulk_connections\":{\"response\":{\"code\":0},\"bulk_connections_job_id\":123}}", "1", "2")))
                .isEqualTo(123L);
        assertThat(responses.readBulkJob(bulkAnswer(201,
                "{\"bulk_connections\":{\"response\":{\"code\":\"0\"},\"bulk_connections_job_id\":\"124\"}}", "1")))
                .isEqualTo(124L);
    }

    @Test
    void aTakenBatchWhoseAnswerCannotBeReadIsUnconfirmedNeverRetryable() {
        assertThatThrownBy(() -> responses.readBulkJob(bulkAnswer(200,
                "{\"bulk_connections\":{\"response\":{\"code\":0}}}", "1")))
                .isInstanceOfSatisfying(JoorUnconfirmedException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("bulk_connections_job_id").hasMessageContaining("HTTP 200");
        assertThatThrownBy(() -> responses.readBulkJob(bulkAnswer(200, "<html>OK</html>", "1")))
                .isInstanceOf(JoorUnconfirmedException.class).hasMessageContaining("not JSON")
                .hasMessageContaining("<html>OK</html>");
        assertThatThrownBy(() -> responses.readBulkJob(bulkAnswer(202, "", "1")))
                .isInstanceOf(JoorUnconfirmedException.class).hasMessageContaining("(empty body)");
    }

    @Test
    void aRejectionNamesTheOffendingCodeOfTheBatch() {
        Exchange exchange = bulkAnswer(200, "{\"bulk_connections\":{\"response\":{\"code\":3,"
                + "\"comment\":\"Invalid customer_contact_email for customer code 2222 (row 3)\"}}}", "22", "222", "2222", "3");

        assertThatThrownBy(() -> responses.readBulkJob(exchange)).isInstanceOfSatisfying(JoorRejectedException.class, e -> {
            assertThat(e.rejectedCode()).isEqualTo("2222");
            assertThat(e.comment()).isEqualTo("Invalid customer_contact_email for customer code 2222 (row 3)");
            assertThat(e.apiCode()).isEqualTo("3");
            assertThat(e.batchSize()).isEqualTo(4);
            assertThat(e.retryable()).isFalse();
            assertThat(e).hasMessageContaining("batch of 4").hasMessageContaining("offending customer_code 2222");
        });
    }

    @Test
    void anHttp4xxRejectionWithoutANamedCode() {
        Exchange exchange = bulkAnswer(400, "{\"bulk_connections\":{\"response\":{\"code\":1,\"comment\":\"Malformed\"}}}",
                "1", "2");

        assertThatThrownBy(() -> responses.readBulkJob(exchange)).isInstanceOfSatisfying(JoorRejectedException.class, e -> {
            assertThat(e.rejectedCode()).isNull();
            assertThat(e.httpStatus()).isEqualTo(400);
            assertThat(e).hasMessageContaining("Malformed").hasMessageContaining("HTTP 400");
        });
    }

    @Test
    void aRejectedSingleConnectionIsTheOffender() {
        Exchange exchange = bulkAnswer(422, "{\"error\":\"unprocessable\"}", "77");

        assertThatThrownBy(() -> responses.readBulkJob(exchange))
                .isInstanceOfSatisfying(JoorRejectedException.class, e -> assertThat(e.rejectedCode()).isEqualTo("77"));
    }

    @Test
    void withoutTheBatchTheCodeIsTakenAfterCustomerCodeInTheComment() {
        assertThat(JoorResponses.namedCode("Duplicate customer_code: 'AB-12' in request", null)).isEqualTo("AB-12");
        assertThat(JoorResponses.namedCode("customer_code is required", null)).isNull();
    }

    @Test
    void aRefusedTokenIsFatalAndNamesTheSetting() {
        for (int status : new int[] {401, 403}) {
            assertThatThrownBy(() -> responses.readBulkJob(bulkAnswer(status, "Unauthorized", "1")))
                    .isInstanceOfSatisfying(JoorAuthException.class, e -> {
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.httpStatus()).isEqualTo(status);
                        assertThat(e).hasMessageContaining("joor.api-token").hasMessageContaining("HTTP " + status);
                    });
        }
    }

    @Test
    void joorDownIsRetryable() {
        assertThatThrownBy(() -> responses.readBulkJob(bulkAnswer(503, "<html>Service Unavailable</html>", "1")))
                .isInstanceOfSatisfying(JoorUnavailableException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e).hasMessageContaining("HTTP 503").hasMessageContaining("Service Unavailable");
                });
    }

    @Test
    void aFinishedJobWithFailedRecords() {
        BulkJobStatus status = responses.readJobStatus(jobAnswer(123, 200, "{\"bulk_connections\":{\"response\":{\"code\":0},"
                + "\"bulk_connections_jobs\":[{\"bulk_connections_job_id\":123,\"status\":\"finished\","
                + "\"created\":\"2026-06-01 10:00:00\",\"modified\":\"2026-06-01 10:02:00\","
                + "\"connection_record_count\":50,\"connection_record_progress\":47}]}}"));

        assertThat(status).isEqualTo(new BulkJobStatus(123, "finished", 50, 47, "2026-06-01 10:00:00", "2026-06-01 10:02:00"));
        assertThat(status.finished()).isTrue();
        assertThat(status.failedRecords()).isEqualTo(3);
    }

    @Test
    void aRunningJobHasNoFailuresYet() {
        BulkJobStatus status = responses.readJobStatus(jobAnswer(9, 200, "{\"bulk_connections\":{\"response\":{\"code\":0},"
                + "\"bulk_connections_jobs\":[{\"bulk_connections_job_id\":\"9\",\"status\":\"started\","
                + "\"connection_record_count\":\"50\",\"connection_record_progress\":\"10\"}]}}"));

        assertThat(status.finished()).isFalse();
        assertThat(status.failedRecords()).isZero();
        assertThat(status.recordProgress()).isEqualTo(10);
    }

    @Test
    void anUnknownJobIsAnApiError() {
        assertThatThrownBy(() -> responses.readJobStatus(jobAnswer(5, 404, "")))
                .isInstanceOf(JoorApiException.class).hasMessageContaining("/bulk-connection/5");
        assertThatThrownBy(() -> responses.readJobStatus(jobAnswer(5, 200,
                "{\"bulk_connections\":{\"response\":{\"code\":0},\"bulk_connections_jobs\":[]}}")))
                .isInstanceOf(JoorApiException.class).hasMessageContaining("no such job");
    }
}
