package com.shopifyjoorsync.joor;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

import com.shopifyjoorsync.state.CreditLedger;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paces JOOR calls to the account's credit budget (GET = 1 credit, POST/PUT/DELETE = 5, 300 credits
 * per fixed 300-second window that starts at the first request JOOR receives), so that JOOR never
 * has to answer 429. Called around the camel-http step: {@link #beforeRequest(Exchange)} blocks
 * until the request fits, {@link #afterResponse(Exchange)} books the answer.
 *
 * <p><b>Where the window starts.</b> JOOR opens its window when it <em>receives</em> a request; we
 * only know that this lies between our sending and the answer's arrival. So we anchor on the
 * answer: a request's credits count from its sending until one window plus {@link #SAFETY_MARGIN}
 * after its answer arrived (the latest JOOR can have received it), and a request goes out only when
 * the credits so counted, plus its own, fit the budget. Then no window-long span of JOOR's receipt
 * times, wherever JOOR's window begins, holds more than the budget: we never believe a window ended
 * before JOOR's did. With answers arriving together this is "anchor at the first answer, plus a
 * margin" (60 POSTs, then the 61st waits a window); unlike one anchor, it also counts a request in
 * flight across JOOR's window end in the next window. The margin covers clock drift and a
 * Retry-After rounded down to whole seconds.
 *
 * <p>A request whose answer never comes (the HTTP call failed) is assumed to have reached JOOR, if
 * at all, within one window of its sending; it is booked as answered then, or earlier when the
 * same exchange comes back to {@link #beforeRequest} (a redelivery) or {@link #abandon} is called.
 *
 * <p>A 429 pauses every JOOR call until {@code Retry-After} (or a full window when JOOR sends none)
 * plus the margin; requests answered before JOOR's announced reset then stop counting.
 *
 * <p><b>One budget across processes.</b> The budget is JOOR's account's, so what is counted lives in
 * the state store's {@link CreditLedger}, not in this process: every process on the store (the
 * sync, a {@code --replay-dead-letters}, {@code --link-report} or {@code --check} run beside it or
 * right after it, several nodes on one PostgreSQL) books each request there before sending it, under
 * a lock they all take, and waits for what the others spent, and for a pause JOOR gave any of them.
 * Times are therefore the wall clock (nanoseconds since the epoch), the same on every process of a
 * host; nodes on several hosts need their clocks in step (NTP) well within the margin.
 *
 * <p><b>Never waiting forever.</b> When no request of this process has got through for
 * {@code joor.rate-limit-timeout} (JOOR answering 429 window after window, or the account's budget
 * kept spent by others), the next wait that would pass it throws
 * {@link JoorRateLimitTimeoutException} instead: the cycle fails, and sends the rest next time.
 *
 * <p>Thread-safe; waiting happens outside any lock. Time and sleep are injected for tests.
 */
public class JoorCreditPacer {

    private static final Logger LOG = LoggerFactory.getLogger(JoorCreditPacer.class);

    /** Added after every window end we compute (see the class comment). */
    public static final Duration SAFETY_MARGIN = Duration.ofSeconds(1);
    /** JOOR's price of a GET. */
    public static final int READ_CREDITS = 1;
    /** JOOR's price of a POST, PUT or DELETE. */
    public static final int WRITE_CREDITS = 5;
    /** Exchange property holding the {@link Permit} between beforeRequest and afterResponse. */
    public static final String PERMIT_PROPERTY = "sjsJoorCreditPermit";

    private static final long LOG_WAIT_NANOS = Duration.ofSeconds(1).toNanos();

    /** Blocks the calling thread; {@code Thread::sleep} in production, a fake clock in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** The credits booked for one request, from {@link #acquire} to its answer. */
    public static final class Permit {
        private final long id;
        private final int credits;
        private final long sentAt;
        private boolean open = true; // guarded by the pacer

        private Permit(long id, int credits, long sentAt) {
            this.id = id;
            this.credits = credits;
            this.sentAt = sentAt;
        }

        public int credits() {
            return credits;
        }
    }

    /** What the ledger's entries mean now: a pause still on, the credits in use, when answered ones stop counting. */
    private record Use(long pausedFor, int inUse, List<long[]> expiring) {
    }

    private final int budget;
    private final long windowNanos;
    private final long marginNanos;
    private final long timeoutNanos;
    private final CreditLedger ledger;
    private final LongSupplier clock;
    private final Sleeper sleeper;

    // this process's counts, guarded by this
    private long creditsUsed;
    private long requests;
    private long http429;
    private Long stalledSince; // since when no request of this process got through; null when one did
    private long http429InARow;

    /**
     * @param creditsPerWindow joor.credits-per-window
     * @param window           joor.credit-window
     * @param rateLimitTimeout joor.rate-limit-timeout
     * @param ledger           where every process on the state store books what it spends
     */
    public JoorCreditPacer(int creditsPerWindow, Duration window, Duration rateLimitTimeout, CreditLedger ledger) {
        this(creditsPerWindow, window, rateLimitTimeout, ledger, JoorCreditPacer::epochNanos,
                d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000));
    }

    /**
     * @param clock   nanoseconds since the epoch (every process on the ledger must agree)
     * @param sleeper how to wait
     */
    public JoorCreditPacer(int creditsPerWindow, Duration window, Duration rateLimitTimeout, CreditLedger ledger,
            LongSupplier clock, Sleeper sleeper) {
        if (creditsPerWindow < WRITE_CREDITS) {
            throw new IllegalArgumentException("joor.credits-per-window must be at least " + WRITE_CREDITS
                    + " (the price of one POST), got " + creditsPerWindow);
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("joor.credit-window must be a positive duration, got " + window);
        }
        if (rateLimitTimeout == null || rateLimitTimeout.compareTo(window) < 0) {
            throw new IllegalArgumentException("joor.rate-limit-timeout must be at least joor.credit-window, got "
                    + rateLimitTimeout);
        }
        this.budget = creditsPerWindow;
        this.windowNanos = window.toNanos();
        this.marginNanos = SAFETY_MARGIN.toNanos();
        this.timeoutNanos = rateLimitTimeout.toNanos();
        this.ledger = ledger;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** JOOR's price of a request: 1 for GET, 5 for anything else (POST, PUT, DELETE; unknown ones priced as writes). */
    public static int creditsFor(String method) {
        return method != null && "GET".equalsIgnoreCase(method.strip()) ? READ_CREDITS : WRITE_CREDITS;
    }

    // ------------------------------------------------------------------ route API

    /**
     * Blocks until the request described by the exchange ({@code CamelHttpMethod}; when absent,
     * GET without a body and POST with one, like camel-http) fits the credit budget, then books
     * its credits and keeps the permit on the exchange.
     *
     * @throws JoorRateLimitTimeoutException when the wait would pass joor.rate-limit-timeout
     */
    public void beforeRequest(Exchange exchange) {
        Message in = exchange.getMessage();
        String method = in.getHeader(Exchange.HTTP_METHOD, String.class);
        if (method == null) {
            method = in.getBody() == null ? "GET" : "POST";
        }
        abandon(exchange); // a permit still here means the previous attempt got no answer
        exchange.setProperty(PERMIT_PROPERTY, acquire(creditsFor(method)));
    }

    /**
     * Books the answer ({@code CamelHttpResponseCode}); every answer except a 429 counts as credits
     * spent, errors included. On 429 pauses all JOOR calls until {@code Retry-After} and throws.
     *
     * @throws JoorRateLimitedException on HTTP 429 (retryable)
     */
    public void afterResponse(Exchange exchange) {
        Message in = exchange.getMessage();
        Permit permit = exchange.getProperty(PERMIT_PROPERTY, Permit.class);
        exchange.removeProperty(PERMIT_PROPERTY);
        Integer status = in.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String method = in.getHeader(Exchange.HTTP_METHOD, String.class);
        if (permit == null) {
            LOG.warn("JOOR answer booked without beforeRequest on this exchange; counting it as sent now");
            permit = acquireNow(creditsFor(method));
        }
        Duration pause = answered(permit, status == null ? 0 : status, in.getHeader("Retry-After", String.class));
        if (pause != null) {
            throw new JoorRateLimitedException(describe(method, in.getHeader(Exchange.HTTP_PATH, String.class)), pause);
        }
    }

    /**
     * Releases the permit of a call that failed without an answer (optional: the next
     * {@link #beforeRequest} of the same exchange does it otherwise, and a window without answer
     * counts as one). Its credits keep counting as if JOOR received it now.
     */
    public void abandon(Exchange exchange) {
        Permit permit = exchange.getProperty(PERMIT_PROPERTY, Permit.class);
        exchange.removeProperty(PERMIT_PROPERTY);
        if (permit != null && close(permit)) {
            long now = clock.getAsLong();
            if (now - permit.sentAt < windowNanos) {
                ledger.answered(permit.id, now, now + windowNanos + marginNanos);
            }
        }
    }

    // ------------------------------------------------------------------ plain API

    /**
     * Blocks until {@code credits} fit the budget every process on the ledger shares, then books them.
     *
     * @throws JoorRateLimitTimeoutException when the wait would pass joor.rate-limit-timeout
     */
    public Permit acquire(int credits) {
        if (credits < 1 || credits > budget) {
            throw new IllegalArgumentException("a request of " + credits + " credits can never fit a budget of "
                    + budget + " per window");
        }
        boolean announced = false;
        Long firstTry = null;
        while (true) {
            Use[] seen = new Use[1];
            CreditLedger.Booking booking = ledger.book(credits, clock, 2 * windowNanos + marginNanos, (now, entries) -> {
                seen[0] = use(now, entries);
                return waitNanos(now, credits, seen[0]);
            });
            if (booking.booked()) {
                return new Permit(booking.id(), credits, booking.at());
            }
            long wait = booking.waitNanos();
            firstTry = firstTry == null ? booking.at() : firstTry;
            giveUpIfTooLong(booking.at(), wait, firstTry);
            if (!announced && wait >= LOG_WAIT_NANOS) {
                announced = true;
                if (seen[0].pausedFor() > 0) {
                    LOG.info("JOOR calls paused after a 429; waiting {} s", seconds(wait));
                } else {
                    LOG.info("JOOR credit budget reached ({} of {} credits per {} s in use, this process's and others'"
                            + " on the state store); waiting {} s", seen[0].inUse(), budget,
                            windowNanos / 1_000_000_000L, seconds(wait));
                }
            } else {
                LOG.debug("Waiting {} ms for {} JOOR credits", wait / 1_000_000L, credits);
            }
            try {
                sleeper.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for JOOR credits", e);
            }
        }
    }

    /**
     * Books the answer of a request. Returns the pause imposed when the answer is a 429, else null.
     *
     * @param permit     from {@link #acquire}
     * @param status     HTTP status (0 when unknown)
     * @param retryAfter the Retry-After header, or null
     */
    public Duration answered(Permit permit, int status, String retryAfter) {
        long now = clock.getAsLong();
        boolean wasOpen = close(permit);
        synchronized (this) {
            requests++;
            if (status == 429) {
                http429++;
                http429InARow++;
                if (stalledSince == null) {
                    stalledSince = now;
                }
            } else {
                creditsUsed += permit.credits();
                stalledSince = null;
                http429InARow = 0;
            }
        }
        if (status == 429) {
            Duration pause = parseRetryAfter(retryAfter);
            if (wasOpen) {
                ledger.cancel(permit.id); // JOOR charged nothing
            }
            ledger.pause(now + pause.toNanos() + marginNanos, now + pause.toNanos());
            LOG.warn("JOOR answered 429 (rate limited); pausing JOOR calls for {} s", seconds(pause.toNanos() + marginNanos));
            return pause;
        }
        // answered within a window: it counts a window from now; later, it counted as answered a window after its sending
        if (wasOpen && now - permit.sentAt < windowNanos) {
            ledger.answered(permit.id, now, now + windowNanos + marginNanos);
        }
        return null;
    }

    /** Credits that could be spent right now without waiting, by this process or another on the ledger. */
    public int creditsAvailable() {
        long now = clock.getAsLong();
        Use use = use(now, ledger.read());
        return use.pausedFor() > 0 ? 0 : budget - use.inUse();
    }

    /** Credits of every answered request of this process except 429s (failed calls cost credits too). */
    public synchronized long creditsUsed() {
        return creditsUsed;
    }

    /** Answered requests of this process, 429s included. */
    public synchronized long requests() {
        return requests;
    }

    /** Answers with HTTP 429 to this process. */
    public synchronized long http429() {
        return http429;
    }

    public Duration window() {
        return Duration.ofNanos(windowNanos);
    }

    // ------------------------------------------------------------------ internals

    /** A request answered without a permit (a route calling afterResponse alone): booked as sent now. */
    private Permit acquireNow(int credits) {
        CreditLedger.Booking booking = ledger.book(credits, clock, 2 * windowNanos + marginNanos, (now, entries) -> 0);
        return new Permit(booking.id(), credits, booking.at());
    }

    /** Closes the permit; true when it was open (answered or abandoned now, not before). */
    private synchronized boolean close(Permit permit) {
        boolean wasOpen = permit.open;
        permit.open = false;
        return wasOpen;
    }

    /**
     * A wait from {@code now} that would leave this process without a request through, or this
     * request waiting since {@code firstTry}, for longer than the timeout throws instead.
     */
    private synchronized void giveUpIfTooLong(long now, long wait, long firstTry) {
        if (stalledSince == null) {
            stalledSince = now;
        }
        long since = Math.min(stalledSince, firstTry);
        if (now + wait - since > timeoutNanos) {
            Duration stalled = Duration.ofNanos(now - since);
            long in429 = http429InARow;
            stalledSince = null; // a later request waits its own time again
            http429InARow = 0;
            JoorRateLimitTimeoutException e = new JoorRateLimitTimeoutException(stalled, Duration.ofNanos(timeoutNanos), in429);
            LOG.warn(e.getMessage());
            throw e;
        }
    }

    /**
     * What the ledger's entries mean at {@code now}. An answered request counts until a window and
     * the margin after its answer; one with no answer after a window counts as answered then; one
     * still in flight counts at least a window from now. Once JOOR's pause is over, requests answered
     * before its reset no longer count.
     */
    private Use use(long now, CreditLedger.Entries entries) {
        CreditLedger.Pause pause = entries.pause();
        long pausedFor = pause != null && pause.until() - now > 0 ? pause.until() - now : 0;
        int inUse = 0;
        List<long[]> expiring = new ArrayList<>();
        for (CreditLedger.Spend spend : entries.spends()) {
            long answeredAt;
            if (spend.answeredAt() != null) {
                answeredAt = spend.answeredAt();
            } else if (now - spend.sentAt() >= windowNanos) {
                answeredAt = spend.sentAt() + windowNanos;
            } else {
                inUse += spend.credits();
                continue;
            }
            if (pause != null && pausedFor == 0 && answeredAt - pause.resetAt() < 0) {
                continue; // received in the window JOOR's 429 closed
            }
            long expiry = answeredAt + windowNanos + marginNanos;
            if (expiry - now > 0) {
                inUse += spend.credits();
                expiring.add(new long[] {expiry, spend.credits()});
            }
        }
        expiring.sort(Comparator.comparingLong(e -> e[0]));
        return new Use(pausedFor, inUse, expiring);
    }

    /** Nanoseconds until {@code credits} fit; 0 when they fit now. */
    private long waitNanos(long now, int credits, Use use) {
        if (use.pausedFor() > 0) {
            return use.pausedFor();
        }
        int missing = credits - (budget - use.inUse());
        if (missing <= 0) {
            return 0;
        }
        for (long[] e : use.expiring()) {
            missing -= (int) e[1];
            if (missing <= 0) {
                return e[0] - now;
            }
        }
        // the rest is held by requests in flight: they count until a window after their answer
        return windowNanos + marginNanos;
    }

    /** Retry-After in seconds or as an HTTP date; a full window when absent or unreadable. */
    private Duration parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return window();
        }
        String v = value.strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(Instant.now(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                LOG.debug("Unreadable Retry-After '{}'; pausing a full window", v);
                return window();
            }
        }
    }

    private static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static String describe(String method, String path) {
        return (method == null ? "GET" : method.toUpperCase(Locale.ROOT)) + " " + (path == null ? "/" : path);
    }

    private static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
