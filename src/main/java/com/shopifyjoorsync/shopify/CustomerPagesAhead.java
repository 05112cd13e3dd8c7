package com.shopifyjoorsync.shopify;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.MDC;

/**
 * The cycle's pages of customers, each read while the one before is being routed: as soon as a
 * page's cursor is known, the next page is asked for on a thread of its own, through the page route
 * (the same request, pacing and reading as when the cycle reads it itself). One page at most is read
 * ahead, and never two requests at once. A read that failed ahead fails when the cycle takes the
 * page, so the cycle's retries apply unchanged: the retry reads the page again, then and there.
 *
 * <p>The seam between the route and this class: the route names the page endpoint in the call
 * ({@code next(*, 'direct:sjs-shopify-customers-page')}, routes/shopify-poll.camel.yaml), and every
 * page, ahead or not, is read by sending an exchange of its own to that endpoint. The endpoint reads
 * {@code shopifySearch} and {@code shopifyCursor} and sets the body (the page's customers),
 * {@code shopifyCursor} and {@code shopifyHasNext}; nothing else is called by name from here.
 *
 * <p>Bean {@code sjsShopifyPagesAhead}; reads {@code shopifyCursor} and {@code cycleId}, sets the
 * body (the page's customers), {@code shopifyCursor} and {@code shopifyHasNext}.
 */
public final class CustomerPagesAhead extends ServiceSupport {
    private final CamelContext context;
    private ProducerTemplate template;
    private final ExecutorService reader;
    private Ahead ahead;

    private record Ahead(String pageUri, String cycleId, String cursor, Future<Exchange> page) {
    }

    public CustomerPagesAhead(CamelContext context) {
        this.context = context;
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "sjs-shopify-read-ahead");
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        this.reader = pool;
    }

    /**
     * The page after the cycle's cursor (the first page without one), read ahead or now from
     * {@code pageUri}; the next one asked for.
     */
    public synchronized void next(Exchange cycle, String pageUri) throws Exception {
        if (template == null) {
            template = context.createProducerTemplate();
        }
        String cycleId = cycle.getProperty("cycleId", String.class);
        String cursor = cycle.getProperty("shopifyCursor", String.class);
        Exchange page = null;
        Ahead previous = ahead;
        ahead = null;
        if (previous != null) {
            // waited for even when not wanted (a failed cycle's): Shopify never gets two requests at once
            Exchange read = done(previous.page());
            if (previous.pageUri().equals(pageUri) && Objects.equals(previous.cycleId(), cycleId)
                    && Objects.equals(previous.cursor(), cursor)) {
                page = read;
            }
        }
        if (page == null) {
            page = read(template, pageUri, cycle.getProperties());
        }
        if (page.getException() != null) {
            throw page.getException();
        }
        cycle.getMessage().setBody(page.getMessage().getBody());
        String nextCursor = page.getProperty("shopifyCursor", String.class);
        boolean hasNext = Boolean.TRUE.equals(page.getProperty("shopifyHasNext", Boolean.class));
        cycle.setProperty("shopifyCursor", nextCursor);
        cycle.setProperty("shopifyHasNext", hasNext);
        if (hasNext) {
            Map<String, Object> properties = Map.copyOf(withoutNulls(cycle.getProperties()));
            Map<String, String> mdc = MDC.getCopyOfContextMap();
            ProducerTemplate sender = template;
            ahead = new Ahead(pageUri, cycleId, nextCursor, reader.submit(() -> {
                if (mdc != null) {
                    MDC.setContextMap(mdc);
                }
                try {
                    return read(sender, pageUri, properties);
                } finally {
                    MDC.clear();
                }
            }));
        }
    }

    /**
     * One page read in an exchange of its own holding the cycle's properties (its search, cursor,
     * id): not a copy of the cycle's exchange, whose unit of work (the stack of routes it is in)
     * would then be shared by two threads.
     */
    private static Exchange read(ProducerTemplate sender, String pageUri, Map<String, Object> properties) {
        return sender.send(pageUri, request -> request.getProperties().putAll(properties));
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> properties) {
        Map<String, Object> copy = new java.util.HashMap<>(properties);
        copy.values().removeIf(Objects::isNull);
        return copy;
    }

    private static Exchange done(Future<Exchange> page) throws InterruptedException {
        try {
            return page.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading a page ahead failed", e.getCause());
        }
    }

    @Override
    protected synchronized void doStop() throws Exception {
        ahead = null;
        reader.shutdownNow();
        if (template != null) {
            template.close();
            template = null;
        }
    }
}
