package com.shopifyjoorsync.app;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import com.shopifyjoorsync.shopify.CustomerPaging;

import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.StepEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Feeds the cycle's tallies ({@link SyncCycle}) from Camel's step events, so that counting is not a
 * step of the flow: the routes name a piece of work with {@code step: id: ...}, and when it starts,
 * completes or fails, the tally below counts it. {@link #STEPS} is the whole contract (RoutesStepTalliesTest
 * checks that every id is a step of routes/).
 */
public final class CycleTallies extends EventNotifierSupport {
    /** When a step is counted. */
    enum When { STARTED, COMPLETED, ENDED }

    record Tally(When when, BiConsumer<SyncCycle, Exchange> count) {
    }

    /** Step id (routes/) -> what it counts. */
    static final Map<String, Tally> STEPS = Map.of(
            // sync-cycle: a page's customers as it starts (fetched, repeated)
            "sjs-route-page", new Tally(When.STARTED, (cycle, e) -> cycle.fetched(e.getMessage().getBody(List.class),
                    e.getProperty("shopifyPaging", CustomerPaging.Reading.class))),
            // sync-cycle and replay: one customer's path, however it ended (customerOutcome, contentUnchanged)
            "sjs-customer-path", new Tally(When.ENDED, CycleTallies::customerDone),
            "sjs-replay-record", new Tally(When.ENDED, CycleTallies::customerDone),
            // replay: a readable dead-letter record goes through the customer path again
            "sjs-replay-customer", new Tally(When.STARTED, (cycle, e) -> cycle.replayed()),
            // dead-letter: the record is in the dead-letter channel
            "sjs-dead-lettered", new Tally(When.COMPLETED, (cycle, e) -> cycle.deadLettered()),
            // data-services: a batch of rows written to the cycle's file, then the file accepted
            "sjs-template-rows-staged", new Tally(When.COMPLETED, (cycle, e) -> cycle.sentToDataServices(
                    e.getProperty("batch", List.class).size())),
            "sjs-template-delivered", new Tally(When.COMPLETED, (cycle, e) -> cycle.dataServicesAccepted()),
            // joor: a job read back with every record processed; a POST whose answer named no job
            "sjs-joor-customers-updated", new Tally(When.COMPLETED, (cycle, e) -> cycle.joorConfirmed(
                    e.getProperty("batch", List.class).size())),
            "sjs-joor-answer-unreadable", new Tally(When.STARTED, (cycle, e) -> cycle.joorAnswerUnreadable()),
            // webhooks: the run's deliveries marked done, with the customers they said Shopify removed
            "sjs-webhook-deliveries-done", new Tally(When.COMPLETED, (cycle, e) -> cycle.webhookDeliveries(
                    e.getProperty("webhookDeliveries", List.class).size(), e.getProperty("removedCustomers", List.class).size())));

    private final SyncCycle cycle;

    private static void customerDone(SyncCycle cycle, Exchange e) {
        cycle.customerDone(e.getProperty(SyncCycle.OUTCOME_PROPERTY, String.class),
                e.getProperty(SyncCycle.UNCHANGED_PROPERTY, Boolean.class));
    }

    public CycleTallies(SyncCycle cycle) {
        this.cycle = cycle;
        // only step events: no event object is made for every exchange
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreExchangeEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeFailedEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof StepEvent step && STEPS.containsKey(step.getStepId());
    }

    @Override
    public void notify(CamelEvent event) {
        StepEvent step = (StepEvent) event;
        Tally tally = STEPS.get(step.getStepId());
        When when = switch (event.getType()) {
            case StepStarted -> When.STARTED;
            case StepCompleted -> When.COMPLETED;
            default -> null;
        };
        boolean ended = event.getType() == CamelEvent.Type.StepCompleted || event.getType() == CamelEvent.Type.StepFailed;
        if (tally.when() == when || (tally.when() == When.ENDED && ended)) {
            if (cycle.cycleId() != null) {
                tally.count().accept(cycle, step.getExchange());
            }
        }
    }
}
