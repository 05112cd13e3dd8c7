package com.shopifyjoorsync.state;

import java.time.Instant;

/**
 * A bulk-connection job JOOR accepted and nobody has read back finished yet: how many records it
 * carried, when it was posted, and the most POSTs any of its customers has had for its content.
 */
public record AwaitingJob(long jobId, int recordCount, Instant postedAt, int sends) {
}
