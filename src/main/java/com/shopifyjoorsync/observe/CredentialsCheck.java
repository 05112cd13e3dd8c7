package com.shopifyjoorsync.observe;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.shopifyjoorsync.joor.JoorAuthException;
import com.shopifyjoorsync.shopify.ShopifyAuthException;

import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: DOWN while Shopify or JOOR refuse our credentials, UP again once they accept them.
 * The routes tell it: a refusal from the error handling, an acceptance after a call that needed them.
 * The messages it keeps name the setting to check, never a token.
 */
public final class CredentialsCheck extends AbstractHealthCheck {
    public static final String ID = "sjs-credentials";

    /** system (shopify, joor) -> why it refused us. */
    private final Map<String, String> refusals = new ConcurrentHashMap<>();

    public CredentialsCheck() {
        super("sjs", ID);
    }

    @Override
    public boolean isLiveness() {
        return false; // a refused token needs a person, not a restart
    }

    /** Records the refusal behind a failed exchange; other failures are none of this check's business. */
    public void refused(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (error == null) {
            error = exchange.getException();
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ShopifyAuthException) {
                refusals.put("shopify", t.getMessage());
                return;
            }
            if (t instanceof JoorAuthException) {
                refusals.put("joor", t.getMessage());
                return;
            }
        }
    }

    /** A call to this system (shopify, joor) succeeded with our credentials. */
    public void accepted(String system) {
        refusals.remove(system);
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (refusals.isEmpty()) {
            builder.up();
            return;
        }
        builder.message(String.join("; ", refusals.values()));
        refusals.forEach((system, why) -> builder.detail(system, "refused"));
        builder.down();
    }
}
