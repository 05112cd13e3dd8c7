package com.shopifyjoorsync.webhooks;

import com.shopifyjoorsync.shopify.ShopifyGraphql;
import com.shopifyjoorsync.shopify.WebhookSubscriptionChange;
import com.shopifyjoorsync.shopify.WebhookSubscriptionPage;
import com.shopifyjoorsync.shopify.WebhookSubscriptionResult;

import org.apache.camel.Exchange;

/**
 * {@code --register-webhooks URL} and the subscriptions line of {@code --check}
 * (routes/webhook-subscriptions.camel.yaml): the run's {@link WebhookSubscriptionPlan} rides in the
 * exchange property {@value #PLAN}; the routes make the calls.
 *
 * <p>Bean {@code sjsWebhookSubscriptions}.
 */
public final class WebhookSubscriptions {

    public static final String PLAN = "webhookPlan";
    /** The public callback URL of --register-webhooks. */
    public static final String URL = "webhookCallbackUrl";

    private final ShopifyGraphql graphql;

    public WebhookSubscriptions(ShopifyGraphql graphql) {
        this.graphql = graphql;
    }

    /** A new plan for the URL in {@value #URL} (none: only reads what exists). */
    public WebhookSubscriptionPlan begin(Exchange exchange) {
        return new WebhookSubscriptionPlan(exchange.getProperty(URL, String.class));
    }

    public void readFromStart(Exchange exchange) {
        plan(exchange).readFromStart();
    }

    public boolean morePages(Exchange exchange) {
        return plan(exchange).morePages();
    }

    public String pageRequest(Exchange exchange) {
        WebhookSubscriptionPlan plan = plan(exchange);
        return graphql.webhookSubscriptionsRequest(plan.topicValues(), plan.after());
    }

    public void page(Exchange exchange) {
        plan(exchange).page(exchange.getMessage().getBody(WebhookSubscriptionPage.class));
    }

    public void planChanges(Exchange exchange) {
        plan(exchange).plan();
    }

    public boolean changesLeft(Exchange exchange) {
        return plan(exchange).changesLeft();
    }

    public WebhookSubscriptionChange next(Exchange exchange) {
        return plan(exchange).next();
    }

    public void changed(Exchange exchange) {
        plan(exchange).changed(exchange.getMessage().getBody(WebhookSubscriptionResult.class));
    }

    private static WebhookSubscriptionPlan plan(Exchange exchange) {
        return exchange.getProperty(PLAN, WebhookSubscriptionPlan.class);
    }
}
