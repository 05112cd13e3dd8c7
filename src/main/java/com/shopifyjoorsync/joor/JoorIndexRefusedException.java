package com.shopifyjoorsync.joor;

/**
 * JOOR's connection list cannot be routed on: its answer has no list node, or the known-code index
 * it gives is empty or shrank more than allowed while customers were delivered to JOOR. Routing on
 * it would send customers JOOR knows to Data Services as new, so the cycle fails instead, sending
 * nothing. Not retryable: a person decides (see the message).
 */
public class JoorIndexRefusedException extends JoorApiException {

    private static final long serialVersionUID = 1L;

    public JoorIndexRefusedException(String message) {
        super(message, 200, null, null);
    }
}
