package com.shopifyjoorsync.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * The heap a run needs: its live set, sampled by a full collection every so often while the cycle
 * runs (and once at its end). The heap in use after an ordinary (young) collection is not it: it
 * still holds the old generation's garbage until G1 gets round to it, so it followed G1's timing
 * (161 MB in one run, 73 to 80 MB in three others, same store). Sampling costs the run its time, so
 * timed runs sample only at the end and a run of its own samples every 200 ms
 * ({@code bench.live-sample-ms}).
 */
final class HeapWatch implements NotificationListener, AutoCloseable {
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private volatile long livePeak;
    private volatile int collections;
    private Thread liveSampler;

    HeapWatch() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(this, null, null);
                emitters.add(emitter);
            }
        }
    }

    /** Live heap now: collects first (twice, so finalised objects go too). */
    static long liveHeapNow() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    void reset() {
        livePeak = 0;
        collections = 0;
    }

    /** Samples the live heap every {@code periodMillis} (0: only when sampling stops). */
    void startLiveSampling(long periodMillis) {
        long period = periodMillis;
        if (period <= 0) {
            liveSampler = null;
            return;
        }
        liveSampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(period);
                } catch (InterruptedException e) {
                    return;
                }
                livePeak = Math.max(livePeak, liveHeapNow());
            }
        }, "bench-live-heap");
        liveSampler.setDaemon(true);
        liveSampler.start();
    }

    /** Stops sampling; the largest live heap seen, this last moment included. */
    long stopLiveSampling() throws InterruptedException {
        if (liveSampler != null) {
            liveSampler.interrupt();
            liveSampler.join();
        }
        livePeak = Math.max(livePeak, liveHeapNow());
        return livePeak;
    }

    int collections() {
        return collections;
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        collections++;
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(this);
            } catch (ListenerNotFoundException ignored) {
                // already gone
            }
        }
    }
}
