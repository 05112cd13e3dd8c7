package com.shopifyjoorsync.joor;

import org.apache.camel.http.base.HttpHeaderFilterStrategy;

/**
 * JOOR does not process a request without a Content-Type header, GETs included. camel-http's
 * default strategy drops Content-Type from the headers (it rides on the body), so a GET would go
 * without one: this strategy lets it through.
 */
public class JoorHeaderFilter extends HttpHeaderFilterStrategy {
    @Override
    protected void initialize() {
        super.initialize();
        getOutFilter().remove("content-type");
    }
}
