package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.shopifyjoorsync.sandbox.DemoData;
import com.shopifyjoorsync.state.CustomerState;
import com.shopifyjoorsync.state.StateStore;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The template delivered to a real SFTP server: one whole file per cycle, written under a temporary
 * name and renamed; its customers are pending at Data Services only once the rename succeeded. A
 * refused login or a dropped connection loses nobody and never sends the same customers twice.
 */
class DataServicesSftpTest extends SandboxTest {
    private static final String PASSWORD = "Sftp-pa55word-9c1f";
    private static final String FOLDER = "in";

    private SftpTestServer sftp;
    private SyncApplication app;

    @BeforeEach
    void startSftp() throws Exception {
        sftp = new SftpTestServer(dir.resolve("sftp-root"), PASSWORD);
        sandbox.settings.put("data-services.endpoint-uri", sftp.uri(FOLDER));
        sandbox.settings.put("data-services.password", PASSWORD);
        sandbox.settings.put("data-services.format", "csv"); // JOOR's Customer Sync takes flat files from its drop
        sandbox.settings.put("sync.redelivery.max-attempts", "2");
    }

    @AfterEach
    void stopSftp() throws Exception {
        if (app != null) {
            app.close();
        }
        sftp.close();
    }

    private SyncApplication.CycleResult cycle() throws Exception {
        if (app == null) {
            app = sandbox.startApp();
        }
        return app.runCycle();
    }

    private StateStore state() {
        return app.context().getRegistry().lookupByNameAndType("sjsStateStore", StateStore.class);
    }

    /** Eligible demo customers JOOR does not know, the one without an address aside (dead-lettered). */
    private Set<String> fresh() {
        Set<String> fresh = sandbox.demo.eligibleIds().stream().map(String::valueOf).collect(Collectors.toSet());
        fresh.removeAll(sandbox.demo.knownCodes());
        fresh.remove(Long.toString(DemoData.NO_ADDRESS_ID));
        return fresh;
    }

    private Set<String> pendingAtDataServices(Set<String> codes) {
        Map<String, CustomerState> states = state().load(List.copyOf(codes));
        return codes.stream().filter(c -> states.get(c) != null
                && states.get(c).status() == CustomerState.Status.DATA_SERVICES_PENDING).collect(Collectors.toSet());
    }

    private List<String> rowsOf(Path file) throws Exception {
        return SandboxHarness.codesOf(SandboxHarness.parse(file).subList(1, SandboxHarness.parse(file).size()));
    }

    /** Every upload went to a temporary name and only a rename made the final name appear. */
    private void assertNothingWrittenUnderAFinalName() {
        assertThat(sftp.writtenTo).isNotEmpty().allMatch(p -> p.startsWith(FOLDER + "/.inprogress-customer-data-template-"));
        assertThat(sftp.renames).allMatch(r -> r.matches(FOLDER + "/\\.inprogress-(customer-data-template-\\S+\\.csv) -> "
                + FOLDER + "/\\1"));
    }

    @Test
    void theFileArrivesWholeUnderItsFinalNameOnlyByARenameAndItsCustomersArePending() throws Exception {
        SyncApplication.CycleResult result = cycle();

        assertThat(result.failed()).as(result.summary()).isFalse();
        List<Path> files = sftp.files(FOLDER);
        assertThat(files).singleElement().satisfies(f -> assertThat(f.getFileName().toString())
                .isEqualTo("customer-data-template-" + app.cycle().cycleId() + ".csv"));
        assertThat(rowsOf(files.get(0))).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(fresh());
        assertNothingWrittenUnderAFinalName();
        assertThat(sftp.renames).hasSize(1);
        assertThat(pendingAtDataServices(fresh())).isEqualTo(fresh());
        assertThat(result.summary()).contains(" data_services=" + fresh().size() + " ",
                " pending_data_services=" + fresh().size() + " ");
        assertThat(sandbox.deadLetters()).hasSize(1); // the customer without an address, as always
    }

    @Test
    void aRefusedLoginIsRetriedThenFailsTheCycleNamingTheEndpointAndTheNextCycleSendsThemInOneFile()
            throws Exception {
        sftp.refuseLogins(true);

        SyncApplication.CycleResult refused = cycle();

        assertThat(refused.failed()).isTrue();
        assertThat(refused.summary()).startsWith("SYNC FAILED")
                .contains("sftp://" + SftpTestServer.USER + "@127.0.0.1:" + sftp.port() + "/" + FOLDER,
                        fresh().size() + " new customers")
                .contains(" data_services=0 ")
                .doesNotContain(PASSWORD);
        assertThat(sftp.connections.get()).as("the first attempt and 2 retries").isEqualTo(3);
        assertThat(sftp.files(FOLDER)).isEmpty();
        assertThat(pendingAtDataServices(fresh())).isEmpty();
        assertThat(sandbox.deadLetters()).hasSize(1); // only the customer without an address
        Instant watermark = state().watermark();

        sftp.refuseLogins(false);
        SyncApplication.CycleResult next = cycle();

        assertThat(next.failed()).as(next.summary()).isFalse();
        assertThat(sftp.files(FOLDER)).singleElement()
                .satisfies(f -> assertThat(rowsOf(f)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(fresh()));
        assertNothingWrittenUnderAFinalName();
        assertThat(pendingAtDataServices(fresh())).isEqualTo(fresh());
        assertThat(state().watermark()).isNotEqualTo(watermark);
    }

    @Test
    void aConnectionDroppedWhileTheFileIsWrittenIsRetriedAndOneWholeFileArrives() throws Exception {
        sftp.dropWhileWriting(1);

        SyncApplication.CycleResult result = cycle();

        assertThat(result.failed()).as(result.summary()).isFalse();
        assertThat(sftp.writtenTo).hasSizeGreaterThanOrEqualTo(2); // written again after the drop
        assertThat(sftp.files(FOLDER)).singleElement() // no partial file left beside it
                .satisfies(f -> assertThat(rowsOf(f)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(fresh()));
        assertNothingWrittenUnderAFinalName();
        assertThat(pendingAtDataServices(fresh())).isEqualTo(fresh());
    }

    @Test
    void aRenameWhoseAnswerWasLostIsNotSentAgainTheFileIsAccepted() throws Exception {
        sftp.dropAfterRename(1);

        SyncApplication.CycleResult result = cycle();
        SyncApplication.CycleResult next = cycle();

        assertThat(result.failed()).as(result.summary()).isFalse();
        assertThat(next.failed()).as(next.summary()).isFalse();
        assertThat(sftp.renames).hasSize(1);
        assertThat(sftp.files(FOLDER)).singleElement()
                .satisfies(f -> assertThat(rowsOf(f)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(fresh()));
        assertThat(pendingAtDataServices(fresh())).isEqualTo(fresh());
    }

    @Test
    void aServerThatKeepsDroppingFailsTheCycleAndTheNextCycleSendsEveryoneInOneFile() throws Exception {
        sftp.dropWhileWriting(3);

        SyncApplication.CycleResult dropped = cycle();

        assertThat(dropped.failed()).isTrue();
        assertThat(dropped.summary()).startsWith("SYNC FAILED").contains("sftp://" + SftpTestServer.USER + "@127.0.0.1:")
                .doesNotContain(PASSWORD);
        assertThat(sftp.renames).isEmpty();
        assertThat(pendingAtDataServices(fresh())).isEmpty();

        SyncApplication.CycleResult next = cycle();

        assertThat(next.failed()).as(next.summary()).isFalse();
        List<Path> delivered = sftp.files(FOLDER).stream()
                .filter(f -> !f.getFileName().toString().startsWith(".inprogress-")).toList();
        assertThat(delivered).singleElement()
                .satisfies(f -> assertThat(rowsOf(f)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(fresh()));
        assertThat(sftp.renames).hasSize(1);
        assertThat(pendingAtDataServices(fresh())).isEqualTo(fresh());
    }
}
