package com.shopifyjoorsync.joor;

/**
 * JOOR took a bulk-connection POST (HTTP 2xx) but its answer cannot be read: not JSON, or without
 * a job id. JOOR may have applied the batch, and there is no job to read back, so the batch can be
 * neither confirmed nor safely sent again: it is never retried; its customers are reported.
 */
public class JoorUnconfirmedException extends JoorException {

    private static final long serialVersionUID = 1L;

    public JoorUnconfirmedException(String message) {
        super(message);
    }
}
