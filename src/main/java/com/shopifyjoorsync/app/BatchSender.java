package com.shopifyjoorsync.app;

import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.Exchange;
import org.apache.camel.processor.aggregate.AggregateProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The executor of the aggregators that complete batches (JOOR bulk connections, template rows): a
 * completed batch is sent on a thread of its own while the cycle goes on reading and routing
 * customers, one batch at a time and in order. At most one batch is on its way: the next one to
 * complete makes the cycle wait for it, so a slow JOOR slows the reading of Shopify instead of
 * queueing batches in memory. {@link #awaitSent} is where the cycle waits for the last batch
 * (before it publishes the template, reads JOOR's jobs and moves its watermark).
 *
 * <p>Not Camel's {@code SynchronousExecutorService}: it runs the send inside the caller, draining the
 * caller's reactive queue there, so every later page ran one level deeper and each level kept its
 * exchanges, with a page of customers, until the cycle ended. The caller's MDC (the cycle id) goes
 * along with each batch.
 */
public final class BatchSender extends ThreadPoolExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(BatchSender.class);

    private final Semaphore onTheirWay = new Semaphore(1);
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final List<String> aggregators;

    /** @param aggregators the ids of the aggregate steps whose batches it sends */
    public BatchSender(String threadName, String... aggregators) {
        // one thread, gone when idle (an application that stops leaves none behind)
        super(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        allowCoreThreadTimeOut(true);
        this.aggregators = List.of(aggregators);
    }

    @Override
    public void execute(Runnable batch) {
        acquireUninterruptibly();
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        try {
            super.execute(() -> {
                if (mdc != null) {
                    MDC.setContextMap(mdc);
                }
                try {
                    batch.run();
                } catch (RuntimeException | Error e) {
                    // the batch routes dead-letter what fails; what escapes them fails the cycle
                    failure.compareAndSet(null, e instanceof RuntimeException r ? r : new IllegalStateException(e));
                } finally {
                    MDC.clear();
                    onTheirWay.release();
                }
            });
        } catch (RuntimeException e) {
            onTheirWay.release();
            throw e;
        }
    }

    /** Waits until every batch handed over so far has been sent; throws what escaped a batch's route. */
    public void awaitSent() {
        acquireUninterruptibly();
        onTheirWay.release();
        RuntimeException failed = failure.getAndSet(null);
        if (failed != null) {
            throw failed;
        }
    }

    /**
     * Before a cycle: what a cycle that failed midway left behind is not this cycle's (it reads those
     * customers again, and would otherwise send them twice). Waits for a batch still on its way,
     * forgets what failed in it, and discards the unfinished batches the aggregators still hold.
     */
    public void discardLeftovers(Exchange exchange) {
        acquireUninterruptibly();
        onTheirWay.release();
        failure.set(null);
        for (String id : aggregators) {
            AggregateProcessor aggregator = exchange.getContext().getProcessor(id, AggregateProcessor.class);
            int discarded = aggregator == null ? 0 : aggregator.forceDiscardingOfAllGroups();
            if (discarded > 0) {
                LOG.info("Discarded the unsent batch a failed cycle left in {}: its customers are read again", id);
            }
        }
    }

    /** A batch on its way is always waited for: an interrupt is passed on once it is done. */
    private void acquireUninterruptibly() {
        boolean interrupted = Thread.interrupted();
        onTheirWay.acquireUninterruptibly();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
