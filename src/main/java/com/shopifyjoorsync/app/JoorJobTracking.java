package com.shopifyjoorsync.app;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.shopifyjoorsync.joor.BulkJobStatus;

import org.apache.camel.Body;

/**
 * The JOOR bulk jobs this cycle posted, as far as JOOR has run them; how long the cycle waits for
 * them (joor.job-poll-timeout). What a job means for its customers is sjsJoorJobs' business; when
 * the cycle stops reading them back is routes/joor.camel.yaml's (sjs-joor-jobs).
 */
public final class JoorJobTracking {
    private static final String FINISHED = "finished";

    private final Clock clock;
    private final Duration pollTimeout;
    private volatile Jobs current = new Jobs();

    public JoorJobTracking(Clock clock, Duration pollTimeout) {
        this.clock = clock;
        this.pollTimeout = pollTimeout;
    }

    /** A new cycle: no job posted yet. */
    void reset() {
        current = new Jobs();
    }

    /** A bulk POST was accepted as this job: its customers are delivered once the job confirms them. */
    public void submitted(@Body long jobId) {
        current.states.put(jobId, "submitted");
    }

    /**
     * A job read back: one of this cycle's stops being waited for once JOOR no longer runs it; the
     * records a finished job did not process are counted.
     */
    public void read(@Body BulkJobStatus status) {
        Jobs jobs = current;
        jobs.states.computeIfPresent(status.jobId(), (id, before) -> status.running() ? status.status() : FINISHED);
        jobs.failedRecords.addAndGet(status.failedRecords());
    }

    /** The ids of this cycle's jobs JOOR has not finished, in order. */
    public List<Long> pending() {
        return current.states.entrySet().stream().filter(e -> !e.getValue().equals(FINISHED))
                .map(Map.Entry::getKey).sorted().toList();
    }

    /** Until when the cycle reads its jobs back: now plus joor.job-poll-timeout. */
    public Date pollDeadline() {
        return Date.from(clock.instant().plus(pollTimeout));
    }

    /** Jobs posted in this cycle. */
    long posted() {
        return current.states.size();
    }

    /** Jobs of this cycle not read back finished. */
    long unconfirmed() {
        return current.states.values().stream().filter(s -> !s.equals(FINISHED)).count();
    }

    /** Records JOOR's finished jobs did not process. */
    long failedRecords() {
        return current.failedRecords.get();
    }

    private static final class Jobs {
        final Map<Long, String> states = new ConcurrentHashMap<>();
        final AtomicLong failedRecords = new AtomicLong();
    }
}
