package com.shopifyjoorsync.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The state store on its own, on H2 and on a real PostgreSQL (TestPostgres, a fresh database per
 * test): the same migration and SQL on both.
 */
class StateStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    Path dir;
    HikariDataSource dataSource;

    @AfterEach
    void close() {
        if (dataSource != null) {
            dataSource.close();
        }
    }

    private StateStore store(String database, String shop) throws Exception {
        dataSource = TestStateStores.migratedPool(TestStateStores.newStore(database, dir));
        StateStore.migrate(dataSource); // idempotent: a second start migrates nothing
        return new StateStore(dataSource, shop, Clock.fixed(T0, ZoneOffset.UTC));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void windowsAdvanceOnlyWhenClosedAndSweepsComeDaily(String database) throws Exception {
        StateStore state = store(database, "shop-a");
        Duration day = Duration.ofDays(1);

        CycleWindow first = state.openWindow(T0, day, day, null);
        assertThat(first.start()).isNull();
        assertThat(first.fullSweep()).isTrue();
        assertThat(state.openWindow(T0, day, day, null)).isEqualTo(first); // not closed: the same again

        state.closeWindow("c1", first);
        CycleWindow second = state.openWindow(T0.plusSeconds(900), day, day, null);
        assertThat(second.start()).isEqualTo(T0.minus(day));
        assertThat(second.fullSweep()).isFalse();
        state.closeWindow("c2", second);
        assertThat(state.watermark()).isEqualTo(T0.plusSeconds(900));
        assertThat(state.openWindow(T0.plus(day), day, day, null).fullSweep()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void deliveriesPendingCustomersAndTagRemovals(String database) throws Exception {
        StateStore state = store(database, "shop-a");
        delivered(state, 1, "706405506930370084", "h1");
        state.stageTemplateRows("c1", List.of(row("9007199254740993", "t1")));
        assertThat(state.load(List.of("9007199254740993"))).isEmpty(); // staged, not published yet

        state.templatePublished("c1");
        Map<String, CustomerState> states = state.load(List.of("706405506930370084", "9007199254740993", "1"));
        assertThat(states).containsOnlyKeys("706405506930370084", "9007199254740993");
        assertThat(states.get("706405506930370084").joorHash()).isEqualTo("h1");
        assertThat(states.get("9007199254740993").status()).isEqualTo(CustomerState.Status.DATA_SERVICES_PENDING);
        assertThat(state.pendingAtDataServices()).isEqualTo(new PendingSubmissions(1, T0));

        assertThat(state.promoteKnown(Set.of("9007199254740993")::contains)).isEqualTo(1);
        assertThat(state.pendingAtDataServices().count()).isZero();

        // a full sweep that saw only one of them: the other lost its tag
        CycleWindow sweep = new CycleWindow(null, T0, true);
        state.markSeen(List.of("9007199254740993"), "sweep-1");
        assertThat(state.closeWindow("sweep-1", sweep)).isEqualTo(1);
        assertThat(state.load(List.of("706405506930370084")).get("706405506930370084").status())
                .isEqualTo(CustomerState.Status.UNTAGGED);
    }

    private static UnconfirmedCustomer sent(String code, String hash) {
        return new UnconfirmedCustomer(code, hash, "{\"customer_code\":\"" + code + "\"}", "{\"id\":1}", null, 1);
    }

    /** Sent to JOOR in a job that JOOR then confirmed. */
    private static void delivered(StateStore state, long jobId, String code, String hash) {
        state.jobPosted(jobId, "c1", List.of(sent(code, hash)));
        state.jobConfirmed(jobId, "c1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void customersSentToJoorAreDeliveredOnlyWhenTheirJobConfirmsThem(String database) throws Exception {
        StateStore state = store(database, "shop-a");
        state.jobPosted(7, "c1", List.of(sent("1", "h1"), sent("2", "h2"), sent("3", "h3")));

        assertThat(state.awaitingJobs()).containsExactly(7L);
        assertThat(state.awaitingJob(7)).isEqualTo(new AwaitingJob(7, 3, T0, 1));
        CustomerState one = state.load(List.of("1")).get("1");
        assertThat(one.status()).isNull();
        assertThat(one.joorHash()).isNull();
        assertThat(one.joorSentHash()).isEqualTo("h1");
        assertThat(state.unconfirmedCounts()).isEqualTo(new UnconfirmedCounts(3, 0));

        // the job finished short: its customers go again; "3" changed meanwhile and went alone in job 8
        state.jobToResend(7);
        state.jobPosted(8, "c2", List.of(sent("3", "h3-new")));
        assertThat(state.awaitingJob(7)).isNull();
        assertThat(state.jobsToResend()).containsExactly(7L);
        assertThat(state.jobCustomers(7)).extracting(UnconfirmedCustomer::code).containsExactly("1", "2");
        assertThat(state.unconfirmedCounts()).isEqualTo(new UnconfirmedCounts(1, 2));

        // sent again: the same content counts its sends
        state.jobPosted(9, "c2", List.of(sent("1", "h1")));
        assertThat(state.awaitingJob(9).sends()).isEqualTo(2);
        state.jobConfirmed(9, "c2");
        CustomerState confirmed = state.load(List.of("1")).get("1");
        assertThat(confirmed.status()).isEqualTo(CustomerState.Status.JOOR);
        assertThat(confirmed.joorHash()).isEqualTo("h1");
        assertThat(confirmed.joorSentHash()).isNull();

        // dead-lettered: no longer held for any job
        state.deadLettered("2", "x");
        state.jobForgotten(7);
        assertThat(state.jobsToResend()).isEmpty();
        assertThat(state.awaitingJobs()).containsExactly(8L);
        assertThat(state.unconfirmedCounts()).isEqualTo(new UnconfirmedCounts(1, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aJobsCustomersComeBackWholeForADeadLetterAndAsCodesAndHashesForADelivery(String database) throws Exception {
        StateStore state = store(database, "shop-a");
        String connection = "{\"customer_code\":\"1\",\"customer_name\":\"Caf\u00e9 " + "x".repeat(5000) + "\"}";
        state.jobPosted(7, "c1", List.of(new UnconfirmedCustomer("1", "h1", connection, null, "dl/1.json", 1),
                new UnconfirmedCustomer("2", "h2", "{}", "{\"id\":2}", null, 1)));

        assertThat(state.jobCustomers(7)).containsExactly(
                new UnconfirmedCustomer("1", "h1", connection, null, "dl/1.json", 1),
                new UnconfirmedCustomer("2", "h2", "{}", "{\"id\":2}", null, 1));
        assertThat(state.jobDeliveries(7)).extracting(Delivery::code, Delivery::contentHash, Delivery::replayFile)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1", "h1", "dl/1.json"),
                        org.assertj.core.groups.Tuple.tuple("2", "h2", null));
        // sent again with the same content: its sends go on counting; with another, they start again
        state.jobPosted(8, "c2", List.of(new UnconfirmedCustomer("1", "h1", connection, null, null, 1),
                new UnconfirmedCustomer("2", "h2-new", "{}", null, null, 1)));
        assertThat(state.awaitingJob(8).sends()).isEqualTo(2);
        assertThat(state.jobCustomers(8)).extracting(UnconfirmedCustomer::sends).containsExactly(2, 1);
        assertThat(state.jobDeliveries(7)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void theLastGoodJoorIndexIsKeptPerShop(String database) throws Exception {
        StateStore shopA = store(database, "shop-a");
        StateStore shopB = new StateStore(dataSource, "shop-b", Clock.fixed(T0, ZoneOffset.UTC));
        assertThat(shopA.lastGoodIndex()).isNull();
        assertThat(shopA.customersDeliveredToJoor()).isZero();

        shopA.goodIndex(80);
        shopA.goodIndex(76);
        delivered(shopA, 1, "1", "h");
        delivered(shopA, 2, "2", "h");
        shopA.jobPosted(3, "c1", List.of(sent("4", "h"))); // awaiting its job: not delivered yet
        shopA.stageTemplateRows("c1", List.of(row("3", "t")));
        shopA.templatePublished("c1");

        assertThat(shopA.lastGoodIndex()).isEqualTo(76);
        assertThat(shopA.customersDeliveredToJoor()).isEqualTo(2); // not the one pending at Data Services
        assertThat(shopB.lastGoodIndex()).isNull();
        assertThat(shopB.customersDeliveredToJoor()).isZero();
        assertThat(new StateStore(dataSource, "shop-a", Clock.systemUTC()).lastGoodIndex()).as("after a restart")
                .isEqualTo(76);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void everyRowBelongsToItsShop(String database) throws Exception {
        StateStore shopA = store(database, "shop-a");
        StateStore shopB = new StateStore(dataSource, "shop-b", Clock.fixed(T0, ZoneOffset.UTC));
        delivered(shopA, 1, "42", "a");
        shopA.closeWindow("c1", new CycleWindow(null, T0, true));

        assertThat(shopB.load(List.of("42"))).isEmpty();
        assertThat(shopB.watermark()).isNull();
        shopB.deadLettered("42", "x");
        assertThat(shopA.load(List.of("42")).get("42").deadLetterHash()).isNull();
        assertThat(shopB.load(List.of("42")).get("42").status()).isEqualTo(CustomerState.Status.DEAD_LETTERED);
    }

    /** A template row as the routes stage it: its code and content hash. */
    private static Delivery row(String code, String hash) {
        return new Delivery() {
            @Override
            public String code() {
                return code;
            }

            @Override
            public String contentHash() {
                return hash;
            }
        };
    }
}
