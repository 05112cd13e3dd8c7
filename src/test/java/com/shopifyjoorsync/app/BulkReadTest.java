package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;


import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large windows read by a Shopify bulk operation, through the real configuration against the
 * sandbox's bulk operations: what JOOR received and what the template holds, and each way an
 * operation can end other than with a good file (paged instead, or the cycle failed and read again).
 */
class BulkReadTest {
    @TempDir
    Path dir;
    SandboxHarness sandbox;

    @BeforeEach
    void start() {
        sandbox = new SandboxHarness(dir);
        // the demo store's window is over the threshold: its first cycle is read in bulk
        sandbox.settings.put("shopify.bulk-threshold", "50");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private boolean paged() {
        return sandbox.shopify.receivedQueries().stream().anyMatch(q -> q.contains("SyncCustomersPage"));
    }

    private void assertEveryTaggedCustomerDeliveredOnce() throws Exception {
        List<String> received = sandbox.joor.receivedConnections().stream()
                .map(c -> c.get("customer_code").asText()).toList();
        assertThat(received).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sandbox.knownEligible());
        List<String> rows = new ArrayList<>();
        for (Path file : sandbox.templateFiles()) {
            List<CSVRecord> records = SandboxHarness.parse(file);
            rows.addAll(SandboxHarness.codesOf(records.subList(1, records.size())));
        }
        assertThat(rows).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sandbox.newEligible());
    }


    /** One cycle on a freshly started application: its result, the metrics it served after, what it logged. */
    private record Run(SyncApplication.CycleResult cycle, String metrics, List<String> logged) {
        double sample(String name) {
            return MonitoringTest.sample(metrics, name);
        }
    }

    private Run run() throws Exception {
        CapturedLogs logs = new CapturedLogs();
        try (logs; SyncApplication app = sandbox.startApp()) {
            SyncApplication.CycleResult cycle = app.runCycle();
            return new Run(cycle, MonitoringTest.get(app, "/observe/metrics").body(), List.copyOf(logs.messages()));
        }
    }

    @Test
    void aLargeWindowIsReadInBulkAndEveryTaggedCustomerDeliveredOnce() throws Exception {
        Run run = run();
        SyncApplication.CycleResult cycle = run.cycle();
        assertThat(run.sample("sjs_shopify_bulk_reads_total{outcome=\"file\"}")).isEqualTo(1);
        assertThat(run.sample("sjs_shopify_bulk_reads_total{outcome=\"paging\"}")).isZero();
        assertThat(run.sample("sjs_shopify_points_total")).isLessThan(100);

        assertThat(cycle.failed()).as(cycle.summary()).isFalse();
        assertThat(sandbox.shopify.bulkOperationsStarted()).isEqualTo(1);
        assertThat(sandbox.shopify.bulkResultDownloads()).isEqualTo(1);
        assertThat(sandbox.shopify.bulkResultRequestsWithCredentials()).as("no token sent to the file's link").isZero();
        assertThat(paged()).as("no page read").isFalse();
        assertEveryTaggedCustomerDeliveredOnce();
        assertThat(run.logged()).anyMatch(m -> m.matches("Shopify bulk read gid://shopify/BulkOperation/\\d+ completed: \\d+"
                + " customers routed, as Shopify counted"));

        // the next cycle's window is small: paged, nothing sent twice
        sandbox.joor.resetStats();
        SyncApplication.CycleResult next = sandbox.runOnce();
        assertThat(next.failed()).as(next.summary()).isFalse();
        assertThat(sandbox.shopify.bulkOperationsStarted()).isEqualTo(1);
        assertThat(sandbox.joor.receivedConnections()).isEmpty();
    }

    @Test
    void aFileWithFewerCustomersThanShopifyCountedFailsTheCycleAndTheNextReadsTheWindowAgain() throws Exception {
        sandbox.shopify.dropBulkResultLines(5);
        SyncApplication.CycleResult failed = sandbox.runOnce();
        assertThat(failed.failed()).isTrue();
        assertThat(failed.summary()).startsWith("SYNC FAILED").contains("ShopifyBulkIncompleteException",
                "but its file held");

        SyncApplication.CycleResult again = sandbox.runOnce();
        assertThat(again.failed()).as(again.summary()).isFalse();
        assertThat(sandbox.shopify.bulkOperationsStarted()).isEqualTo(2);
        assertEveryTaggedCustomerDeliveredOnce();
    }

    /** A cycle whose bulk read cannot be had: it says why, pages the window, and delivers everything once. */
    private void assertPagedInsteadSaying(String why) throws Exception {
        Run run = run();
        assertThat(run.sample("sjs_shopify_bulk_reads_total{outcome=\"paging\"}")).isEqualTo(1);
        assertThat(run.cycle().failed()).as(run.cycle().summary()).isFalse();
        assertThat(paged()).isTrue();
        assertThat(run.logged()).anyMatch(m -> m.contains("not used, the window is paged instead: " + why));
        assertEveryTaggedCustomerDeliveredOnce();
    }

    @Test
    void aFailedOperationIsPagedInstead() throws Exception {
        sandbox.shopify.failNextBulkOperation("INTERNAL_SERVER_ERROR");
        assertPagedInsteadSaying("it ended FAILED (INTERNAL_SERVER_ERROR)");
    }

    @Test
    void aCancelledOperationIsPagedInstead() throws Exception {
        sandbox.shopify.cancelNextBulkOperation();
        assertPagedInsteadSaying("it ended CANCELED");
    }

    @Test
    void fiveOperationsRunningOnTheShopArePagedAroundNeverCancelled() throws Exception {
        sandbox.shopify.startForeignBulkOperations(5);
        assertPagedInsteadSaying("Shopify did not start it (LIMIT_REACHED");
        assertThat(sandbox.shopify.receivedQueries()).noneMatch(q -> q.contains("bulkOperationCancel"));
        sandbox.shopify.finishForeignBulkOperations();
    }

    @Test
    void anExpiredFileLinkIsPagedInstead() throws Exception {
        sandbox.shopify.expireNextBulkResult();
        assertPagedInsteadSaying("its file was refused (HTTP 403");
    }
}
