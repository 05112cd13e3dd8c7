package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.shopifyjoorsync.sandbox.DemoData;
import com.shopifyjoorsync.sandbox.ShopifySandbox.PagingFault;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every loop over Shopify's customer pages ends, whatever Shopify serves, and takes each customer
 * once: a cursor that does not move, empty pages that keep saying more follow, a cursor that comes
 * round to the first page again, a customer served on every page. Pages of 50, so that the demo's
 * 201 tagged customers take five pages.
 */
class ShopifyLoopsEndTest extends SandboxTest {
    /** Far more than any of these cycles needs when it ends; a loop that does not end fails the test. */
    private static final Duration BOUND = Duration.ofSeconds(60);

    @BeforeEach
    void smallPages() {
        sandbox.settings.put("shopify.page-size", "50");
    }

    private SyncApplication.CycleResult cycle() {
        return assertTimeoutPreemptively(BOUND, () -> sandbox.runOnce());
    }

    private List<String> receivedCodes() {
        return sandbox.joor.receivedConnections().stream().map(c -> c.get("customer_code").asText()).toList();
    }

    /** The watermark stayed: the next cycle, with Shopify paging right again, reads every tagged customer. */
    private void assertNextCycleReadsEverything() throws Exception {
        sandbox.shopify.setPagingFault(PagingFault.NONE);
        SyncApplication.CycleResult next = sandbox.runOnce();
        assertThat(next.failed()).as(next.summary()).isFalse();
        assertThat(next.summary()).contains(" fetched=201 ", " full_sweep=true ");
        assertThat(receivedCodes()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sandbox.knownEligible());
    }

    @Test
    void aCursorThatNeverMovesEndsTheCycleNamingTheLoop() throws Exception {
        sandbox.shopify.setPagingFault(PagingFault.CURSOR_STUCK);

        SyncApplication.CycleResult result = cycle();

        assertThat(result.failed()).isTrue();
        assertThat(result.summary()).startsWith("SYNC FAILED")
                .contains("loop sjs-shopify-pages", "ends at the same cursor", " fetched=50 ");
        assertThat(sandbox.templateFiles()).isEmpty();
        assertNextCycleReadsEverything();
    }

    @Test
    void emptyPagesThatKeepSayingMoreFollowEndTheCycle() throws Exception {
        sandbox.shopify.setPagingFault(PagingFault.ENDLESS_EMPTY_PAGES);

        SyncApplication.CycleResult result = cycle();

        assertThat(result.failed()).isTrue();
        assertThat(result.summary()).startsWith("SYNC FAILED")
                .contains("loop sjs-shopify-pages", "6 empty pages in a row say more follow", " fetched=201 ");
        assertThat(sandbox.templateFiles()).isEmpty();
        assertNextCycleReadsEverything();
    }

    @Test
    void aCursorThatComesRoundEndsTheCycleOnceShopifysCountIsPassedAndRoutesNobodyTwice() throws Exception {
        sandbox.shopify.setPagingFault(PagingFault.WRAP_AROUND);
        sandbox.shopify.setUnlimited(true); // some 30 pages: no need to wait for Shopify's bucket
        sandbox.settings.put("joor.batch-size", "20"); // batches go out while the pages keep coming

        SyncApplication.CycleResult result = cycle();

        assertThat(result.failed()).isTrue();
        // Shopify counts 201 tagged customers: 1,000 more nodes (the least margin) and the loop ends
        assertThat(result.summary()).startsWith("SYNC FAILED")
                .contains("loop sjs-shopify-pages", "more than Shopify's count of 201 allows for (1201 with the margin)",
                        " fetched=201 ");
        assertThat(receivedCodes()).doesNotHaveDuplicates();
        assertThat(sandbox.joor.receivedConnections()).hasSizeLessThanOrEqualTo(sandbox.knownEligible().size());
        assertThat(sandbox.templateFiles()).isEmpty();
    }

    @Test
    void aCustomerServedOnSeveralPagesIsRoutedOnceAndCountedOnce() throws Exception {
        String known = sandbox.knownEligible().stream().sorted().findFirst().orElseThrow();
        long unknown = sandbox.demo.eligibleIds().stream()
                .filter(id -> !sandbox.knownEligible().contains(Long.toString(id)) && id != DemoData.NO_ADDRESS_ID)
                .findFirst().orElseThrow();
        sandbox.shopify.serveOnEveryPage(Long.parseLong(known), unknown);

        SyncApplication.CycleResult result = cycle();

        assertThat(result.failed()).as(result.summary()).isFalse();
        // five pages: each of the two on its own page, and again on the four others
        assertThat(result.summary()).contains(" fetched=201 ", " eligible=201 ", " repeated=8 ");
        assertThat(receivedCodes()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sandbox.knownEligible());
        List<String> rows = SandboxHarness.codesOf(sandbox.templateRows());
        assertThat(rows).doesNotHaveDuplicates().contains(Long.toString(unknown));
    }

    @Test
    void aCycleThatFailedMidwayLeavesNoBatchForTheNextCycleOfTheSameProcess() throws Exception {
        sandbox.shopify.setPagingFault(PagingFault.CURSOR_STUCK);
        try (SyncApplication app = sandbox.startApp()) {
            // the first page's customers were routed into a batch that never filled up
            SyncApplication.CycleResult failed = assertTimeoutPreemptively(BOUND, app::runCycle);
            assertThat(failed.summary()).startsWith("SYNC FAILED");

            sandbox.shopify.setPagingFault(PagingFault.NONE);
            SyncApplication.CycleResult next = app.runCycle();

            assertThat(next.failed()).as(next.summary()).isFalse();
            assertThat(receivedCodes()).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(sandbox.knownEligible());
            assertThat(SandboxHarness.codesOf(sandbox.templateRows())).doesNotHaveDuplicates();
            assertThat(next.summary()).contains(" joor_updated=" + sandbox.knownEligible().size() + " ");
        }
    }

    @Test
    void theLinkReportsLoopOverShopifyEndsToo() {
        sandbox.shopify.setPagingFault(PagingFault.CURSOR_STUCK);
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = assertTimeoutPreemptively(BOUND, () -> Launcher.run(new String[] {"--link-report"}, sandbox.settings,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("loop sjs-link-report-shopify-pages");
    }
}
