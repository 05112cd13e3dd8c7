package com.shopifyjoorsync.app;

import java.time.Duration;

import org.apache.camel.LoggingLevel;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.apache.camel.spi.Registry;

/**
 * The bundle's redelivery policies, each defined once and referred to by name
 * ({@code redeliveryPolicyRef}) from the route configurations of routes/error-handling.camel.yaml and
 * routes/command-errors.camel.yaml. Beans rather than YAML {@code beans:}: Camel creates those while it
 * first reads the route files, before the settings are validated and complete. Camel never logs an
 * exhausted retry: the dead-letter channel or the failed cycle says what happened, once.
 */
final class RedeliveryPolicies {
    /** Not again: the failure would repeat, or it goes back to the caller. */
    static final String NONE = "sjsNoRedelivery";
    /** What may pass later: sync.redelivery.max-attempts tries, the delay doubling up to a minute. */
    static final String BACK_OFF = "sjsRedeliverWithBackOff";
    /** THROTTLED, or JOOR's window full during a read: up to 30 tries, the pacers deciding the wait. */
    static final String WHEN_THROTTLED = "sjsRedeliverWhenThrottled";
    /** A batch JOOR's credit window refused: until JOOR takes it (joor.rate-limit-timeout ends the wait). */
    static final String UNTIL_JOOR_TAKES = "sjsRedeliverUntilJoorTakes";

    private RedeliveryPolicies() {
    }

    static void bind(Registry registry, int maxAttempts, Duration firstDelay) {
        registry.bind(NONE, quiet(0));
        RedeliveryPolicy backOff = quiet(maxAttempts);
        backOff.setRedeliveryDelay(firstDelay.toMillis());
        backOff.setUseExponentialBackOff(true);
        backOff.setBackOffMultiplier(2);
        backOff.setMaximumRedeliveryDelay(60_000);
        backOff.setRetryAttemptedLogLevel(LoggingLevel.WARN);
        backOff.setLogRetryAttempted(true);
        backOff.setLogRetryStackTrace(false);
        registry.bind(BACK_OFF, backOff);
        registry.bind(WHEN_THROTTLED, paced(30));
        registry.bind(UNTIL_JOOR_TAKES, paced(-1));
    }

    /** No delay of its own: the pacer waits as long as Shopify or JOOR asks, before the next request. */
    private static RedeliveryPolicy paced(int maxAttempts) {
        RedeliveryPolicy policy = quiet(maxAttempts);
        policy.setRedeliveryDelay(0);
        policy.setRetryAttemptedLogLevel(LoggingLevel.INFO);
        return policy;
    }

    private static RedeliveryPolicy quiet(int maxAttempts) {
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setMaximumRedeliveries(maxAttempts);
        policy.setLogExhausted(false);
        policy.setLogStackTrace(false);
        return policy;
    }
}
