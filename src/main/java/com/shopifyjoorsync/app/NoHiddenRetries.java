package com.shopifyjoorsync.app;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * The HTTP client behind camel-http retries a GET answered 429 or 503 by itself, sleeping out
 * Retry-After inside the call: the pacers never see the answer (JOOR's credits go uncounted, a 429
 * unreported) and the routes' own retry policy is bypassed. Shopify and JOOR calls switch that off.
 * Set per endpoint, so a host ESB's own http endpoints keep their configuration.
 */
public final class NoHiddenRetries implements HttpClientConfigurer {
    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.disableAutomaticRetries();
    }
}
