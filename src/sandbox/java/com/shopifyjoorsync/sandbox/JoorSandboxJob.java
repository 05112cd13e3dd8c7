package com.shopifyjoorsync.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * One bulk-connection job. Its timeline is set when it is created: queued until {@code startAt},
 * started until {@code finishAt}, then finished (a held job's is set when it is released). Jobs are processed in order, so a job never starts
 * before the previous one has finished. Its records are applied to the account when it finishes.
 */
final class JoorSandboxJob {

    final int id;
    final Instant created;
    Instant startAt;
    Instant finishAt;
    /** Records to store when the job finishes (those marked to fail are already left out). */
    final List<ObjectNode> recordsToApply;
    final int recordCount;
    final int failedCount;
    boolean applied;

    JoorSandboxJob(int id, Instant created, Instant startAt, Instant finishAt,
                   List<ObjectNode> recordsToApply, int recordCount, int failedCount) {
        this.id = id;
        this.created = created;
        this.startAt = startAt;
        this.finishAt = finishAt;
        this.recordsToApply = recordsToApply;
        this.recordCount = recordCount;
        this.failedCount = failedCount;
    }

    /** A held job released: it starts and finishes now. */
    void finishAt(Instant now) {
        startAt = now;
        finishAt = now;
    }

    boolean isFinished(Instant now) {
        return !now.isBefore(finishAt);
    }

    /** The job as JOOR reports it in {@code bulk_connections_jobs[]}, at time {@code now}. */
    ObjectNode toJson(Instant now) {
        String status;
        Instant modified;
        int progress;
        int succeeding = recordCount - failedCount;
        if (isFinished(now)) {
            status = "finished";
            modified = finishAt;
            progress = succeeding;
        } else if (!now.isBefore(startAt)) {
            status = "started";
            modified = startAt;
            long total = finishAt.toEpochMilli() - startAt.toEpochMilli();
            long done = now.toEpochMilli() - startAt.toEpochMilli();
            progress = total <= 0 ? 0 : (int) Math.min(succeeding, succeeding * done / total);
        } else {
            status = "queued";
            modified = created;
            progress = 0;
        }
        ObjectNode job = JsonNodeFactory.instance.objectNode();
        job.put("bulk_connections_job_id", id);
        job.put("status", status);
        job.put("created", iso(created));
        job.put("modified", iso(modified));
        job.put("connection_record_count", recordCount);
        job.put("connection_record_progress", progress);
        return job;
    }

    private static String iso(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
