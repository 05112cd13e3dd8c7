package com.shopifyjoorsync.joor;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads JOOR's answers to bulk-connection calls (shapes: the adopted contract in
 * JOOR's v2 reference (api-docs.jooraccess.com)). Failures become {@link JoorException}s the route's error handling can
 * tell apart: {@link JoorAuthException} (fatal), {@link JoorRejectedException} (split the batch),
 * {@link JoorUnavailableException} and {@link JoorRateLimitedException} (retry),
 * {@link JoorUnconfirmedException} (taken, but unreadable: never retried).
 */
public class JoorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(JoorResponses.class);

    private static final String ENVELOPE = "bulk_connections";
    /** Fallback when the batch is unknown: "customer_code: 123", "customer code '123'". */
    private static final Pattern NAMED_CODE = Pattern.compile(
            "(?i)customer[ _]?code\\W{0,4}([A-Za-z0-9][A-Za-z0-9_-]*)");

    /** Exchange property the route sets to the job id it asks JOOR about. */
    public static final String JOB_ID_PROPERTY = "joorJobId";

    private final ObjectReader reader;

    public JoorResponses(ObjectMapper mapper) {
        this.reader = JoorAnswer.reader(mapper);
    }

    /**
     * The job id of an accepted bulk-connection POST.
     *
     * @throws JoorAuthException        HTTP 401/403
     * @throws JoorRejectedException    other 4xx, or {@code response.code} non-zero
     * @throws JoorUnavailableException 5xx/408
     * @throws JoorUnconfirmedException 2xx, but not JSON or without a readable job id: JOOR may have
     *                                  applied it, so it must not be sent again by a retry
     */
    public long readBulkJob(Exchange exchange) {
        List<String> codes = batchCodes(exchange);
        String call = JoorAnswer.request(exchange)
                + (codes == null ? "" : " (" + codes.size() + " connections)");
        JoorAnswer answer = JoorAnswer.read(exchange, reader);
        boolean taken = answer.status() >= 200 && answer.status() < 300;
        if (taken && answer.json() == null) {
            throw unconfirmed(call, answer, "a body that is not JSON");
        }
        answer.failUnlessUsable(call);
        if (answer.status() >= 400 || answer.apiError(ENVELOPE)) {
            throw rejection(answer, codes);
        }
        JsonNode id = answer.json().path(ENVELOPE).get("bulk_connections_job_id");
        Long jobId = longValue(id);
        if (jobId == null) {
            throw unconfirmed(call, answer, "no readable bulk_connections.bulk_connections_job_id");
        }
        LOG.debug("JOOR accepted {} as job {}", call, jobId);
        return jobId;
    }

    /**
     * The state of the job asked by {@code GET /bulk-connection/{id}} (its id in property {@link #JOB_ID_PROPERTY}).
     *
     * @throws JoorAuthException        HTTP 401/403
     * @throws JoorApiException         4xx (404: unknown job), {@code response.code} non-zero, or no job in the answer
     * @throws JoorUnavailableException 5xx/408, or a body that is not JSON
     */
    public BulkJobStatus readJobStatus(Exchange exchange) {
        Long asked = exchange.getProperty(JOB_ID_PROPERTY, Long.class);
        String call = JoorAnswer.request(exchange);
        JoorAnswer answer = JoorAnswer.read(exchange, reader);
        answer.failUnlessUsable(call);
        if (answer.status() == 404) {
            throw new JoorApiException("JOOR does not know the bulk-connection job of " + call + " (HTTP 404)",
                    404, answer.apiCode(ENVELOPE), answer.comment(ENVELOPE));
        }
        if (answer.status() >= 400 || answer.apiError(ENVELOPE)) {
            throw new JoorApiException("JOOR refused " + call + ": HTTP " + answer.status() + ", response.code "
                    + answer.apiCode(ENVELOPE) + ": " + answer.comment(ENVELOPE), answer.status(),
                    answer.apiCode(ENVELOPE), answer.comment(ENVELOPE));
        }
        JsonNode jobs = answer.json().path(ENVELOPE).path("bulk_connections_jobs");
        List<JsonNode> list = new ArrayList<>();
        if (jobs.isArray()) {
            jobs.forEach(list::add);
        } else if (jobs.isObject()) {
            list.add(jobs);
        }
        JsonNode job = null;
        for (JsonNode candidate : list) {
            Long id = longValue(candidate.get("bulk_connections_job_id"));
            if (asked == null || asked.equals(id)) {
                job = candidate;
                break;
            }
        }
        if (job == null && list.size() == 1 && longValue(list.get(0).get("bulk_connections_job_id")) == null) {
            job = list.get(0);
        }
        if (job == null) {
            throw new JoorApiException("JOOR's answer to " + call + " holds no such job: " + answer.snippet(),
                    answer.status(), answer.apiCode(ENVELOPE), answer.comment(ENVELOPE));
        }
        Long id = longValue(job.get("bulk_connections_job_id"));
        BulkJobStatus status = new BulkJobStatus(id != null ? id : asked, text(job.get("status")),
                intValue(job.get("connection_record_count")), intValue(job.get("connection_record_progress")),
                text(job.get("created")), text(job.get("modified")));
        if (status.failedRecords() > 0) {
            LOG.warn("JOOR bulk-connection job {} finished with {} of {} records not processed", status.jobId(),
                    status.failedRecords(), status.recordCount());
        }
        return status;
    }

    private static JoorUnconfirmedException unconfirmed(String call, JoorAnswer answer, String what) {
        return new JoorUnconfirmedException("JOOR took " + call + " (HTTP " + answer.status() + ") but answered with "
                + what + ": " + answer.snippet() + ". JOOR may have applied it and there is no job to read back, so it"
                + " is not sent again: check these connections in JOOR, then replay this dead letter");
    }

    private static JoorRejectedException rejection(JoorAnswer answer, List<String> codes) {
        String comment = answer.comment(ENVELOPE);
        String code = namedCode(comment, codes);
        int size = codes == null ? 0 : codes.size();
        String message = "JOOR rejected the bulk-connection batch" + (size > 0 ? " of " + size + " connection(s)" : "")
                + " (HTTP " + answer.status() + ", response.code " + answer.apiCode(ENVELOPE) + "): "
                + (comment == null ? "no comment" : comment)
                + (code != null ? "; offending customer_code " + code : "; no customer_code of the batch named");
        return new JoorRejectedException(message, answer.status(), answer.apiCode(ENVELOPE), comment, code, size);
    }

    /**
     * The batch's code that the comment names (the earliest, as a whole word); the only code of a
     * one-connection batch; without the batch, a code after "customer_code" in the comment.
     */
    static String namedCode(String comment, List<String> codes) {
        if (codes != null && !codes.isEmpty()) {
            String found = null;
            int at = Integer.MAX_VALUE;
            if (comment != null) {
                for (String code : codes) {
                    Matcher m = Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(code) + "(?![A-Za-z0-9])").matcher(comment);
                    if (m.find() && m.start() < at) {
                        at = m.start();
                        found = code;
                    }
                }
            }
            return found != null ? found : codes.size() == 1 ? codes.get(0) : null;
        }
        if (comment != null) {
            Matcher m = NAMED_CODE.matcher(comment);
            while (m.find()) {
                if (m.group(1).chars().anyMatch(Character::isDigit)) {
                    return m.group(1);
                }
            }
        }
        return null;
    }

    private static List<String> batchCodes(Exchange exchange) {
        List<?> batch = exchange.getProperty(JoorRequests.BULK_BATCH_PROPERTY, List.class);
        if (batch == null) {
            return null;
        }
        List<String> codes = new ArrayList<>(batch.size());
        for (Object connection : batch) {
            if (connection instanceof JsonNode node) {
                String code = KnownCustomerCodes.codeText(node.get("customer_code"));
                if (code != null) {
                    codes.add(code);
                }
            }
        }
        return codes;
    }

    private static Long longValue(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            if (node.isIntegralNumber()) {
                return node.bigIntegerValue().longValueExact();
            }
            if (node.isTextual() && !node.textValue().isBlank()) {
                return new BigInteger(node.textValue().strip()).longValueExact();
            }
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
        return null;
    }

    private static int intValue(JsonNode node) {
        Long value = longValue(node);
        return value == null ? 0 : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
