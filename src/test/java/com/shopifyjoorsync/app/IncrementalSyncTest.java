package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.shopifyjoorsync.sandbox.SandboxCustomer;
import com.shopifyjoorsync.state.CustomerState;
import com.shopifyjoorsync.state.StateStore;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several cycles against the same sandbox and state store: every change delivered exactly once. */
class IncrementalSyncTest {
    @TempDir
    Path dir;
    SandboxHarness sandbox;
    SyncApplication app;

    @BeforeEach
    void start() throws Exception {
        sandbox = new SandboxHarness(dir);
        app = sandbox.startApp();
    }

    @AfterEach
    void stop() {
        app.close();
        sandbox.close();
    }

    private SyncApplication.CycleResult cycle() {
        sandbox.joor.resetStats();
        SyncApplication.CycleResult result = app.runCycle();
        assertThat(result.failed()).as(result.summary()).isFalse();
        return result;
    }

    private List<String> receivedCodes() {
        return sandbox.joor.receivedConnections().stream().map(c -> c.get("customer_code").asText()).toList();
    }

    private static long count(SyncApplication.CycleResult result, String key) {
        Matcher m = Pattern.compile(" " + key + "=(\\d+)").matcher(result.summary());
        assertThat(m.find()).as(key + " in " + result.summary()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private StateStore state() {
        return app.context().getRegistry().lookupByNameAndType("sjsStateStore", StateStore.class);
    }

    private CustomerState stateOf(String code) {
        return state().load(List.of(code)).get(code);
    }

    /** An edit Shopify would timestamp now (whole seconds, as Shopify does). */
    private void edit(SandboxCustomer c) {
        c.setUpdatedAt(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        sandbox.shopify.put(c);
    }

    private SandboxCustomer knownCustomer() {
        return sandbox.shopify.customer(Long.parseLong(sandbox.demo.eligibleIds().stream().map(String::valueOf)
                .filter(sandbox.demo.knownCodes()::contains).sorted().findFirst().orElseThrow()));
    }

    private SandboxCustomer newCustomer(long id) {
        SandboxCustomer c = new SandboxCustomer(id).setFirstName("Nora").setLastName("Nieuw")
                .setEmail("nora@nieuw.example").setTags("JOOR_ENABLED");
        c.setDefaultAddress(CustomerSyncTest.address("Nieuw Mode", "Kalverstraat 1", "Amsterdam", null, "NL",
                "1012 NX"));
        return c;
    }

    @Test
    void aSecondCycleWithoutChangesSendsNothing() throws Exception {
        SyncApplication.CycleResult first = cycle();
        assertThat(count(first, "joor_updated")).isPositive();
        int filesAfterFirst = sandbox.templateFiles().size();

        SyncApplication.CycleResult second = cycle();

        assertThat(sandbox.joor.bulkPosts()).isZero();
        assertThat(sandbox.templateFiles()).hasSize(filesAfterFirst);
        assertThat(count(second, "joor_updated")).isZero();
        assertThat(count(second, "data_services")).isZero();
        assertThat(count(second, "dead_lettered")).isZero(); // the customer without address waits for a change
        assertThat(second.summary()).contains(" full_sweep=false ");
        // the JOOR index refresh is the only credit spent: two pages of the connection list (80
        // connections, JOOR serving 50 a page)
        assertThat(sandbox.joor.creditsUsed()).isEqualTo(2);
        assertThat(count(second, "unchanged") + count(second, "outside_window")
                + count(second, "still_dead_lettered")).isEqualTo(count(second, "fetched"));
    }

    @Test
    void oneEditedCustomerIsUpdatedExactlyOnce() throws Exception {
        cycle();
        SandboxCustomer known = knownCustomer();
        known.setEmail("new." + known.getEmail());
        edit(known);

        SyncApplication.CycleResult second = cycle();
        List<String> afterEdit = receivedCodes();
        SyncApplication.CycleResult third = cycle();

        assertThat(afterEdit).containsExactly(known.code());
        assertThat(sandbox.joor.receivedConnections()).isEmpty();
        assertThat(count(second, "joor_updated")).isEqualTo(1);
        assertThat(count(third, "joor_updated")).isZero();
        assertThat(sandbox.joor.connections().get(known.code()).get("customer_contact_email").asText())
                .isEqualTo(known.getEmail());
    }

    @Test
    void aBumpedUpdatedAtAloneSendsNothing() throws Exception {
        cycle();
        SandboxCustomer known = knownCustomer();
        known.setNote("a note the sync does not send");
        edit(known);

        SyncApplication.CycleResult second = cycle();

        assertThat(receivedCodes()).isEmpty();
        assertThat(count(second, "unchanged")).isPositive();
    }

    @Test
    void aCustomerEditedLaterOnTheWatermarksOwnDayIsDeliveredOnce() throws Exception {
        cycle();
        Instant watermark = state().watermark();
        SandboxCustomer known = knownCustomer();
        known.setLastName("Later-" + known.getLastName());
        edit(known); // same day as the watermark; Shopify's day filter cannot tell it apart

        cycle();
        List<String> delivered = receivedCodes();
        cycle();

        assertThat(state().watermark()).isAfter(watermark);
        assertThat(delivered).containsExactly(known.code());
        assertThat(receivedCodes()).isEmpty();
    }

    @Test
    void aNewCustomerGoesToDataServicesOnceAgainWhenChangedThenToTheApiOnceJoorKnowsIt() throws Exception {
        SandboxCustomer nora = newCustomer(706405506930499001L);
        sandbox.shopify.put(nora);

        SyncApplication.CycleResult first = cycle();
        assertThat(SandboxHarness.codesOf(sandbox.templateRows())).containsOnlyOnce(nora.code());
        assertThat(stateOf(nora.code()).status()).isEqualTo(CustomerState.Status.DATA_SERVICES_PENDING);
        Instant pendingSince = stateOf(nora.code()).pendingSince();
        assertThat(first.summary()).contains(" pending_data_services=");

        cycle(); // unchanged: not submitted again
        assertThat(SandboxHarness.codesOf(sandbox.templateRows())).containsOnlyOnce(nora.code());

        nora.setEmail("nora@nieuw-mode.example");
        edit(nora);
        cycle(); // changed: submitted again, still pending since the first submission
        assertThat(SandboxHarness.codesOf(sandbox.templateRows())).filteredOn(nora.code()::equals).hasSize(2);
        assertThat(stateOf(nora.code()).pendingSince()).isEqualTo(pendingSince);

        sandbox.joor.seedKnownCodes(List.of(nora.code())); // Data Services created it in JOOR
        SyncApplication.CycleResult known = cycle();
        assertThat(count(known, "now_known_to_joor")).isEqualTo(1);
        assertThat(receivedCodes()).containsExactly(nora.code()); // in step through the API, once
        assertThat(stateOf(nora.code()).status()).isEqualTo(CustomerState.Status.JOOR);

        nora.setLastName("Nieuw-Janssen");
        edit(nora);
        cycle();
        assertThat(receivedCodes()).containsExactly(nora.code());
        assertThat(SandboxHarness.codesOf(sandbox.templateRows())).filteredOn(nora.code()::equals).hasSize(2);
    }

    @Test
    void aCustomerThatLosesItsTagIsNoLongerExported() throws Exception {
        app.close();
        sandbox.settings.put("sync.full-sweep", "0s"); // every cycle re-reads every tagged customer
        app = sandbox.startApp();
        cycle();
        SandboxCustomer known = knownCustomer();
        known.setTags("VIP");
        edit(known);

        SyncApplication.CycleResult second = cycle();
        known.setEmail("after.untag@example.com");
        edit(known);
        cycle();

        assertThat(count(second, "untagged")).isEqualTo(1);
        assertThat(stateOf(known.code()).status()).isEqualTo(CustomerState.Status.UNTAGGED);
        assertThat(receivedCodes()).doesNotContain(known.code());
    }

    @Test
    void aFullSweepResendsNothingUnchanged() throws Exception {
        app.close();
        sandbox.settings.put("sync.full-sweep", "0s");
        app = sandbox.startApp();
        cycle();

        SyncApplication.CycleResult sweep = cycle();

        assertThat(sweep.summary()).contains(" full_sweep=true ");
        assertThat(count(sweep, "fetched")).isEqualTo(sandbox.demo.eligibleIds().size() + 0L);
        assertThat(sandbox.joor.bulkPosts()).isZero();
        assertThat(count(sweep, "data_services")).isZero();
        assertThat(count(sweep, "untagged")).isZero();
    }
}
