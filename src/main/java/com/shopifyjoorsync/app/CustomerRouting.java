package com.shopifyjoorsync.app;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopifyjoorsync.dataservices.TemplateRows;
import com.shopifyjoorsync.joor.KnownCustomerCodes;
import com.shopifyjoorsync.mapping.CustomerMapping;
import com.shopifyjoorsync.mapping.CustomerTags;
import com.shopifyjoorsync.state.CustomerState;
import com.shopifyjoorsync.state.CustomerStates;
import com.shopifyjoorsync.state.Delivery;

import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Predicate;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.ExpressionAdapter;

/**
 * What a customer's path asks for every customer (in the window? tagged? known to JOOR? changed?)
 * and computes (its code, the mapping's output, what JOOR or Data Services receives of it, its content hash), as Camel
 * predicates and expressions the routes use with {@code ref:}. They call the same beans as the bean
 * language would, but without what the bean language does for each call: a copy of the whole
 * exchange and the binding of the method's parameters. Eight such calls per customer were a third
 * of the cycle thread's time (bench/README.md).
 */
final class CustomerRouting {
    private CustomerRouting() {
    }

    @SuppressWarnings("unchecked")
    static void bind(Registry registry, SyncWindow window, CustomerTags tags, CustomerStates states,
            KnownCustomerCodes known, CustomerMapping mapping, TemplateRows rows) {
        registry.bind("sjsCustomerCode", expression(e -> mapping.customerCode(body(e))));
        registry.bind("sjsOutsideWindow", (Predicate) e -> !window.inWindow(body(e),
                e.getProperty("windowStart", Instant.class), e.getProperty("windowEnd", Instant.class)));
        registry.bind("sjsNotTagged", (Predicate) e -> !tags.isEligible(body(e)));
        registry.bind("sjsStillDeadLettered", (Predicate) e -> states.stillDeadLettered(pageStates(e),
                e.getProperty("customerId", String.class), e.getProperty("customer", JsonNode.class)));
        registry.bind("sjsKnownToJoor", (Predicate) e -> known.contains(e.getProperty("customerId", String.class)));
        registry.bind("sjsMapCustomer", expression(e -> mapping.map(body(e), e.getProperty("shopCurrency", String.class))));
        registry.bind("sjsJoorExport", expression(e -> mapping.joorExport(e.getProperty("customer", JsonNode.class),
                body(e), e.getProperty("replayFile", String.class))));
        registry.bind("sjsTemplateRow", expression(e -> rows.templateRow(
                mapping.templateRow(e.getProperty("customer", JsonNode.class), body(e)),
                e.getProperty("customer", JsonNode.class), e.getProperty("replayFile", String.class))));
        registry.bind("sjsContentHash", expression(e -> e.getMessage().getBody(Delivery.class).contentHash()));
        registry.bind("sjsUnchanged", (Predicate) e -> states.unchanged(pageStates(e),
                e.getProperty("customerId", String.class), e.getProperty("destination", String.class),
                e.getProperty("contentHash", String.class)));
    }

    private static JsonNode body(Exchange exchange) {
        return exchange.getMessage().getBody(JsonNode.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, CustomerState> pageStates(Exchange exchange) {
        return exchange.getProperty("pageStates", Map.class);
    }

    private static Expression expression(java.util.function.Function<Exchange, Object> f) {
        return new ExpressionAdapter() {
            @Override
            public Object evaluate(Exchange exchange) {
                return f.apply(exchange);
            }
        };
    }
}
