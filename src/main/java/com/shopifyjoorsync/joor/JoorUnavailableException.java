package com.shopifyjoorsync.joor;

/** JOOR could not answer properly (HTTP 5xx/408, or a body that is not JSON). Retryable. */
public class JoorUnavailableException extends JoorException {

    private static final long serialVersionUID = 1L;

    public JoorUnavailableException(String message) {
        super(message);
    }

    public JoorUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
