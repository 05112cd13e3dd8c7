package com.shopifyjoorsync.joor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.shopifyjoorsync.state.CreditLedger;
import com.shopifyjoorsync.state.TestStateStores;
import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two processes on one state store pace themselves as one: each has its own pool, ledger and pacer
 * (as the sync and a command run beside it, or two nodes on one PostgreSQL), on H2 and on a real
 * PostgreSQL (TestPostgres). Time is a shared fake clock.
 */
class SharedCreditBudgetTest {
    private static final Duration WINDOW = Duration.ofSeconds(300);
    private static final Duration MARGIN = JoorCreditPacer.SAFETY_MARGIN;
    private static final String ACCOUNT = "https://api.jooraccess.com/v2";

    @TempDir
    Path dir;
    private final FakeTime time = new FakeTime();
    private final List<HikariDataSource> pools = new ArrayList<>();
    private String storeUrl;

    @AfterEach
    void close() {
        pools.forEach(HikariDataSource::close);
    }

    /** One process's connection pool to the shared store. */
    private HikariDataSource process(String database) throws Exception {
        if (storeUrl == null) {
            storeUrl = TestStateStores.newStore(database, dir); // one store shared by this test's processes
        }
        HikariDataSource pool = TestStateStores.migratedPool(storeUrl);
        pools.add(pool);
        return pool;
    }

    private JoorCreditPacer pacer(HikariDataSource process, String account) {
        return time.pacer(300, WINDOW, new CreditLedger(process, account));
    }

    private static void call(JoorCreditPacer pacer, int credits) {
        pacer.answered(pacer.acquire(credits), 200, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void whatOneProcessSpentTheOtherWaitsFor(String database) throws Exception {
        JoorCreditPacer sync = pacer(process(database), ACCOUNT);
        JoorCreditPacer check = pacer(process(database), ACCOUNT);
        for (int i = 0; i < 59; i++) {
            call(sync, 5);
        }
        call(check, 1); // 296 of 300: --check's GET fits
        assertThat(sync.creditsAvailable()).isEqualTo(4);

        call(sync, 5); // the sync's 60th POST no longer fits: it waits for JOOR's next window
        assertThat(time.sleeps).containsExactly(WINDOW.plus(MARGIN));
        call(check, 1);
        assertThat(time.sleeps).hasSize(1);
        assertThat(check.creditsAvailable()).isEqualTo(294);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aProcessStartedRightAfterTheSyncStoppedWaitsForWhatItSpent(String database) throws Exception {
        HikariDataSource syncProcess = process(database);
        JoorCreditPacer sync = pacer(syncProcess, ACCOUNT);
        for (int i = 0; i < 60; i++) {
            call(sync, 5);
        }
        syncProcess.close(); // the sync has stopped (an H2 file is closed with its last connection)
        time.advance(Duration.ofSeconds(100));

        JoorCreditPacer replay = pacer(process(database), ACCOUNT);
        call(replay, 1);

        assertThat(time.sleeps).containsExactly(WINDOW.plus(MARGIN).minusSeconds(100));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aPauseJoorGaveOneProcessHoldsTheOther(String database) throws Exception {
        JoorCreditPacer sync = pacer(process(database), ACCOUNT);
        JoorCreditPacer report = pacer(process(database), ACCOUNT);

        assertThat(sync.answered(sync.acquire(5), 429, "120")).isEqualTo(Duration.ofSeconds(120));
        call(report, 1);

        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(120).plus(MARGIN));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void anotherJoorAccountHasABudgetOfItsOwn(String database) throws Exception {
        JoorCreditPacer production = pacer(process(database), ACCOUNT);
        JoorCreditPacer sandbox = pacer(process(database), "https://apisandbox.jooraccess.com/v2");
        for (int i = 0; i < 60; i++) {
            call(production, 5);
        }

        call(sandbox, 5);

        assertThat(time.sleeps).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void twoAccountsAtOneUrlAreTwoBudgetsAndOneTokenIsOne(String database) throws Exception {
        // two brands' shops on production JOOR: one URL, a token each
        JoorCreditPacer brandA = pacer(process(database), CreditLedger.account(ACCOUNT, "token-of-brand-a"));
        JoorCreditPacer brandB = pacer(process(database), CreditLedger.account(ACCOUNT, "token-of-brand-b"));
        for (int i = 0; i < 60; i++) {
            call(brandA, 5);
        }
        call(brandB, 5);
        assertThat(time.sleeps).isEmpty();
        // a second shop of brand A (another process, the same token) waits for what the first spent
        JoorCreditPacer brandAAgain = pacer(process(database), CreditLedger.account(ACCOUNT, "token-of-brand-a"));
        call(brandAAgain, 5);
        assertThat(time.sleeps).isNotEmpty();
        assertThat(CreditLedger.account(ACCOUNT, "token-of-brand-a")).doesNotContain("token-of-brand-a");
    }

    /** JOOR's side: fixed windows starting at the first request received. */
    private static final class FakeJoor {
        private final long windowNanos = WINDOW.toNanos();
        private Long start;
        private int used;
        private int usedBefore;
        private int maxUsed;

        /**
         * Threads read the clock, then report: a request may arrive here after one that opened a new
         * window although it was received before that window began; it counts in the window before.
         */
        synchronized void receive(long now, int credits) {
            if (start != null && now < start) {
                usedBefore += credits;
                maxUsed = Math.max(maxUsed, usedBefore);
                return;
            }
            if (start == null || now - start >= windowNanos) {
                usedBefore = start != null && now - start < 2 * windowNanos ? used : 0;
                start = now;
                used = 0;
            }
            used += credits;
            maxUsed = Math.max(maxUsed, used);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void twoProcessesCallingAtOnceNeverPassJoorsBudget(String database) throws Exception {
        List<JoorCreditPacer> processes = List.of(pacer(process(database), ACCOUNT), pacer(process(database), ACCOUNT));
        FakeJoor joor = new FakeJoor();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            JoorCreditPacer pacer = processes.get(t % 2);
            Random random = new Random(t);
            done.add(threads.submit(() -> {
                for (int i = 0; i < 100; i++) {
                    int credits = random.nextInt(3) == 0 ? 5 : 1;
                    JoorCreditPacer.Permit permit = pacer.acquire(credits);
                    time.advance(Duration.ofMillis(random.nextInt(200))); // on the way to JOOR
                    joor.receive(time.now(), credits);
                    Thread.sleep(1);
                    time.advance(Duration.ofMillis(random.nextInt(200))); // on the way back
                    pacer.answered(permit, 200, null);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        threads.shutdown();

        assertThat(processes.get(0).requests() + processes.get(1).requests()).isEqualTo(400);
        assertThat(time.sleeps).isNotEmpty();
        assertThat(joor.maxUsed).isLessThanOrEqualTo(300);
    }
}
