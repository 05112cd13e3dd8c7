package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.shopifyjoorsync.sandbox.JoorSandbox;
import com.shopifyjoorsync.sandbox.TradeshowConnections;

import org.junit.jupiter.api.Test;

/**
 * --check as an engineer runs it before go-live, with the real configuration against the sandbox:
 * all OK against the sandbox as it is, and each kind of failure named on its own line, exit 1.
 */
class CheckCommandTest extends SandboxTest {

    private record Run(int exit, String out, String err) {
        /** The line of one check, e.g. "Shopify credentials". */
        String line(String check) {
            return out.lines().filter(l -> l.length() > 13 && l.substring(13).startsWith(check)).findFirst()
                    .orElseThrow(() -> new AssertionError("no line for " + check + " in\n" + out + err));
        }
    }

    private Run check() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Launcher.run(new String[] {"--check"}, sandbox.settings, new PrintStream(out, true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A regular file where a folder should be: nobody, root included, can create a folder under it. */
    private Path aFile() throws Exception {
        return Files.writeString(dir.resolve("not-a-folder"), "x");
    }

    @Test
    void againstTheSandboxEveryCheckIsOkReadOnlyAndCheap() {
        Run run = check();

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.line("Shopify credentials")).startsWith("OK ").contains("accepted", "shopify.access-token");
        assertThat(run.line("Shopify API version")).startsWith("OK ").contains("2026-10 served as asked");
        assertThat(run.line("Shopify access scopes")).startsWith("OK ").contains("read_customers granted");
        assertThat(run.line("Protected customer data")).startsWith("NOT CHECKED ").contains("level 2");
        assertThat(run.line("Shop currency")).startsWith("OK ").contains("USD", "Wholesale USD");
        assertThat(run.line("Tagged customers")).startsWith("OK ")
                .containsPattern("\\d+ customers carry JOOR_ENABLED or JOOR or WHOLESALE");
        assertThat(run.line("JOOR token")).startsWith("OK ").contains("accepted by " + sandbox.joor.apiUrl());
        // the sandbox serves pages of 50 however many are asked, as JOOR may: one page is read
        assertThat(run.line("JOOR connection list")).startsWith("OK ").contains("envelope recognised",
                "first page: 50 connections, 50 with a Shopify customer id as Customer Code", "more pages follow");
        assertThat(run.line("JOOR credit budget")).startsWith("NOT CHECKED ")
                .contains("does not report", "joor.credits-per-window=300");
        assertThat(run.line("Data Services endpoint")).startsWith("OK ").contains(dir.resolve("data-services")
                .toString(), "will be created");
        assertThat(run.line("Dead-letter endpoint")).startsWith("OK ").contains(dir.resolve("dead-letter").toString());
        assertThat(run.line("State store")).startsWith("OK ").contains("opened and migrated (schema version ",
                "no cycle completed yet");
        assertThat(run.out()).contains("CHECK OK", "spent 4 Shopify points and 1 JOOR credit")
                .doesNotContain("PROBLEM", sandbox.shopify.accessToken(), sandbox.joor.token());
        // read-only: one JOOR GET, three Shopify queries, nothing written
        assertThat(sandbox.joor.requestLog()).singleElement().asString().startsWith("GET /v2/connection/");
        assertThat(sandbox.shopify.requestCount()).isEqualTo(3);
        assertThat(dir.resolve("data-services")).doesNotExist();
        assertThat(dir.resolve("dead-letter")).doesNotExist();
    }

    @Test
    void aShopifyTokenRefusedIsNamedAndTheShopifyChecksItBlocksAreNotChecked() {
        sandbox.settings.put("shopify.access-token", "shpat_wrong");

        Run run = check();

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.line("Shopify credentials")).startsWith("PROBLEM ").contains("HTTP 401", "shopify.access-token");
        assertThat(run.line("Shopify access scopes")).startsWith("NOT CHECKED ").contains("credentials");
        assertThat(run.line("Tagged customers")).startsWith("NOT CHECKED ");
        assertThat(run.line("JOOR token")).startsWith("OK ");
        assertThat(run.out()).contains("CHECK FAILED: 1 problem").doesNotContain("shpat_wrong");
    }

    @Test
    void clientCredentialsAreCheckedToo() {
        sandbox.settings.put("shopify.access-token", "");
        sandbox.settings.put("shopify.client-id", sandbox.shopify.clientId());
        sandbox.settings.put("shopify.client-secret", sandbox.shopify.clientSecret());
        assertThat(check().line("Shopify credentials")).startsWith("OK ").contains("client-credentials grant");

        sandbox.settings.put("shopify.client-secret", "shpss_wrong");
        Run run = check();

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.line("Shopify credentials")).startsWith("PROBLEM ")
                .contains("refused the client-credentials grant", "shopify.client-secret");
        assertThat(run.out()).doesNotContain("shpss_wrong", sandbox.shopify.clientSecret());
    }

    @Test
    void theReadCustomersScopeMissingIsNamed() {
        sandbox.shopify.dropAccessScope("read_customers");

        Run run = check();

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.line("Shopify credentials")).startsWith("OK ");
        assertThat(run.line("Shopify access scopes")).startsWith("PROBLEM ")
                .contains("read_customers is not granted (the app has: no scope)", "add the read_customers scope");
        assertThat(run.line("Tagged customers")).startsWith("PROBLEM ").contains("ACCESS_DENIED", "read_customers");
    }

    @Test
    void anotherApiVersionServedIsNamed() {
        sandbox.shopify.setApiVersionServed("2026-01");

        Run run = check();

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.line("Shopify API version")).startsWith("PROBLEM ")
                .contains("asked for 2026-10, Shopify served 2026-01", "shopify.api-version");
    }

    @Test
    void aPriceLabelNamingAnotherCurrencyThanTheShopsIsNamed() {
        sandbox.settings.put("joor.price-label", "Wholesale EUR");

        Run run = check();

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.line("Shop currency")).startsWith("PROBLEM ").contains("USD", "names EUR", "joor.price-label");
    }

    @Test
    void noCustomerCarryingTheExportTagsIsNamed() {
        sandbox.settings.put("shopify.customer-tags", "NOBODY_HAS_THIS_TAG");

        Run run = check();

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.line("Tagged customers")).startsWith("PROBLEM ")
                .contains("no customer carries NOBODY_HAS_THIS_TAG", "shopify.customer-tags");
    }

    @Test
    void aJoorTokenRefusedIsNamed() {
        sandbox.settings.put("joor.api-token", "not-the-token");

        Run run = check();

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.line("JOOR token")).startsWith("PROBLEM ").contains("HTTP 401", "joor.api-token");
        assertThat(run.line("JOOR connection list")).startsWith("NOT CHECKED ");
        assertThat(run.line("Shopify credentials")).startsWith("OK ");
        assertThat(run.out()).doesNotContain("not-the-token");
    }

    @Test
    void joorUnreachableIsNamed() {
        sandbox.settings.put("joor.api-url", "http://127.0.0.1:1/v2");

        Run run = check();

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.line("JOOR token")).startsWith("PROBLEM ").contains("cannot reach JOOR at http://127.0.0.1:1/v2",
                "joor.api-url");
        assertThat(run.line("JOOR credit budget")).startsWith("NOT CHECKED ");
    }

    @Test
    void joorsCreditsSpentByAnotherIntegrationAreNamedWithoutWaiting() {
        sandbox.joor.spendCreditsElsewhere(300);

        Run run = check();

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.line("JOOR token")).startsWith("PROBLEM ").contains("429", "other integrations",
                "run --check again in");
    }

    @Test
    void joorConnectionsWithoutAnyShopifyIdAsCustomerCodeAreAProblem() {
        try (JoorSandbox tradeshowOnly = JoorSandbox.start()) {
            TradeshowConnections.of(sandbox.demo).forEach(tradeshowOnly::putConnection);
            sandbox.settings.put("joor.api-url", tradeshowOnly.apiUrl());
            sandbox.settings.put("joor.api-token", tradeshowOnly.token());

            Run run = check();

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.line("JOOR connection list")).startsWith("PROBLEM ")
                    .contains("none of the " + tradeshowOnly.connections().size() + " connections", "--link-report");
        }
    }

    @Test
    void aConnectionListWithoutItsListNodeIsAProblemNotAnEmptyAccount() {
        sandbox.joor.setListWithoutListNode(true);

        Run run = check();

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.line("JOOR connection list")).startsWith("PROBLEM ").contains("has no list of connections", "not taken for \"JOOR knows nobody\"");
        assertThat(run.out()).doesNotContain("JOOR has no connection yet");
    }

    @Test
    void aDeadLetterFolderThatCannotBeCreatedIsNamed() throws Exception {
        sandbox.settings.put("sync.dead-letter-uri", "file:" + aFile().resolve("dead-letter"));

        Run run = check();

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.line("Dead-letter endpoint")).startsWith("PROBLEM ")
                .contains("cannot be created", "is a file, not a folder", "sync.dead-letter-uri");
        assertThat(run.line("Data Services endpoint")).startsWith("OK ");
    }

    @Test
    void aDataServicesFolderThatIsAFileIsNamed() throws Exception {
        sandbox.settings.put("data-services.endpoint-uri", "file:" + aFile());

        Run run = check();

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.line("Data Services endpoint")).startsWith("PROBLEM ")
                .contains("is a file, not a folder", "data-services.endpoint-uri");
    }

    @Test
    void aStateStoreThatCannotBeOpenedIsNamed() throws Exception {
        sandbox.settings.put("sync.state.jdbc-url", "jdbc:h2:file:" + aFile().resolve("state/sync"));

        Run run = check();

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.line("State store")).startsWith("PROBLEM ").contains("sync.state.jdbc-url");
        assertThat(run.out()).contains("CHECK FAILED");
    }

    @Test
    void aWrongSettingIsAConfigurationErrorAsForEveryCommand() {
        sandbox.settings.put("joor.batch-size", "5000");

        Run run = check();

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("joor.batch-size=5000");
        assertThat(sandbox.joor.requestCount()).isZero();
        assertThat(List.of(run.out().split("\n"))).noneMatch(l -> l.startsWith("OK "));
    }
}
