package com.shopifyjoorsync.joor;

/**
 * Base of every failure the JOOR client reports. {@link #retryable()} tells the route's error
 * handler whether redelivering the whole call can help (rate limit, JOOR down) or not (bad token,
 * rejected data).
 */
public class JoorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JoorException(String message) {
        super(message);
    }

    public JoorException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when the same call may succeed later unchanged. */
    public boolean retryable() {
        return false;
    }
}
