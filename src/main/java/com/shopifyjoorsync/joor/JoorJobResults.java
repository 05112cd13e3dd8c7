package com.shopifyjoorsync.joor;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopifyjoorsync.deadletter.DeliveryAttempts;
import com.shopifyjoorsync.mapping.CustomerExport;
import com.shopifyjoorsync.state.AwaitingJob;
import com.shopifyjoorsync.state.Delivery;
import com.shopifyjoorsync.state.StateStore;
import com.shopifyjoorsync.state.UnconfirmedCustomer;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What JOOR's bulk-connection jobs mean for the customers they carry. A customer is delivered to
 * JOOR only when the job that carried it is read back finished with every record processed. A job
 * that finished short of that, or failed, confirms none of its customers: they go again in the next
 * cycle, the job's customers in two halves, each half its own job, until the connection JOOR does
 * not process is alone in a job, and is dead-lettered with that job's id and JOOR's words. A job
 * still unfinished waits, up to {@code joor.job-max-age}. The state store holds all of it between
 * cycles (table {@code sjs_joor_unconfirmed}).
 */
public final class JoorJobResults {
    private static final Logger LOG = LoggerFactory.getLogger("shopify-joor-sync.joor");

    /** Finished with every record processed: its customers are delivered. */
    public static final String DELIVERED = "delivered";
    /** Finished short, or failed: its customers go again next cycle, in two halves. */
    public static final String RESEND = "resend";
    /** Its customers are dead-lettered: alone in the job, sent too often, or the job too old. */
    public static final String DEAD_LETTER = "dead-letter";
    /** Still queued or started: its customers keep awaiting confirmation. */
    public static final String AWAITING = "awaiting";
    /** Not held any more (decided by an earlier read): nothing to do. */
    public static final String DECIDED = "decided";

    private final StateStore store;
    private final ObjectMapper json;
    private final int maxResends;
    private final Duration maxAge;
    private final Clock clock;

    public JoorJobResults(StateStore store, ObjectMapper json, int maxResends, Duration maxAge, Clock clock) {
        this.store = store;
        this.json = json;
        this.maxResends = maxResends;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** JOOR accepted the batch as this job: its customers await the job's result. */
    public void posted(@Body long jobId, @ExchangeProperty("batch") List<CustomerExport> batch,
            @ExchangeProperty("cycleId") String cycleId) {
        List<UnconfirmedCustomer> sent = new ArrayList<>(batch.size());
        for (CustomerExport e : batch) {
            sent.add(new UnconfirmedCustomer(e.code(), e.contentHash(), write(e.connection()),
                    e.customer() == null ? null : write(e.customer()), e.replayFile(), 1));
        }
        store.jobPosted(jobId, cycleId, sent);
    }

    /** Jobs of earlier cycles (or of a crashed one) nobody has read back finished yet. */
    public List<Long> awaitingJobs() {
        return store.awaitingJobs();
    }

    /** JOOR answered about the job without reporting it (unknown to it, an error code): it confirms nothing. */
    public BulkJobStatus unreadable(@ExchangeProperty(JoorResponses.JOB_ID_PROPERTY) long jobId,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable error) {
        LOG.warn("JOOR cannot report on bulk-connection job {}: {}", jobId, error.getMessage());
        return BulkJobStatus.unreadable(jobId, error.getMessage());
    }

    /**
     * What the job's state means for its customers: {@link #DELIVERED}, {@link #RESEND},
     * {@link #DEAD_LETTER} (the reason in property {@code deadLetterReason}), {@link #AWAITING} or
     * {@link #DECIDED}.
     */
    public String outcome(@Body BulkJobStatus status, Exchange exchange) {
        AwaitingJob job = store.awaitingJob(status.jobId());
        if (job == null) {
            return DECIDED;
        }
        String words = status.describe(job.recordCount());
        if (status.running()) {
            if (Duration.between(job.postedAt(), clock.instant()).compareTo(maxAge) <= 0) {
                return AWAITING;
            }
            return deadLetter(exchange, job, words + ", still unfinished "
                    + maxAge.toString().substring(2).toLowerCase(java.util.Locale.ROOT) + " after it was posted"
                    + " (joor.job-max-age): its customers are not confirmed; check them in JOOR, then replay");
        }
        if (status.confirms(job.recordCount())) {
            return DELIVERED;
        }
        if (job.recordCount() == 1) {
            return deadLetter(exchange, job, words + ": the connection was alone in its job, so it is the one"
                    + " JOOR did not process");
        }
        if (job.sends() - 1 >= maxResends) {
            return deadLetter(exchange, job, words + ": sent " + job.sends() + " times without JOOR confirming it"
                    + " (joor.job-max-resends=" + maxResends + ")");
        }
        exchange.setProperty("jobWords", words);
        return RESEND;
    }

    private static String deadLetter(Exchange exchange, AwaitingJob job, String reason) {
        exchange.setProperty("deadLetterReason", reason);
        exchange.setProperty(DeliveryAttempts.PROPERTY, Math.max(1, job.sends()));
        return DEAD_LETTER;
    }

    /**
     * The customers held for the job: as they were sent when they are to be dead-lettered; only who
     * they are (code, content hash, replay file) when the job delivered them, which is all that
     * delivering them needs.
     */
    public List<? extends Delivery> customers(@Body BulkJobStatus status,
            @ExchangeProperty("jobOutcome") String outcome) {
        if (DELIVERED.equals(outcome)) {
            return store.jobDeliveries(status.jobId());
        }
        return store.jobCustomers(status.jobId()).stream().map(this::export).toList();
    }

    /** JOOR confirmed the job: its customers are delivered with the content it carried. */
    public void delivered(@Body BulkJobStatus status, @ExchangeProperty("cycleId") String cycleId) {
        store.jobConfirmed(status.jobId(), cycleId);
    }

    /** The job did not confirm its customers: the next cycle sends them again, in two halves. */
    public void resend(@Body BulkJobStatus status) {
        store.jobToResend(status.jobId());
    }

    /** The job's customers were dead-lettered: the job is done with. */
    public void forget(@Body BulkJobStatus status) {
        store.jobForgotten(status.jobId());
    }

    /** The failed jobs whose customers go again now. */
    public List<Long> jobsToResend() {
        return store.jobsToResend();
    }

    /**
     * The customers of a failed job as two batches (one when only one is left): a half that fails
     * again is halved again the cycle after, until the connection JOOR does not process is alone.
     */
    public List<List<CustomerExport>> halves(@Body long failedJobId) {
        List<CustomerExport> customers = store.jobCustomers(failedJobId).stream().map(this::export).toList();
        if (customers.size() < 2) {
            return customers.isEmpty() ? List.of() : List.of(customers);
        }
        int mid = (customers.size() + 1) / 2;
        return List.of(customers.subList(0, mid), customers.subList(mid, customers.size()));
    }

    private CustomerExport export(UnconfirmedCustomer u) {
        try {
            JsonNode customer = u.customerJson() == null ? null : json.readTree(u.customerJson());
            return new CustomerExport(u.code(), customer, (ObjectNode) json.readTree(u.connectionJson()),
                    u.contentHash(), u.replayFile());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the state store holds unreadable JSON for customer " + u.code(), e);
        }
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }
}
