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
 * The heap a run needs: its live set, sampled by a full collection every {@code bench.live-sample-ms}
 * (default 2000) while the cycle runs. The heap in use after an ordinary (young) collection is not
 * it: it still holds the old generation's garbage until G1 gets round to it, so it followed G1's
 * timing (161 MB in one run, 73 to 80 MB in three others, same store). The GC notifications still
 * count the collections.
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

    /** Samples the live heap (a full collection, then the heap in use) until {@link #stopLiveSampling}. */
    void startLiveSampling() {
        long period = Long.getLong("bench.live-sample-ms", 2000);
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
        liveSampler.interrupt();
        liveSampler.join();
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
