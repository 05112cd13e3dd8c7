package com.shopifyjoorsync.app;

import java.util.Map;

import com.shopifyjoorsync.joor.JoorIndexRefusedException;
import com.shopifyjoorsync.state.StateStore;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Never route on a known-code index that looks wrong. JOOR's connection list decides, for every
 * customer, "update through the API" or "new, to Data Services": a list that came back empty or much
 * smaller (a JOOR fault, a changed envelope, a token of another account) would send customers JOOR
 * has to Data Services as new. So while the state store holds customers delivered to JOOR, an index
 * that is empty, or smaller than the last one routed on by more than {@code joor.index-shrink-tolerance},
 * is refused: the cycle fails before it reads Shopify, naming both counts and
 * {@code joor.index-accept-codes}, the setting that accepts that exact count once a person knows the
 * connections were really deleted. The size of the index routed on is kept in the state store, so a
 * restart does not forget it.
 *
 * <p>Also readiness ({@code sjs-joor-index}): DOWN from a refusal (this one, or an answer without a
 * list node) until an index is accepted.
 */
public final class JoorIndexGuard extends AbstractHealthCheck {
    public static final String ID = "sjs-joor-index";
    private static final Logger LOG = LoggerFactory.getLogger(JoorIndexGuard.class);

    private final StateStore state;
    private final double shrinkTolerancePercent;
    private final Integer acceptCodes;

    private volatile int lastRead = -1;
    private volatile int lastGood = -1;
    private volatile String refusal;

    /**
     * @param shrinkTolerancePercent how much smaller than the last good index a new one may be (0..100)
     * @param acceptCodes            an index of exactly this many codes is used whatever the rules say; null: none
     */
    public JoorIndexGuard(StateStore state, double shrinkTolerancePercent, Integer acceptCodes) {
        super("sjs", ID);
        this.state = state;
        this.shrinkTolerancePercent = shrinkTolerancePercent;
        this.acceptCodes = acceptCodes;
    }

    @Override
    public boolean isLiveness() {
        return false; // a restart reads the same list: a person decides
    }

    /**
     * Lets an index of {@code codes} codes through (it becomes the last good one), or refuses it.
     *
     * @throws JoorIndexRefusedException when it is empty or shrank too much while customers were delivered to JOOR
     */
    public void check(@ExchangeProperty("joorListCodes") int codes) {
        lastRead = codes;
        Integer good = state.lastGoodIndex();
        lastGood = good == null ? -1 : good;
        if (acceptCodes != null && acceptCodes == codes) {
            if (good != null && good != codes) {
                LOG.warn("JOOR's connection list has {} customer codes, the last good index had {}: accepted, as "
                        + "joor.index-accept-codes={} says (remove it once this cycle has run)", codes, good, acceptCodes);
            }
        } else {
            int delivered = state.customersDeliveredToJoor();
            String problem = delivered == 0 ? null : problem(codes, good);
            if (problem != null) {
                throw new JoorIndexRefusedException("JOOR's connection list " + problem + ": " + codes + " codes read,"
                        + " the last good index had " + (good == null ? "(none recorded)" : good) + ", and " + delivered
                        + " customers were delivered to JOOR. Not routed on (nothing sent; the watermark stays). If"
                        + " connections were really deleted in JOOR, accept the new index: set"
                        + " joor.index-accept-codes=" + codes);
            }
        }
        state.goodIndex(codes);
        lastGood = codes;
        refusal = null;
    }

    /** What is wrong with an index of {@code codes} codes after one of {@code good} (null: none recorded); null when nothing. */
    private String problem(int codes, Integer good) {
        if (codes == 0) {
            return "has no customer codes";
        }
        if (good != null && (good - codes) * 100.0 > shrinkTolerancePercent * good) {
            return "has " + percent(100.0 * (good - codes) / good) + "% fewer customer codes than the last good index,"
                    + " more than joor.index-shrink-tolerance=" + percent(shrinkTolerancePercent) + "% allows";
        }
        return null;
    }

    /** The cycle failed on a refused index (see the routes' error handling): readiness goes DOWN. */
    public void refused(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        refusal = error == null ? "JOOR's connection list was refused" : error.getMessage();
        if (lastGood < 0) {
            Integer good = state.lastGoodIndex();
            lastGood = good == null ? -1 : good;
        }
    }

    /** Codes in JOOR's connection list when it was last read whole; -1 before. */
    public int lastRead() {
        return lastRead;
    }

    /** Codes in the last index routed on (as the state store knows it); -1 when unknown. */
    public int lastGood() {
        return lastGood;
    }

    public boolean isRefused() {
        return refusal != null;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("codes_read", lastRead).detail("last_good_codes", lastGood);
        String why = refusal;
        if (why == null) {
            builder.up();
        } else {
            builder.message(why).down();
        }
    }

    private static String percent(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(java.util.Locale.ROOT, "%.1f", value);
    }
}
