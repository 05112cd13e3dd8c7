package com.shopifyjoorsync.app;

import java.time.Duration;
import java.time.Instant;

/** How cycles ended since the process started: counts, time spent, the last completed one. */
public final class CycleHistory {
    private long completed;
    private long failed;
    private Duration completedTime = Duration.ZERO;
    private Duration failedTime = Duration.ZERO;
    private Instant lastCompletedAt;
    private Duration lastDuration;

    synchronized void ended(Instant startedAt, Instant endedAt, boolean completedOk) {
        Duration took = Duration.between(startedAt, endedAt);
        if (completedOk) {
            completed++;
            completedTime = completedTime.plus(took);
            lastCompletedAt = endedAt;
        } else {
            failed++;
            failedTime = failedTime.plus(took);
        }
        lastDuration = took;
    }

    public synchronized long count(boolean completedOk) {
        return completedOk ? completed : failed;
    }

    public synchronized double seconds(boolean completedOk) {
        return (completedOk ? completedTime : failedTime).toMillis() / 1000.0;
    }

    /** When the last completed cycle ended; null before the first. */
    public synchronized Instant lastCompletedAt() {
        return lastCompletedAt;
    }

    /** How long the last cycle took, completed or failed; null before the first. */
    public synchronized Duration lastDuration() {
        return lastDuration;
    }
}
