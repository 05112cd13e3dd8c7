package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopifyjoorsync.state.CustomerState;
import com.shopifyjoorsync.state.StateStore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JOOR's job results, not the POST's 2xx, decide what is delivered: every customer ends delivered
 * (confirmed by its job) or dead-lettered, never lost, never sent again once JOOR confirmed it.
 */
class JoorJobResultsTest extends SandboxTest {
    private static final Pattern JOB_READ = Pattern.compile("GET /v2/bulk-connection/(\\d+) 200");

    private Set<String> known() {
        return sandbox.knownEligible();
    }

    private static StateStore state(SyncApplication app) {
        return app.context().getRegistry().lookupByNameAndType("sjsStateStore", StateStore.class);
    }

    private Map<String, CustomerState> statesOfKnown(SyncApplication app) {
        return state(app).load(List.copyOf(known()));
    }

    /** How many times JOOR received each connection since the last resetStats. */
    private Map<String, Long> receivedCounts() {
        return sandbox.joor.receivedConnections().stream()
                .collect(Collectors.groupingBy(c -> c.get("customer_code").asText(), TreeMap::new, Collectors.counting()));
    }

    private long posts() {
        return sandbox.joor.requestLog().stream().filter(l -> l.startsWith("POST /v2/bulk-connection")).count();
    }

    private List<Long> jobsRead() {
        List<Long> ids = new ArrayList<>();
        for (String line : sandbox.joor.requestLog()) {
            Matcher m = JOB_READ.matcher(line);
            if (m.matches()) {
                ids.add(Long.parseLong(m.group(1)));
            }
        }
        return ids;
    }

    private List<JsonNode> joorDeadLetters() throws Exception {
        return sandbox.deadLetters().stream().filter(d -> d.get("destination").asText().equals("joor")).toList();
    }

    private static SyncApplication.CycleResult cycle(SyncApplication app) {
        SyncApplication.CycleResult result = app.runCycle();
        assertThat(result.failed()).as(result.summary()).isFalse();
        return result;
    }

    @Test
    void aJobFinishedShortConfirmsNoneOfItsCustomersTheyGoAgainInHalvesUntilTheSkippedOneIsAloneAndDeadLettered()
            throws Exception {
        sandbox.settings.put("joor.batch-size", "8"); // 80 known customers: 10 jobs of 8
        String skipped = known().stream().sorted().findFirst().orElseThrow();
        sandbox.joor.failRecordsInJobs(skipped); // its job finishes with 7 of 8 processed, naming none

        try (SyncApplication app = sandbox.startApp()) {
            SyncApplication.CycleResult first = cycle(app);
            assertThat(first.summary()).contains(" joor_updated=72 ", " joor_jobs=10 ", " joor_jobs_unconfirmed=0 ",
                    " joor_failed_records=1 ", " joor_awaiting_confirmation=0 ", " joor_resend_next=8 ");
            CustomerState held = statesOfKnown(app).get(skipped);
            assertThat(held.joorHash()).as("not delivered").isNull();
            assertThat(held.joorSentHash()).isNotNull();

            // 8 -> 4 + 4 (one half confirmed) -> 2 + 2 -> 1 + 1: the skipped one is alone, and dead-lettered
            assertThat(cycle(app).summary()).contains(" joor_updated=4 ", " joor_jobs=2 ", " joor_resend_next=4 ");
            assertThat(cycle(app).summary()).contains(" joor_updated=2 ", " joor_jobs=2 ", " joor_resend_next=2 ");
            SyncApplication.CycleResult fourth = cycle(app);
            assertThat(fourth.summary()).contains(" joor_updated=1 ", " joor_jobs=2 ", " dead_lettered=1 ",
                    " joor_resend_next=0 ");

            Map<String, Long> received = receivedCounts();
            assertThat(received.keySet()).isEqualTo(known());
            assertThat(received.get(skipped)).isEqualTo(4);
            Map<String, Long> others = new TreeMap<>(received);
            others.remove(skipped);
            // its 7 batch-mates: sent until their half was confirmed, never after; everybody else once
            assertThat(others.values().stream().filter(n -> n > 1).sorted().toList()).containsExactly(2L, 2L, 2L, 2L,
                    3L, 3L, 4L);
            assertThat(others.values().stream().filter(n -> n == 1)).hasSize(72);

            List<JsonNode> letters = joorDeadLetters();
            assertThat(letters).hasSize(1);
            JsonNode letter = letters.get(0);
            assertThat(letter.get("customerId").asText()).isEqualTo(skipped);
            assertThat(letter.get("attempts").asInt()).isEqualTo(4);
            Matcher job = Pattern.compile("JOOR job (\\d+) finished with 0 of 1 records processed").matcher(
                    letter.get("error").asText());
            assertThat(job.find()).as(letter.get("error").asText()).isTrue();
            assertThat(jobsRead()).contains(Long.parseLong(job.group(1)));
            assertThat(letter.get("error").asText()).contains("connection_record_count 1", "alone in its job");

            Map<String, CustomerState> states = statesOfKnown(app);
            assertThat(states.get(skipped).status()).isEqualTo(CustomerState.Status.DEAD_LETTERED);
            assertThat(states.get(skipped).joorSentHash()).isNull();
            states.remove(skipped);
            assertThat(states.values()).allSatisfy(s -> {
                assertThat(s.status()).isEqualTo(CustomerState.Status.JOOR);
                assertThat(s.joorHash()).isNotNull();
                assertThat(s.joorSentHash()).isNull();
            });

            sandbox.joor.resetStats();
            SyncApplication.CycleResult fifth = cycle(app);
            assertThat(sandbox.joor.bulkPosts()).isZero();
            assertThat(fifth.summary()).contains(" joor_jobs=0 ", " still_dead_lettered=");
        }
    }

    @Test
    void aJobStillRunningWhenTheCycleStopsWaitingIsReadFirstByTheNextCyclesAcrossARestartAndNothingIsSentTwice()
            throws Exception {
        sandbox.settings.put("joor.job-poll-timeout", "300ms");
        sandbox.joor.holdJobs(true);

        try (SyncApplication app = sandbox.startApp()) {
            SyncApplication.CycleResult first = cycle(app);
            assertThat(first.summary()).contains(" joor_updated=0 ", " joor_jobs=1 ", " joor_jobs_unconfirmed=1 ",
                    " joor_awaiting_confirmation=" + known().size() + " ");
            assertThat(statesOfKnown(app).values()).hasSize(known().size()).allSatisfy(s -> {
                assertThat(s.joorHash()).isNull();
                assertThat(s.joorSentHash()).isNotNull();
            });
        }
        assertThat(receivedCounts().keySet()).isEqualTo(known());
        assertThat(receivedCounts().values()).containsOnly(1L);
        long job = jobsRead().get(0);

        sandbox.joor.resetStats();
        try (SyncApplication app = sandbox.startApp()) { // restarted: the state store remembers the job
            SyncApplication.CycleResult stillRunning = cycle(app);
            assertThat(posts()).isZero();
            assertThat(jobsRead()).containsExactly(job); // read once (1 credit), not polled
            assertThat(stillRunning.summary()).contains(" joor_updated=0 ", " joor_jobs=0 ",
                    " joor_awaiting_confirmation=" + known().size() + " ");

            sandbox.joor.holdJobs(false);
            sandbox.joor.resetStats();
            SyncApplication.CycleResult confirmed = cycle(app);
            assertThat(posts()).isZero();
            assertThat(jobsRead()).containsExactly(job);
            assertThat(confirmed.summary()).contains(" joor_updated=" + known().size() + " ", " joor_jobs=0 ",
                    " joor_awaiting_confirmation=0 ");
            assertThat(statesOfKnown(app).values()).hasSize(known().size()).allSatisfy(s -> {
                assertThat(s.status()).isEqualTo(CustomerState.Status.JOOR);
                assertThat(s.joorHash()).isNotNull();
                assertThat(s.joorSentHash()).isNull();
            });
            assertThat(joorDeadLetters()).isEmpty();
        }
    }

    @Test
    void aJobUnfinishedLongerThanTheMaxAgeIsGivenUpItsCustomersDeadLetteredNamingIt() throws Exception {
        sandbox.settings.put("joor.job-poll-timeout", "200ms");
        sandbox.settings.put("joor.job-max-age", "1s");
        sandbox.joor.holdJobs(true);

        try (SyncApplication app = sandbox.startApp()) {
            cycle(app);
            long job = jobsRead().get(0);
            Thread.sleep(Duration.ofMillis(1100).toMillis()); // the job grows older than joor.job-max-age
            sandbox.joor.resetStats();

            SyncApplication.CycleResult second = cycle(app);

            assertThat(posts()).isZero();
            assertThat(second.summary()).contains(" joor_updated=0 ", " dead_lettered=" + known().size() + " ",
                    " joor_awaiting_confirmation=0 ");
            List<JsonNode> letters = joorDeadLetters();
            assertThat(letters).extracting(d -> d.get("customerId").asText()).containsExactlyInAnyOrderElementsOf(known());
            assertThat(letters).allSatisfy(d -> assertThat(d.get("error").asText()).contains("JOOR job " + job + " is queued",
                    "joor.job-max-age"));
            assertThat(statesOfKnown(app).values()).allSatisfy(s -> {
                assertThat(s.status()).isEqualTo(CustomerState.Status.DEAD_LETTERED);
                assertThat(s.joorSentHash()).isNull();
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"<html><body>Accepted</body></html>", "{\"bulk_connections\":{\"response\":{\"code\":0}}}"})
    void aPostJoorTookButAnsweredUnreadablyIsNeverSentAgainItsCustomersAreReported(String answer) throws Exception {
        sandbox.joor.answerNextPostsUnreadable(1, answer);

        try (SyncApplication app = sandbox.startApp()) {
            SyncApplication.CycleResult result = cycle(app);

            assertThat(posts()).isEqualTo(1); // no retry, whatever the redelivery policy
            assertThat(receivedCounts().keySet()).isEqualTo(known());
            assertThat(receivedCounts().values()).containsOnly(1L);
            assertThat(result.summary() + " ").contains(" joor_updated=0 ", " joor_jobs=0 ",
                    " joor_unreadable_answers=1 ");
            List<JsonNode> letters = joorDeadLetters();
            assertThat(letters).extracting(d -> d.get("customerId").asText()).containsExactlyInAnyOrderElementsOf(known());
            assertThat(letters).allSatisfy(d -> {
                assertThat(d.get("error").asText()).contains("JoorUnconfirmedException", "HTTP 200", "not sent again");
                assertThat(d.get("attempts").asInt()).isEqualTo(1);
            });
            assertThat(statesOfKnown(app).values()).allSatisfy(s -> {
                assertThat(s.status()).isEqualTo(CustomerState.Status.DEAD_LETTERED);
                assertThat(s.joorHash()).isNull();
                assertThat(s.joorSentHash()).isNull();
            });

            sandbox.joor.resetStats();
            cycle(app);
            assertThat(posts()).isZero(); // dead-lettered: it waits for a person (and a replay)
        }
    }
}
