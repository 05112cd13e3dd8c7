package com.shopifyjoorsync.joor;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;

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
 * <p>Thread-safe; waiting happens outside the lock. Time and sleep are injected for tests.
 */
public class JoorCreditPacer {

    private static final Logger LOG = LoggerFactory.getLogger(JoorCreditPacer.class);

    public static final int DEFAULT_CREDITS_PER_WINDOW = 300;
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(300);
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

    /** The credits reserved for one request, from {@link #acquire} to its answer. */
    public static final class Permit {
        private final int credits;
        private final long sentAt;
        private boolean open = true; // guarded by the pacer

        private Permit(int credits, long sentAt) {
            this.credits = credits;
            this.sentAt = sentAt;
        }

        public int credits() {
            return credits;
        }
    }

    private record Spent(long answeredAt, int credits) {
    }

    private final int budget;
    private final long windowNanos;
    private final long marginNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;

    // guarded by this
    private final ArrayDeque<Spent> spent = new ArrayDeque<>(); // in answer order
    private int spentCredits;
    private final Set<Permit> inFlight = new HashSet<>();
    private int inFlightCredits;
    private boolean blocked;
    private long blockedUntil;
    private long resetAt;
    private long creditsUsed;
    private long requests;
    private long http429;

    /** JOOR's published budget: 300 credits per 300 s. */
    public JoorCreditPacer() {
        this(DEFAULT_CREDITS_PER_WINDOW, DEFAULT_WINDOW);
    }

    /** @param creditsPerWindow joor.credits-per-window; @param window joor.credit-window */
    public JoorCreditPacer(int creditsPerWindow, Duration window) {
        this(creditsPerWindow, window, System::nanoTime, d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000));
    }

    /**
     * @param nanoTime a monotonic clock in nanoseconds (like {@link System#nanoTime()})
     * @param sleeper  how to wait
     */
    public JoorCreditPacer(int creditsPerWindow, Duration window, LongSupplier nanoTime, Sleeper sleeper) {
        if (creditsPerWindow < WRITE_CREDITS) {
            throw new IllegalArgumentException("joor.credits-per-window must be at least " + WRITE_CREDITS
                    + " (the price of one POST), got " + creditsPerWindow);
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("joor.credit-window must be a positive duration, got " + window);
        }
        this.budget = creditsPerWindow;
        this.windowNanos = window.toNanos();
        this.marginNanos = SAFETY_MARGIN.toNanos();
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    /** JOOR's price of a request: 1 for GET, 5 for anything else (POST, PUT, DELETE; unknown ones priced as writes). */
    public static int creditsFor(String method) {
        return method != null && "GET".equalsIgnoreCase(method.strip()) ? READ_CREDITS : WRITE_CREDITS;
    }

    // ------------------------------------------------------------------ route API

    /**
     * Blocks until the request described by the exchange ({@code CamelHttpMethod}; when absent,
     * GET without a body and POST with one, like camel-http) fits the credit budget, then reserves
     * its credits on the exchange.
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
        }
        int credits = permit != null ? permit.credits() : creditsFor(method);
        Duration pause = answered(permit, credits, status == null ? 0 : status, in.getHeader("Retry-After", String.class));
        if (pause != null) {
            throw new JoorRateLimitedException(describe(method, in.getHeader(Exchange.HTTP_PATH, String.class)), pause);
        }
    }

    /**
     * Releases the permit of a call that failed without an answer (optional: the next
     * {@link #beforeRequest} of the same exchange, or one window, does it otherwise). Its credits
     * keep counting as if JOOR received it now.
     */
    public void abandon(Exchange exchange) {
        Permit permit = exchange.getProperty(PERMIT_PROPERTY, Permit.class);
        exchange.removeProperty(PERMIT_PROPERTY);
        if (permit != null) {
            synchronized (this) {
                long now = nanoTime.getAsLong();
                if (permit.open) {
                    close(permit);
                    book(now, permit.credits);
                }
            }
        }
    }

    // ------------------------------------------------------------------ plain API

    /** Blocks until {@code credits} fit the budget, then reserves them. */
    public Permit acquire(int credits) {
        if (credits < 1 || credits > budget) {
            throw new IllegalArgumentException("a request of " + credits + " credits can never fit a budget of "
                    + budget + " per window");
        }
        boolean announced = false;
        while (true) {
            long wait;
            synchronized (this) {
                long now = nanoTime.getAsLong();
                housekeeping(now);
                wait = waitNanos(now, credits);
                if (wait <= 0) {
                    Permit permit = new Permit(credits, now);
                    inFlight.add(permit);
                    inFlightCredits += credits;
                    return permit;
                }
                if (!announced && wait >= LOG_WAIT_NANOS) {
                    announced = true;
                    if (blocked) {
                        LOG.info("JOOR calls paused after a 429; waiting {} s", seconds(wait));
                    } else {
                        LOG.info("JOOR credit budget reached ({} of {} credits per {} s in use); waiting {} s",
                                spentCredits + inFlightCredits, budget, windowNanos / 1_000_000_000L, seconds(wait));
                    }
                } else {
                    LOG.debug("Waiting {} ms for {} JOOR credits", wait / 1_000_000L, credits);
                }
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
        return answered(permit, permit.credits(), status, retryAfter);
    }

    private Duration answered(Permit permit, int credits, int status, String retryAfter) {
        synchronized (this) {
            long now = nanoTime.getAsLong();
            requests++;
            boolean wasOpen = permit != null && permit.open;
            if (wasOpen) {
                close(permit);
            }
            if (status == 429) {
                http429++;
                Duration pause = parseRetryAfter(retryAfter);
                pause(now, pause.toNanos());
                LOG.warn("JOOR answered 429 (rate limited); pausing JOOR calls for {} s", seconds(pause.toNanos() + marginNanos));
                return pause;
            }
            creditsUsed += credits;
            if (wasOpen || permit == null) {
                book(now, credits); // an expired permit was booked when it expired
            }
            return null;
        }
    }

    /**
     * How long until {@code credits} more could be spent, for progress logs: more than one window's
     * worth adds a window each. An estimate: requests in flight are assumed answered now.
     */
    public synchronized Duration estimatedWaitFor(int credits) {
        if (credits <= 0) {
            return Duration.ZERO;
        }
        long now = nanoTime.getAsLong();
        housekeeping(now);
        int fullWindows = (credits - 1) / budget;
        int firstChunk = credits - fullWindows * budget;
        long first = blocked ? blockedUntil - now : waitNanos(now, firstChunk);
        return Duration.ofNanos(Math.max(0, first) + fullWindows * (windowNanos + marginNanos));
    }

    /** Credits that could be spent right now without waiting. */
    public synchronized int creditsAvailable() {
        long now = nanoTime.getAsLong();
        housekeeping(now);
        return blocked ? 0 : budget - spentCredits - inFlightCredits;
    }

    /** Credits of every answered request except 429s (failed calls cost credits too). */
    public synchronized long creditsUsed() {
        return creditsUsed;
    }

    /** Answered requests, 429s included. */
    public synchronized long requests() {
        return requests;
    }

    /** Answers with HTTP 429. */
    public synchronized long http429() {
        return http429;
    }

    public int creditsPerWindow() {
        return budget;
    }

    public Duration window() {
        return Duration.ofNanos(windowNanos);
    }

    // ------------------------------------------------------------------ internals (hold the lock)

    private void housekeeping(long now) {
        if (blocked && now - blockedUntil >= 0) {
            blocked = false;
            // answered before JOOR's announced reset: received in the window that ended
            while (!spent.isEmpty() && spent.peekFirst().answeredAt() - resetAt < 0) {
                spentCredits -= spent.removeFirst().credits();
            }
        }
        // no answer within a window: assume JOOR got it (if at all) by now, and count it from now
        for (Iterator<Permit> it = inFlight.iterator(); it.hasNext();) {
            Permit permit = it.next();
            if (now - permit.sentAt >= windowNanos) {
                it.remove();
                permit.open = false;
                inFlightCredits -= permit.credits;
                book(now, permit.credits);
                LOG.debug("JOOR request unanswered for a whole window; its {} credits count from now", permit.credits);
            }
        }
        while (!spent.isEmpty() && now - (spent.peekFirst().answeredAt() + windowNanos + marginNanos) >= 0) {
            spentCredits -= spent.removeFirst().credits();
        }
    }

    /** Nanoseconds until {@code credits} fit; 0 or less when they fit now. Call after housekeeping. */
    private long waitNanos(long now, int credits) {
        if (blocked) {
            return blockedUntil - now;
        }
        int missing = credits - (budget - spentCredits - inFlightCredits);
        if (missing <= 0) {
            return 0;
        }
        for (Spent s : spent) {
            missing -= s.credits();
            if (missing <= 0) {
                return s.answeredAt() + windowNanos + marginNanos - now;
            }
        }
        // the rest is held by requests in flight: they count until a window after their answer
        return windowNanos + marginNanos;
    }

    private void close(Permit permit) {
        permit.open = false;
        if (inFlight.remove(permit)) {
            inFlightCredits -= permit.credits;
        }
    }

    private void book(long answeredAt, int credits) {
        spent.addLast(new Spent(answeredAt, credits));
        spentCredits += credits;
    }

    private void pause(long now, long pauseNanos) {
        long until = now + pauseNanos + marginNanos;
        long reset = now + pauseNanos;
        if (!blocked || until - blockedUntil > 0) {
            blockedUntil = until;
        }
        if (!blocked || reset - resetAt > 0) {
            resetAt = reset;
        }
        blocked = true;
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

    private static String describe(String method, String path) {
        return (method == null ? "GET" : method.toUpperCase(Locale.ROOT)) + " " + (path == null ? "/" : path);
    }

    private static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
