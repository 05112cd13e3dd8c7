package com.shopifyjoorsync.joor;

/**
 * JOOR answered, but with an error: an HTTP 4xx, a non-zero {@code response.code}, or a 2xx whose
 * content is not what the adopted contract (JOOR's v2 reference (api-docs.jooraccess.com)) describes. Not retryable.
 */
public class JoorApiException extends JoorException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final String apiCode;
    private final String comment;

    public JoorApiException(String message, int httpStatus, String apiCode, String comment) {
        super(message);
        this.httpStatus = httpStatus;
        this.apiCode = apiCode;
        this.comment = comment;
    }

    /** The HTTP status of the answer (200 when the error came inside a 2xx body). */
    public int httpStatus() {
        return httpStatus;
    }

    /** {@code response.code} as JOOR sent it, or null when absent. */
    public String apiCode() {
        return apiCode;
    }

    /** {@code response.comment}, or null when absent. */
    public String comment() {
        return comment;
    }
}
