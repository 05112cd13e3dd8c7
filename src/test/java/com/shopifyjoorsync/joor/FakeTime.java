package com.shopifyjoorsync.joor;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A shared monotonic clock that sleeping advances; records every sleep. */
final class FakeTime implements JoorCreditPacer.Sleeper {

    private final AtomicLong nanos = new AtomicLong(7_000_000_000_000L);
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    long now() {
        return nanos.get();
    }

    long advance(Duration d) {
        return nanos.addAndGet(d.toNanos());
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        advance(duration);
        Thread.yield();
    }

    JoorCreditPacer pacer(int credits, Duration window) {
        return new JoorCreditPacer(credits, window, this::now, this);
    }
}
