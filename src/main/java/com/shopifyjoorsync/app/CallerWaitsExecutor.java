package com.shopifyjoorsync.app;

import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.MDC;

/**
 * The executor of the aggregators that complete batches (JOOR bulk connections, template rows): a
 * completed batch is sent on a thread of its own while the caller waits for it to be done. So the
 * cycle still knows when the last batch is sent, and a slow JOOR still slows the reading of Shopify
 * instead of queueing batches in memory; but the rest of the cycle does not run nested inside the
 * batch's send, as it does with Camel's {@code SynchronousExecutorService} (the caller's reactive
 * queue is drained inside the send, so every later page ran one level deeper and each level kept
 * its exchanges, with a page of customers, until the cycle ended). The caller's MDC (the cycle id)
 * goes along.
 */
public final class CallerWaitsExecutor extends AbstractExecutorService {
    private final ExecutorService sender;

    public CallerWaitsExecutor(String threadName) {
        // one thread, gone when idle (an application that stops leaves none behind)
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, threadName);
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        this.sender = pool;
    }

    @Override
    public void execute(Runnable command) {
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        Future<?> done = sender.submit(() -> {
            if (mdc != null) {
                MDC.setContextMap(mdc);
            }
            try {
                command.run();
            } finally {
                MDC.clear();
            }
        });
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    done.get();
                    return;
                } catch (InterruptedException e) {
                    // the batch is on its way: wait for its end, then pass the interrupt on
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void shutdown() {
        sender.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return sender.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return sender.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return sender.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return sender.awaitTermination(timeout, unit);
    }
}
