package com.shopifyjoorsync.sandbox;

import java.time.Duration;

/**
 * JOOR's credit budget: a fixed window that starts at the first request after the previous window
 * has elapsed. GET costs 1 credit, POST/PUT/DELETE 5. Not thread-safe: the sandbox calls it under its lock.
 */
final class JoorSandboxCreditWindow {

    static final int DEFAULT_CREDITS = 300;
    static final Duration DEFAULT_WINDOW = Duration.ofSeconds(300);

    private int creditsPerWindow = DEFAULT_CREDITS;
    private long windowNanos = DEFAULT_WINDOW.toNanos();
    private boolean unlimited;

    private boolean windowOpen;
    private long windowStartNanos;
    private int usedInWindow;
    private int spentElsewhere;

    static int costOf(String method) {
        return "GET".equals(method) || "HEAD".equals(method) ? 1 : 5;
    }

    /** Changes the budget and starts afresh: the next request opens a new window. */
    void configure(int creditsPerWindow, Duration window) {
        if (creditsPerWindow < 1) {
            throw new IllegalArgumentException("creditsPerWindow must be at least 1");
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
        this.creditsPerWindow = creditsPerWindow;
        this.windowNanos = window.toNanos();
        this.windowOpen = false;
        this.usedInWindow = 0;
    }

    void setUnlimited(boolean unlimited) {
        this.unlimited = unlimited;
    }

    /**
     * Opens a new window if needed and tells whether {@code cost} still fits in it.
     *
     * @return 0 when the request may proceed, otherwise the whole seconds (at least 1) until the window ends
     */
    long retryAfterSeconds(int cost, long nowNanos) {
        if (!windowOpen || nowNanos - windowStartNanos >= windowNanos) {
            windowOpen = true;
            windowStartNanos = nowNanos;
            usedInWindow = 0;
        }
        usedInWindow += spentElsewhere;
        spentElsewhere = 0;
        if (unlimited || usedInWindow + cost <= creditsPerWindow) {
            return 0;
        }
        long remainingNanos = windowStartNanos + windowNanos - nowNanos;
        long seconds = (remainingNanos + 999_999_999L) / 1_000_000_000L;
        return Math.max(1, seconds);
    }

    /** Whole seconds (at least 1) until the window open at {@code nowNanos} ends (call after {@link #retryAfterSeconds}). */
    long secondsLeft(long nowNanos) {
        long remainingNanos = windowStartNanos + windowNanos - nowNanos;
        return Math.max(1, (remainingNanos + 999_999_999L) / 1_000_000_000L);
    }

    /**
     * Another integration of the same account spends {@code credits} just before the next request
     * arrives, in the window that request falls in (JOOR's budget is per account).
     */
    void spendElsewhere(int credits) {
        if (credits < 1) {
            throw new IllegalArgumentException("credits must be at least 1");
        }
        spentElsewhere += credits;
    }

    /** Spends credits in the current window (call after {@link #retryAfterSeconds} returned 0). */
    void charge(int cost) {
        usedInWindow += cost;
    }
}
