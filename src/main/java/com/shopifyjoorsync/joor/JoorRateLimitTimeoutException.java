package com.shopifyjoorsync.joor;

import java.time.Duration;

/**
 * No JOOR request got through for {@code joor.rate-limit-timeout}: JOOR answered 429 window after
 * window, or the account's budget stayed spent by others (other integrations of the brand, other
 * processes on the state store). Not retryable: the cycle fails, nothing more is sent to JOOR in it,
 * and what was not sent goes in the next cycle (its watermark stays).
 */
public class JoorRateLimitTimeoutException extends JoorException {

    private static final long serialVersionUID = 1L;

    public JoorRateLimitTimeoutException(Duration stalled, Duration timeout, long http429InARow) {
        super("JOOR's credit budget let no request through for " + stalled.toSeconds() + " s (" + http429InARow
                + " HTTP 429 in a row); giving up after joor.rate-limit-timeout=" + timeout.toSeconds() + "s: JOOR's"
                + " budget is the account's, and other integrations of the brand (or other processes on this state"
                + " store) keep it spent. Nothing more goes to JOOR in this cycle; the next cycle sends what was not sent");
    }
}
