package com.shopifyjoorsync.observe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.shopifyjoorsync.shopify.CustomerCount;

import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A long cycle says how far it is: a SYNC PROGRESS line every N customers or every interval,
 * whichever comes first, with the customers processed and Shopify's count of what the cycle reads.
 */
public final class CycleProgress {
    private static final Logger LOG = LoggerFactory.getLogger("shopify-joor-sync.summary");

    private final Clock clock;
    private final long everyCustomers;
    private final Duration every;

    private String cycleId;
    private CustomerCount estimate;
    private Instant startedAt;
    private Instant lastLineAt;
    private long processed;
    private long lastLineProcessed;

    public CycleProgress(Clock clock, long everyCustomers, Duration every) {
        this.clock = clock;
        this.everyCustomers = everyCustomers;
        this.every = every;
    }

    /** A cycle starts reading; estimate is null when Shopify's count could not be read. */
    public synchronized void begin(@ExchangeProperty("cycleId") String cycleId,
            @ExchangeProperty("customersEstimate") CustomerCount estimate) {
        this.cycleId = cycleId;
        this.estimate = estimate;
        this.startedAt = clock.instant();
        this.lastLineAt = startedAt;
        this.processed = 0;
        this.lastLineProcessed = 0;
    }

    /** One customer of the cycle went where it goes; logs a line when one is due. */
    public synchronized void customerDone() {
        processed++;
        Instant now = clock.instant();
        boolean byCount = processed - lastLineProcessed >= everyCustomers;
        boolean byTime = !Duration.between(lastLineAt, now).minus(every).isNegative();
        if (byCount || byTime) {
            LOG.info(line(now));
            lastLineAt = now;
            lastLineProcessed = processed;
        }
    }

    public synchronized long processed() {
        return processed;
    }

    /** SYNC PROGRESS cycle=... processed=N estimate=M percent=P seconds=S (estimate: ">=M" past Shopify's limit, "unknown" without). */
    synchronized String line(Instant now) {
        StringBuilder line = new StringBuilder("SYNC PROGRESS cycle=").append(cycleId)
                .append(" processed=").append(processed)
                .append(" estimate=");
        if (estimate == null) {
            line.append("unknown");
        } else {
            line.append(estimate.atLeast() ? ">=" : "").append(estimate.count());
            if (estimate.count() > 0) {
                line.append(" percent=").append(Math.min(100, processed * 100 / estimate.count()));
            }
        }
        return line.append(" seconds=").append(Duration.between(startedAt, now).toSeconds()).toString();
    }
}
