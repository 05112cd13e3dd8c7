package com.shopifyjoorsync.joor;

import java.util.Locale;

/**
 * The state of a JOOR bulk-connection job ({@code GET /bulk-connection/{id}}, shape in
 * JOOR's v2 reference (api-docs.jooraccess.com)). JOOR publishes three statuses, {@code queued}, {@code started} and
 * {@code finished}, and processes a job's records in order; a finished job whose progress is below
 * its record count failed on the rest, which must be surfaced, not taken for success. Any other
 * status (a {@code failed} JOOR does not publish) is taken for a job that will confirm nothing.
 *
 * @param status   as JOOR sent it; null when the job could not be read ({@code problem} says why)
 * @param created  JOOR's text, unparsed (its format is not published)
 * @param modified JOOR's text, unparsed
 * @param problem  JOOR's words when it could not report on the job (unknown to it, an error); else null
 */
public record BulkJobStatus(long jobId, String status, int recordCount, int recordProgress, String created,
        String modified, String problem) {

    public static final String FINISHED = "finished";

    public BulkJobStatus(long jobId, String status, int recordCount, int recordProgress, String created,
            String modified) {
        this(jobId, status, recordCount, recordProgress, created, modified, null);
    }

    /** A job JOOR answered about without reporting it (HTTP 404, an error code): it confirms nothing. */
    public static BulkJobStatus unreadable(long jobId, String problem) {
        return new BulkJobStatus(jobId, null, 0, 0, null, null, problem);
    }

    public boolean finished() {
        return FINISHED.equalsIgnoreCase(status);
    }

    /** Queued or started: JOOR may still process it. */
    public boolean running() {
        String s = status == null ? "" : status.toLowerCase(Locale.ROOT);
        return s.equals("queued") || s.equals("started");
    }

    /** Records a finished job did not process (count - progress); 0 while it runs. */
    public int failedRecords() {
        return finished() ? Math.max(0, recordCount - recordProgress) : 0;
    }

    /** Finished with every one of the {@code sent} records counted and processed: the only success. */
    public boolean confirms(int sent) {
        return finished() && recordCount == sent && recordProgress == sent;
    }

    /** What JOOR said of the job, for logs and dead letters, against the {@code sent} records. */
    public String describe(int sent) {
        if (status == null) {
            return "JOOR job " + jobId + " could not be read: " + (problem == null ? "its answer has no status" : problem);
        }
        return "JOOR job " + jobId + (finished() ? " finished" : " is " + status) + " with " + recordProgress + " of "
                + sent + " records processed (status " + status + ", connection_record_count " + recordCount
                + ", connection_record_progress " + recordProgress + (modified == null ? "" : ", modified " + modified)
                + ")";
    }
}
