package com.shopifyjoorsync.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shopify's leaky bucket of query cost points: starts full, restores {@code restoreRate} points per
 * second (continuously, from elapsed nanoseconds) up to {@code maximumAvailable}. A query needs its
 * requested cost available, takes it, and gets back requested − actual once it has run, as Shopify's
 * "GraphQL Admin API rate limits" page (shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits)
 * describes; the {@code throttleStatus} of the answer is read after that refund.
 */
final class ShopifySandboxBucket {

    private double maximum;
    private double restoreRate;
    private double available;
    private long lastNanos;

    ShopifySandboxBucket(int maximumAvailable, int restoreRatePerSecond) {
        configure(maximumAvailable, restoreRatePerSecond);
    }

    /** New limits; the bucket is full again. */
    synchronized void configure(int maximumAvailable, int restoreRatePerSecond) {
        if (maximumAvailable <= 0 || restoreRatePerSecond < 0) {
            throw new IllegalArgumentException("bucket needs maximumAvailable > 0 and restoreRate >= 0");
        }
        this.maximum = maximumAvailable;
        this.restoreRate = restoreRatePerSecond;
        this.available = maximumAvailable;
        this.lastNanos = System.nanoTime();
    }

    private void restore() {
        long now = System.nanoTime();
        available = Math.min(maximum, available + (now - lastNanos) / 1e9 * restoreRate);
        lastNanos = now;
    }

    /** Takes {@code points} if that many are available. */
    synchronized boolean tryTake(int points) {
        restore();
        if (available < points) {
            return false;
        }
        available -= points;
        return true;
    }

    synchronized void refund(int points) {
        restore();
        available = Math.min(maximum, available + Math.max(0, points));
    }

    /**
     * {@code {maximumAvailable, currentlyAvailable, restoreRate}}, numbered as Shopify numbers them:
     * {@code 2000.0}, {@code 1990}, {@code 100.0} (maximum and rate are floats, available an integer).
     */
    synchronized Map<String, Object> status(boolean full) {
        restore();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("maximumAvailable", maximum);
        m.put("currentlyAvailable", full ? (int) maximum : (int) Math.floor(available));
        m.put("restoreRate", restoreRate);
        return m;
    }
}
