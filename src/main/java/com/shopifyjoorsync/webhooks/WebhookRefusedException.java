package com.shopifyjoorsync.webhooks;

/** A webhook delivery the receiver does not take: the HTTP status it answers, and why. Nothing was stored. */
public class WebhookRefusedException extends RuntimeException {
    private final int status;

    public WebhookRefusedException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    public int getStatus() {
        return status;
    }
}
