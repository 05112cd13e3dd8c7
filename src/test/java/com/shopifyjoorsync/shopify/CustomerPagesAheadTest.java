package com.shopifyjoorsync.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The read-ahead's seam: every page, ahead or not, is read by sending an exchange of its own to the
 * endpoint the route names, with the cycle's properties; the page comes back as the body,
 * shopifyCursor and shopifyHasNext. Here the endpoint is a route of the test serving three pages.
 */
class CustomerPagesAheadTest {
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private CamelContext context;
    private CustomerPagesAhead pages;

    @BeforeEach
    void start() throws Exception {
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // pages "p1" (no cursor), "p2" (after c1), "p3" (after c2, the last)
                from("direct:test-pages").process(e -> {
                    String after = e.getProperty("shopifyCursor", String.class);
                    asked.add(e.getProperty("shopifySearch") + "/" + after);
                    if ("c1".equals(after) && failuresLeft.getAndDecrement() > 0) {
                        throw new ShopifyUnavailableException("Shopify answered 503");
                    }
                    int page = after == null ? 1 : Integer.parseInt(after.substring(1)) + 1;
                    e.getMessage().setBody(List.of("p" + page));
                    e.setProperty("shopifyCursor", "c" + page);
                    e.setProperty("shopifyHasNext", page < 3);
                });
                from("direct:other-pages").process(e -> {
                    asked.add("other");
                    e.getMessage().setBody(List.of("o1"));
                    e.setProperty("shopifyCursor", "o1");
                    e.setProperty("shopifyHasNext", false);
                });
            }
        });
        context.start();
        pages = new CustomerPagesAhead(context);
        context.addService(pages, true, true);
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private Exchange cycle(String id) {
        Exchange cycle = new DefaultExchange(context);
        cycle.setProperty("cycleId", id);
        cycle.setProperty("shopifySearch", "tag:wholesale");
        return cycle;
    }

    @Test
    void theNextPageIsReadAheadThroughTheNamedEndpointAndTakenFromThere() throws Exception {
        Exchange cycle = cycle("1");

        pages.next(cycle, "direct:test-pages");

        assertThat(cycle.getMessage().getBody()).isEqualTo(List.of("p1"));
        assertThat(cycle.getProperty("shopifyCursor")).isEqualTo("c1");
        assertThat(cycle.getProperty("shopifyHasNext")).isEqualTo(true);
        // page 2 is asked for while page 1 is routed, with the cycle's search and cursor
        await().atMost(Duration.ofSeconds(10)).until(() -> asked.size() == 2);
        assertThat(asked).containsExactly("tag:wholesale/null", "tag:wholesale/c1");

        pages.next(cycle, "direct:test-pages");
        assertThat(cycle.getMessage().getBody()).isEqualTo(List.of("p2"));
        pages.next(cycle, "direct:test-pages");
        assertThat(cycle.getMessage().getBody()).isEqualTo(List.of("p3"));
        assertThat(cycle.getProperty("shopifyHasNext")).isEqualTo(false);
        // each page asked once; nothing is read ahead after the last page
        assertThat(asked).containsExactly("tag:wholesale/null", "tag:wholesale/c1", "tag:wholesale/c2");
    }

    @Test
    void aPageThatFailedAheadFailsWhenTakenAndIsReadAgainOnTheRetry() throws Exception {
        failuresLeft.set(1); // the read of page 2, ahead
        Exchange cycle = cycle("1");
        pages.next(cycle, "direct:test-pages");
        await().atMost(Duration.ofSeconds(10)).until(() -> asked.size() == 2);

        assertThatThrownBy(() -> pages.next(cycle, "direct:test-pages")).isInstanceOf(ShopifyUnavailableException.class);
        assertThat(cycle.getProperty("shopifyCursor")).isEqualTo("c1"); // the cycle's retry asks again after c1

        pages.next(cycle, "direct:test-pages");
        assertThat(cycle.getMessage().getBody()).isEqualTo(List.of("p2"));
        // page 3 may be read ahead meanwhile: a subList view of the live list would fail on that write
        assertThat(List.copyOf(asked).subList(0, 3)).containsExactly("tag:wholesale/null", "tag:wholesale/c1", "tag:wholesale/c1");
    }

    @Test
    void aPageReadAheadForAnotherCycleOrEndpointIsNotTaken() throws Exception {
        Exchange first = cycle("1");
        pages.next(first, "direct:test-pages"); // page 2 of cycle 1 read ahead, never taken

        Exchange second = cycle("2");
        pages.next(second, "direct:test-pages");
        assertThat(second.getMessage().getBody()).isEqualTo(List.of("p1"));

        Exchange other = cycle("2");
        other.setProperty("shopifyCursor", "c1");
        pages.next(other, "direct:other-pages"); // page 2 of cycle 2 was read ahead from the first endpoint
        assertThat(other.getMessage().getBody()).isEqualTo(List.of("o1"));
        assertThat(asked).contains("other");
    }
}
