package com.shopifyjoorsync.joor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class JoorCreditPacerTest {

    private static final Duration WINDOW = Duration.ofSeconds(300);
    private static final Duration MARGIN = JoorCreditPacer.SAFETY_MARGIN;

    private final FakeTime time = new FakeTime();
    private final JoorCreditPacer pacer = time.pacer(300, WINDOW);

    /** One paced call: reserve, JOOR takes {@code latency} to answer 200. */
    private void call(String method, Duration latency) {
        JoorCreditPacer.Permit permit = pacer.acquire(JoorCreditPacer.creditsFor(method));
        time.advance(latency);
        pacer.answered(permit, 200, null);
    }

    private static Exchange exchange(String method) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, method);
        exchange.getMessage().setHeader(Exchange.HTTP_PATH, "/bulk-connection");
        return exchange;
    }

    @Test
    void pricesGetAtOneAndWritesAtFive() {
        assertThat(JoorCreditPacer.creditsFor("GET")).isEqualTo(1);
        assertThat(JoorCreditPacer.creditsFor("get")).isEqualTo(1);
        assertThat(JoorCreditPacer.creditsFor("POST")).isEqualTo(5);
        assertThat(JoorCreditPacer.creditsFor("PUT")).isEqualTo(5);
        assertThat(JoorCreditPacer.creditsFor("DELETE")).isEqualTo(5);
    }

    @Test
    void sixtyPostsFitAWindowAndThe61stWaitsForTheNext() {
        for (int i = 0; i < 60; i++) {
            call("POST", Duration.ZERO);
        }
        assertThat(time.sleeps).isEmpty();
        assertThat(pacer.creditsAvailable()).isZero();

        call("POST", Duration.ZERO);

        assertThat(time.sleeps).containsExactly(WINDOW.plus(MARGIN));
        // the new window holds 60 POSTs again, then the next waits a full window
        for (int i = 0; i < 59; i++) {
            call("POST", Duration.ZERO);
        }
        assertThat(time.sleeps).hasSize(1);
        call("POST", Duration.ZERO);
        assertThat(time.sleeps).containsExactly(WINDOW.plus(MARGIN), WINDOW.plus(MARGIN));
        assertThat(pacer.creditsUsed()).isEqualTo(121 * 5);
        assertThat(pacer.requests()).isEqualTo(121);
    }

    @Test
    void theWindowIsAnchoredOnTheFirstAnswerNotTheFirstSend() {
        // each call takes 1 s: the first answer arrives 1 s after the window's first request was sent
        for (int i = 0; i < 60; i++) {
            call("POST", Duration.ofSeconds(1));
        }
        call("POST", Duration.ofSeconds(1));

        // now = start + 60 s; the window ends at first answer (start + 1 s) + 300 s + margin
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(1 + 300 + 1 - 60));
    }

    @Test
    void getsCountOneCredit() {
        for (int i = 0; i < 59; i++) {
            call("POST", Duration.ZERO);
        }
        for (int i = 0; i < 5; i++) {
            call("GET", Duration.ZERO);
        }
        assertThat(time.sleeps).isEmpty();
        assertThat(pacer.creditsUsed()).isEqualTo(300);

        call("GET", Duration.ZERO);
        assertThat(time.sleeps).containsExactly(WINDOW.plus(MARGIN));
    }

    @Test
    void aRequestInFlightAcrossJoorsWindowEndCountsInTheNextWindowToo() {
        for (int i = 0; i < 59; i++) {
            call("POST", Duration.ZERO); // t0: JOOR's window [t0, t0+300) holds 295 credits
        }
        time.advance(Duration.ofSeconds(299));
        JoorCreditPacer.Permit lateGet = pacer.acquire(1); // sent at t0+299; JOOR may receive it after
        time.advance(Duration.ofMillis(1600)); //            t0+300, where it opens JOOR's next window
        pacer.answered(lateGet, 200, null);
        time.advance(Duration.ofMillis(400)); // t0+301: the 59 POSTs no longer count

        int postsWithoutWaiting = 0;
        while (true) {
            int sleepsBefore = time.sleeps.size();
            pacer.answered(pacer.acquire(5), 200, null);
            if (time.sleeps.size() > sleepsBefore) {
                break;
            }
            postsWithoutWaiting++;
        }
        // a single anchor would allow 60 POSTs here: 301 credits in the window the late GET opened
        assertThat(postsWithoutWaiting).isEqualTo(59);
        assertThat(1 + 5 * postsWithoutWaiting).isLessThanOrEqualTo(300);
    }

    @Test
    void a429PausesForRetryAfterAndIsRetryable() {
        Exchange first = exchange("POST");
        pacer.beforeRequest(first);
        first.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 429);
        first.getMessage().setHeader("Retry-After", "120");

        assertThatThrownBy(() -> pacer.afterResponse(first))
                .isInstanceOfSatisfying(JoorRateLimitedException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120));
                    assertThat(e).hasMessageContaining("429").hasMessageContaining("POST /bulk-connection");
                });
        assertThat(pacer.http429()).isEqualTo(1);
        assertThat(pacer.creditsUsed()).isZero();
        assertThat(pacer.requests()).isEqualTo(1);
        assertThat(pacer.creditsAvailable()).as("nothing while the 429 pause lasts").isZero();

        Exchange retry = exchange("GET");
        pacer.beforeRequest(retry);

        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(120).plus(MARGIN));
        // after JOOR's reset the whole budget is there again
        assertThat(pacer.creditsAvailable()).isEqualTo(299);
    }

    @Test
    void a429WithoutRetryAfterPausesAFullWindow() {
        Exchange first = exchange("GET");
        pacer.beforeRequest(first);
        first.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 429);

        assertThatThrownBy(() -> pacer.afterResponse(first)).isInstanceOf(JoorRateLimitedException.class);
        pacer.beforeRequest(exchange("GET"));

        assertThat(time.sleeps).containsExactly(WINDOW.plus(MARGIN));
    }

    /** One request JOOR answers 429 with Retry-After 300; returns the exception afterResponse threw. */
    private RuntimeException answer429(Exchange exchange) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 429);
        exchange.getMessage().setHeader("Retry-After", "300");
        try {
            pacer.afterResponse(exchange);
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("no exception on 429");
    }

    @Test
    void a429WindowAfterWindowEndsInATimeoutOnceTheNextWaitWouldPassIt() {
        // joor.rate-limit-timeout: three windows (FakeTime's pacer); each 429 pauses 300 s + the margin
        Exchange batch = exchange("POST");
        long start = time.now();
        pacer.beforeRequest(batch);
        assertThat(answer429(batch)).isInstanceOf(JoorRateLimitedException.class);
        pacer.beforeRequest(batch); // the redelivery waits the pause: 301 s in
        assertThat(answer429(batch)).isInstanceOf(JoorRateLimitedException.class);
        pacer.beforeRequest(batch); // 602 s in
        assertThat(answer429(batch)).isInstanceOf(JoorRateLimitedException.class);

        // waiting until 903 s would pass the 900 s: no fourth wait, no fourth request
        assertThatThrownBy(() -> pacer.beforeRequest(batch)).isInstanceOf(JoorRateLimitTimeoutException.class)
                .hasMessageContaining("3 HTTP 429 in a row").hasMessageContaining("joor.rate-limit-timeout=900s");
        assertThat(Duration.ofNanos(time.now() - start)).isEqualTo(Duration.ofSeconds(602));
        assertThat(pacer.http429()).isEqualTo(3);
        assertThat(pacer.requests()).isEqualTo(3);
    }

    @Test
    void anAnswerThatIsNo429StartsTheTimeoutAgain() {
        for (int i = 0; i < 5; i++) {
            Exchange call = exchange("GET");
            pacer.beforeRequest(call);
            assertThat(answer429(call)).isInstanceOf(JoorRateLimitedException.class);
            Exchange next = exchange("GET");
            pacer.beforeRequest(next); // waits out the pause
            next.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
            pacer.afterResponse(next);
        }

        assertThat(pacer.http429()).isEqualTo(5);
        assertThat(time.sleeps).hasSize(5);
    }

    @Test
    void theExchangeCarriesItsPermitFromBeforeToAfter() {
        Exchange exchange = exchange("POST");
        pacer.beforeRequest(exchange);
        assertThat(exchange.getProperty(JoorCreditPacer.PERMIT_PROPERTY)).isNotNull();
        assertThat(pacer.creditsAvailable()).isEqualTo(295);

        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 500);
        pacer.afterResponse(exchange); // failed calls cost credits too

        assertThat(exchange.getProperty(JoorCreditPacer.PERMIT_PROPERTY)).isNull();
        assertThat(pacer.creditsUsed()).isEqualTo(5);
        assertThat(pacer.creditsAvailable()).isEqualTo(295);
    }

    @Test
    void aRedeliveredExchangeWithoutAnswerKeepsCountingTheLostAttempt() {
        Exchange exchange = exchange("POST");
        pacer.beforeRequest(exchange);
        // camel-http threw (no answer); the caller redelivers the same exchange
        pacer.beforeRequest(exchange);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        pacer.afterResponse(exchange);

        assertThat(pacer.creditsAvailable()).isEqualTo(290);
        assertThat(pacer.creditsUsed()).isEqualTo(5);
    }

    @Test
    void aPermitNeverAnsweredIsReleasedAfterAWindowAndCountsAnotherOne() {
        pacer.acquire(5); // never answered
        time.advance(WINDOW);
        assertThat(pacer.creditsAvailable()).isEqualTo(295);
        time.advance(WINDOW.plus(MARGIN));
        assertThat(pacer.creditsAvailable()).isEqualTo(300);
    }

    @Test
    void refusesBudgetsAndRequestsThatCanNeverFit() {
        assertThatThrownBy(() -> time.pacer(4, WINDOW)).hasMessageContaining("joor.credits-per-window");
        assertThatThrownBy(() -> pacer.acquire(301)).isInstanceOf(IllegalArgumentException.class);
    }

    /** JOOR's side: fixed windows starting at the first request received. */
    private static final class FakeJoor {
        private final long windowNanos = WINDOW.toNanos();
        private Long start;
        private int used;
        private int maxUsed;
        private int windows;

        synchronized void receive(long now, int credits) {
            if (start == null || now - start >= windowNanos) {
                start = now;
                used = 0;
                windows++;
            }
            used += credits;
            maxUsed = Math.max(maxUsed, used);
        }
    }

    @Test
    void neverOverBudgetUnderConcurrentCallersWithRandomLatency() throws Exception {
        FakeJoor joor = new FakeJoor();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            long seed = t;
            futures.add(pool.submit(() -> {
                Random random = new Random(seed);
                for (int i = 0; i < 150; i++) {
                    Exchange exchange = exchange(random.nextInt(3) == 0 ? "POST" : "GET");
                    pacer.beforeRequest(exchange);
                    time.advance(Duration.ofMillis(random.nextInt(200))); // on the way to JOOR
                    joor.receive(time.now(), JoorCreditPacer.creditsFor(
                            exchange.getMessage().getHeader(Exchange.HTTP_METHOD, String.class)));
                    Thread.sleep(1); // keep requests in flight together in real time too
                    time.advance(Duration.ofMillis(random.nextInt(200))); // on the way back
                    exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
                    pacer.afterResponse(exchange);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(pacer.requests()).isEqualTo(600);
        assertThat(joor.windows).isGreaterThan(3);
        assertThat(joor.maxUsed).isLessThanOrEqualTo(300);
        assertThat(pacer.http429()).isZero();
    }
}
