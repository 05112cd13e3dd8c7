package com.shopifyjoorsync.joor;

import java.time.Duration;

/**
 * JOOR answered HTTP 429: the account's credit window is spent. Retryable: the pacer holds every
 * further JOOR call until {@link #retryAfter()} has passed, so a redelivery simply waits.
 */
public class JoorRateLimitedException extends JoorException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public JoorRateLimitedException(String call, Duration retryAfter) {
        super("JOOR rate limit reached (HTTP 429) on " + call
                + (retryAfter.isZero() ? "" : "; JOOR calls are paused for " + retryAfter.toSeconds() + " s"));
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
