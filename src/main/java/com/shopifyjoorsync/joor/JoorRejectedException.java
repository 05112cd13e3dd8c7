package com.shopifyjoorsync.joor;

/**
 * JOOR rejected a bulk-connection POST as a whole (HTTP 4xx other than 401/403/408/429, or
 * {@code response.code} non-zero). The route splits the batch ({@link BulkBatches#halves}) and
 * resends until the offending connection is isolated; {@link #rejectedCode()} names it when known.
 */
public class JoorRejectedException extends JoorApiException {

    private static final long serialVersionUID = 1L;

    private final String rejectedCode;
    private final int batchSize;

    public JoorRejectedException(String message, int httpStatus, String apiCode, String comment,
            String rejectedCode, int batchSize) {
        super(message, httpStatus, apiCode, comment);
        this.rejectedCode = rejectedCode;
        this.batchSize = batchSize;
    }

    /**
     * The customer_code of the rejected connection: the batch's code that JOOR's comment names, or
     * the only code of a one-connection batch; null when it cannot be told.
     */
    public String rejectedCode() {
        return rejectedCode;
    }

    /** How many connections the rejected POST carried (0 when unknown). */
    public int batchSize() {
        return batchSize;
    }
}
