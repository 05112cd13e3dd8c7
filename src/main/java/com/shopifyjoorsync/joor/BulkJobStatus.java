package com.shopifyjoorsync.joor;

/**
 * The state of a JOOR bulk-connection job ({@code GET /bulk-connection/{id}}). JOOR processes a
 * job's records in order; a finished job whose progress is below its record count failed on the
 * rest, which must be surfaced, not taken for success.
 *
 * @param status   {@code queued}, {@code started} or {@code finished}, as JOOR sent it
 * @param created  JOOR's text, unparsed (its format is not published)
 * @param modified JOOR's text, unparsed
 */
public record BulkJobStatus(long jobId, String status, int recordCount, int recordProgress, String created,
        String modified) {

    public static final String FINISHED = "finished";

    public boolean finished() {
        return FINISHED.equalsIgnoreCase(status);
    }

    /** Records a finished job did not process (count - progress); 0 while it runs. */
    public int failedRecords() {
        return finished() ? Math.max(0, recordCount - recordProgress) : 0;
    }
}
