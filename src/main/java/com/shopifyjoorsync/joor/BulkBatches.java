package com.shopifyjoorsync.joor;

import java.util.List;

/**
 * Splitting of a bulk-connection batch that JOOR rejected as a whole: the route resends each half,
 * and halves again the half that is still rejected, until the offending connection is alone (and
 * only it is dead-lettered). About log2(n) extra POSTs per bad connection.
 */
public final class BulkBatches {

    private BulkBatches() {
    }

    /**
     * The two halves of {@code batch}, in order (the first gets the extra element of an odd size).
     *
     * @throws IllegalArgumentException when the batch has fewer than two elements (nothing to split:
     *         a rejected single connection is the offender)
     */
    public static <T> List<List<T>> halves(List<T> batch) {
        if (batch == null || batch.size() < 2) {
            throw new IllegalArgumentException("a batch of " + (batch == null ? 0 : batch.size())
                    + " connection(s) cannot be split; a rejected single connection is the offender");
        }
        int mid = (batch.size() + 1) / 2;
        return List.of(List.copyOf(batch.subList(0, mid)), List.copyOf(batch.subList(mid, batch.size())));
    }
}
