package com.shopifyjoorsync.joor;

/** JOOR refused the token (HTTP 401/403). Fatal: no retry helps until the configuration changes. */
public class JoorAuthException extends JoorException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;

    public JoorAuthException(String call, int httpStatus) {
        super("JOOR refused the API token with HTTP " + httpStatus + " on " + call
                + ": check the setting joor.api-token (environment variable JOOR_API_TOKEN) and joor.api-url");
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
