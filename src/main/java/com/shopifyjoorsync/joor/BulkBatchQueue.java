package com.shopifyjoorsync.joor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * The bulk-connection batches still to POST. JOOR refuses a whole batch for one bad connection, and
 * that one must not sink its batch-mates: a refused batch goes back to the front of the queue as
 * the rest (sent together) and the named offender (sent alone, so JOOR confirms it), or as two
 * halves when JOOR's answer names no code. The route iterates the queue while it changes.
 */
public final class BulkBatchQueue<T> implements Iterable<List<T>> {
    private final Deque<List<T>> pending = new ArrayDeque<>();
    private final Function<T, String> codeOf;

    public BulkBatchQueue(List<T> batch, Function<T, String> codeOf) {
        this.codeOf = codeOf;
        pending.add(List.copyOf(batch));
    }

    /** Requeues a refused batch of two or more connections, smaller, ahead of everything else. */
    public synchronized void isolate(List<T> rejected, String rejectedCode) {
        if (rejected.size() < 2) {
            throw new IllegalArgumentException("a single refused connection is the offender: dead-letter it");
        }
        List<T> offender = new ArrayList<>();
        List<T> rest = new ArrayList<>();
        for (T item : rejected) {
            (rejectedCode != null && rejectedCode.equals(codeOf.apply(item)) ? offender : rest).add(item);
        }
        if (offender.isEmpty() || rest.isEmpty()) {
            int mid = (rejected.size() + 1) / 2;
            pending.addFirst(List.copyOf(rejected.subList(mid, rejected.size())));
            pending.addFirst(List.copyOf(rejected.subList(0, mid)));
        } else {
            pending.addFirst(List.copyOf(offender));
            pending.addFirst(List.copyOf(rest));
        }
    }

    /** The next batch to POST. */
    public synchronized List<T> next() {
        if (pending.isEmpty()) {
            throw new NoSuchElementException("no batch left");
        }
        return pending.pollFirst();
    }

    public synchronized int size() {
        return pending.size();
    }

    @Override
    public Iterator<List<T>> iterator() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                synchronized (BulkBatchQueue.this) {
                    return !pending.isEmpty();
                }
            }

            @Override
            public List<T> next() {
                synchronized (BulkBatchQueue.this) {
                    if (pending.isEmpty()) {
                        throw new NoSuchElementException();
                    }
                    return pending.pollFirst();
                }
            }
        };
    }
}
