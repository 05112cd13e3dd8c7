package com.shopifyjoorsync.dataservices;

import com.shopifyjoorsync.observe.SecretMask;

/**
 * What the endpoint's answer to a template file means. Delivered means accepted: the file written
 * and renamed, the remote rename confirmed, the message taken by the mail server. Anything short of
 * that, after the retries, leaves the file's customers undelivered and fails the cycle, naming the
 * endpoint as configured (its password masked).
 */
public final class DataServicesDelivery {
    private final String endpointUri;
    private final int retries;

    /** @param endpointUri data-services.endpoint-uri as configured; @param retries sync.redelivery.max-attempts */
    public DataServicesDelivery(String endpointUri, int retries) {
        this.endpointUri = endpointUri;
        this.retries = retries;
    }

    /**
     * Throws the reason the cycle fails: the endpoint, the file, how many customers stay undelivered.
     * The endpoint's error is told in the message, not chained: the cycle's error handler matches
     * causes too, and would retry the whole publishing for an I/O cause.
     */
    public void refused(Throwable cause, String fileName, long customers) {
        throw new DataServicesRefusedException(SecretMask.mask("data-services.endpoint-uri=" + endpointUri
                + " did not accept " + fileName + " (" + (retries == 0 ? "no retry" : retries + (retries == 1 ? " retry" : " retries"))
                + "): its " + customers + " new customers stay undelivered and the next cycle sends them again in"
                + " one file. " + cause.getClass().getSimpleName() + ": " + cause.getMessage()));
    }
}
