package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The batch sender: batches sent in order on its thread, at most one on its way, the cycle waits for the last. */
class BatchSenderTest {
    private final BatchSender sender = new BatchSender("test-batch-sender");

    @AfterEach
    void stop() {
        sender.shutdownNow();
    }

    @Test
    void sendsOnItsOwnThreadWhileTheCallerGoesOn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        List<String> threads = new CopyOnWriteArrayList<>();
        sender.execute(() -> {
            threads.add(Thread.currentThread().getName());
            started.countDown();
            await(release);
            finished.set(true);
        });
        // the caller is back while the batch is still on its way (it cannot end before the release)
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(finished).isFalse();
        release.countDown();
        sender.awaitSent();
        assertThat(finished).isTrue();
        assertThat(threads).containsExactly("test-batch-sender");
    }

    @Test
    void theNextBatchWaitsForTheOneOnItsWay() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean firstDone = new AtomicBoolean();
        List<Integer> order = new CopyOnWriteArrayList<>();
        sender.execute(() -> {
            await(release);
            order.add(1);
            firstDone.set(true);
        });
        Thread caller = new Thread(() -> sender.execute(() -> order.add(2)));
        caller.start();
        caller.join(300);
        assertThat(caller.isAlive()).as("second batch handed over while the first is on its way").isTrue();
        release.countDown();
        caller.join(5000);
        sender.awaitSent();
        assertThat(order).containsExactly(1, 2);
    }

    @Test
    void whatEscapesABatchFailsTheWaitForTheLast() {
        sender.execute(() -> {
            throw new IllegalStateException("dead-letter folder not writable");
        });
        assertThatThrownBy(sender::awaitSent).hasMessage("dead-letter folder not writable");
        sender.awaitSent(); // reported once
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
