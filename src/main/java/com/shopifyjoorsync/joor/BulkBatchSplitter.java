package com.shopifyjoorsync.joor;

import java.util.List;
import java.util.function.Function;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/** The route steps around {@link BulkBatchQueue}: open a queue for a batch, isolate a refused one. */
public final class BulkBatchSplitter<T> {
    private final Function<T, String> codeOf;

    public BulkBatchSplitter(Function<T, String> codeOf) {
        this.codeOf = codeOf;
    }

    public BulkBatchQueue<T> open(@Body List<T> batch) {
        return new BulkBatchQueue<>(batch, codeOf);
    }

    public boolean hasPending(@ExchangeProperty("pendingBatches") BulkBatchQueue<T> queue) {
        return queue.size() > 0;
    }

    public int size(@Body List<T> batch) {
        return batch.size();
    }

    /** The next batch to POST, alone in a list (the route sends it in an exchange of its own). */
    public List<List<T>> nextAsList(@ExchangeProperty("pendingBatches") BulkBatchQueue<T> queue) {
        return List.of(queue.next());
    }

    public void isolate(@ExchangeProperty("pendingBatches") BulkBatchQueue<T> queue,
            @ExchangeProperty("batch") List<T> batch, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable error) {
        String code = error instanceof JoorRejectedException rejected ? rejected.rejectedCode() : null;
        queue.isolate(batch, code);
    }
}
