package com.shopifyjoorsync.app;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopifyjoorsync.sandbox.DemoData;
import com.shopifyjoorsync.sandbox.SandboxAddress;
import com.shopifyjoorsync.sandbox.SandboxCustomer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --link-report with the real configuration against the sandbox: the demo store and JOOR account,
 * plus retailers planted on each side the way they happen (a tradeshow connection with the store's
 * email, one typed with company and city only, a company with two buyers in Shopify, one nobody knows).
 */
class LinkReportTest {
    private static final long EMAIL_MATCH = 9_100_000_000_000_001L;
    private static final long COMPANY_MATCH = 9_100_000_000_000_002L;
    private static final long TWIN_1 = 9_100_000_000_000_003L;
    private static final long TWIN_2 = 9_100_000_000_000_004L;
    private static final long UNTAGGED = 9_100_000_000_000_005L;

    @TempDir
    Path dir;
    SandboxHarness sandbox;

    @BeforeEach
    void start() throws Exception {
        sandbox = new SandboxHarness(dir, DemoData.demo());
        sandbox.settings.put("link-report.dir", dir.resolve("reports").toString());
        sandbox.settings.put("joor.list-page-size", "25");

        sandbox.shopify.put(customer(EMAIL_MATCH, "buyer@northstar.example", "North Star Boutique", "Denver", "JOOR_ENABLED"));
        sandbox.shopify.put(customer(COMPANY_MATCH, "anne@rueverte.example", "Rue Verte", "Lyon", "WHOLESALE"));
        sandbox.shopify.put(customer(TWIN_1, "ann@twinpeaks.example", "Twin Peaks Supply", "Seattle", "JOOR"));
        sandbox.shopify.put(customer(TWIN_2, "bob@twinpeaks.example", "Twin Peaks Supply", "Seattle", "wholesale"));
        sandbox.shopify.put(customer(UNTAGGED, "retail@corner.example", "Corner Shop", "Austin", "VIP"));

        // the shape connection-get publishes (billing.billing_addresses...) and the top-level one
        sandbox.joor.putConnection(connection("""
                {"customer_code":"TS-EMAIL","customer_name":"Northstar","customer_contact_email":"BUYER@NorthStar.example",
                 "billing":{"billing_addresses":{"billing_address":[{"city":"Boulder","country":"US"}]}}}"""));
        sandbox.joor.putConnection(connection("""
                {"customer_code":"TS-COMPANY","customer_name":"  rue   verte ","customer_contact_email":"a.b@gmail.example",
                 "billing_addresses":{"billing_address":[{"city":"LYON","country":"FR"}]}}"""));
        sandbox.joor.putConnection(connection("""
                {"customer_code":"TS-TWINS","customer_name":"Twin Peaks Supply","customer_contact_email":"",
                 "shipping":{"shipping_addresses":{"shipping_address":{"city":"Seattle","country":"US"}}}}"""));
        sandbox.joor.putConnection(connection("""
                {"customer_code":"TS-NOBODY","customer_name":"Fjord & Fell","customer_contact_email":"kari@fjordfell.example",
                 "billing":{"billing_addresses":{"billing_address":[{"city":"Oslo","country":"NO"}]}}}"""));
        sandbox.joor.putConnection(connection("""
                {"customer_code":"TS-UNTAGGED","customer_name":"Corner Shop","customer_contact_email":"retail@corner.example",
                 "billing":{"billing_addresses":{"billing_address":[{"city":"Austin","country":"US"}]}}}"""));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private static SandboxCustomer customer(long id, String email, String company, String city, String tag) {
        SandboxCustomer c = new SandboxCustomer(id).setFirstName("Pat").setLastName("Lee").setEmail(email).setTags(tag);
        c.setDefaultAddress(new SandboxAddress().setCompany(company).setAddress1("1 Main Street").setCity(city)
                .setCountryCodeV2("US").setCountry("United States"));
        return c;
    }

    private static ObjectNode connection(String json) throws Exception {
        return (ObjectNode) SandboxHarness.JSON.readTree(json);
    }

    private record Run(int exit, String out, String err) {
    }

    private Run linkReport() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Launcher.run(new String[] {"--link-report"}, sandbox.settings,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private List<CSVRecord> report() throws Exception {
        List<Path> reports = SandboxHarness.list(dir.resolve("reports"));
        assertThat(reports).singleElement().satisfies(p -> assertThat(p.getFileName().toString())
                .matches("link-report-\\d{8}-\\d{6}\\.csv"));
        byte[] bytes = Files.readAllBytes(reports.get(0));
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF); // so spreadsheet software reads it as UTF-8
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        try (CSVParser parser = CSVParser.parse(text, CSVFormat.DEFAULT.builder().setHeader().get())) {
            return parser.getRecords();
        }
    }

    private static List<CSVRecord> rowsOf(List<CSVRecord> report, String joorCode) {
        return report.stream().filter(r -> r.get("JOOR Customer Code").equals(joorCode)).toList();
    }

    @Test
    void unlinkedConnectionsAreListedWithTheirLikelyShopifyCustomer() throws Exception {
        Run run = linkReport();

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        List<CSVRecord> report = report();
        assertThat(report).extracting(r -> r.get("JOOR Customer Code")).containsOnly("TS-EMAIL", "TS-COMPANY",
                "TS-TWINS", "TS-NOBODY", "TS-UNTAGGED");
        assertThat(rowsOf(report, "TS-EMAIL")).singleElement().satisfies(r -> {
            assertThat(r.get("Match")).isEqualTo("same email");
            assertThat(r.get("Shopify Customer Id")).isEqualTo(Long.toString(EMAIL_MATCH));
            assertThat(r.get("What To Do")).contains("type " + EMAIL_MATCH + " in Customer Code");
        });
        assertThat(rowsOf(report, "TS-COMPANY")).singleElement().satisfies(r -> {
            assertThat(r.get("Match")).isEqualTo("same company and city");
            assertThat(r.get("Shopify Customer Id")).isEqualTo(Long.toString(COMPANY_MATCH));
            assertThat(r.get("What To Do")).contains("check it is the same retailer first");
        });
        assertThat(rowsOf(report, "TS-TWINS")).extracting(r -> r.get("Shopify Customer Id"))
                .containsExactly(Long.toString(TWIN_1), Long.toString(TWIN_2));
        assertThat(rowsOf(report, "TS-TWINS")).allSatisfy(r -> {
            assertThat(r.get("Match")).isEqualTo("ambiguous: 2 candidates, same company and city");
            assertThat(r.get("What To Do")).startsWith("Several Shopify customers match");
        });
        assertThat(rowsOf(report, "TS-NOBODY")).singleElement().satisfies(r -> {
            assertThat(r.get("Match")).isEqualTo("no match");
            assertThat(r.get("Shopify Customer Id")).isEmpty();
        });
        assertThat(rowsOf(report, "TS-UNTAGGED")).as("only tagged customers are candidates").singleElement()
                .satisfies(r -> assertThat(r.get("Match")).isEqualTo("no match"));
        assertThat(run.out()).contains(
                "JOOR connections read:                   85",
                "  not linked to a Shopify customer:      5",
                "    with a likely Shopify match:         2",
                "    ambiguous (several candidates):      1",
                "    no match:                            2",
                "  waiting at Data Services > 3 business days: 0",
                "Report: " + SandboxHarness.list(dir.resolve("reports")).get(0).toAbsolutePath());
    }

    @Test
    void customersWaitingAtDataServicesLongerThanTheSettingAreListedFromTheStateStore() throws Exception {
        try (SyncApplication app = sandbox.startApp()) {
            assertThat(app.runCycle().failed()).isFalse(); // the demo's new customers go to Data Services
        }
        List<String> pending = sandbox.demo.eligibleIds().stream().map(String::valueOf)
                .filter(id -> !sandbox.demo.knownCodes().contains(id)).sorted().limit(3).toList();
        // two of them were sent 10 days ago (and JOOR has not created them since); one just now
        try (Connection c = DriverManager.getConnection(sandbox.settings.get("sync.state.jdbc-url"));
                PreparedStatement back = c.prepareStatement(
                        "UPDATE sjs_customer_state SET pending_since = ? WHERE customer_id = ?")) {
            for (String id : pending.subList(0, 2)) {
                back.setObject(1, OffsetDateTime.now(ZoneOffset.UTC).minusDays(10));
                back.setString(2, id);
                assertThat(back.executeUpdate()).isEqualTo(1);
            }
        }

        Run run = linkReport();

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("  waiting at Data Services > 3 business days: 2");
        assertThat(report()).filteredOn(r -> r.get("Finding").equals("Waiting at Data Services"))
                .extracting(r -> r.get("Shopify Customer Id")).containsExactlyInAnyOrderElementsOf(pending.subList(0, 2));
    }

    @Test
    void itReadsJoorsListOncePagedAndChangesNothing() throws Exception {
        Map<String, ObjectNode> joorBefore = sandbox.joor.connections();
        sandbox.joor.resetStats();

        Run run = linkReport();

        // 80 demo connections and 5 planted ones, 25 a page: 4 GETs of 1 credit
        assertThat(sandbox.joor.creditsUsed()).isEqualTo(4);
        assertThat(run.out()).contains("JOOR credits spent:                      4");
        assertThat(sandbox.joor.requestLog()).hasSize(4).allMatch(l -> l.startsWith("GET /v2/connection/?start_from="));
        assertThat(sandbox.joor.bulkPosts()).isZero();
        assertThat(sandbox.joor.connections()).isEqualTo(joorBefore);
        assertThat(sandbox.shopify.receivedQueries()).noneMatch(q -> q.contains("mutation"));
        assertThat(dir.resolve("data-services")).doesNotExist();
    }

    @Test
    void aListJoorServesInShorterPagesThanAskedIsReadWhole() throws Exception {
        sandbox.joor.setListPageCap(10); // 25 asked, 10 served
        sandbox.joor.resetStats();

        Run run = linkReport();

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("JOOR connections read:                   85");
        assertThat(sandbox.joor.requestLog()).hasSize(9).last().asString().startsWith("GET /v2/connection/?start_from=80&count=25");
        assertThat(report()).extracting(r -> r.get("JOOR Customer Code")).contains("TS-EMAIL", "TS-UNTAGGED");
    }

    @Test
    void anAnswerWithoutAListNodeStopsTheReportWithoutWritingOne() {
        sandbox.joor.setListWithoutListNode(true);

        Run run = linkReport();

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out() + run.err()).contains("has no list of connections", "connection-get");
        assertThat(dir.resolve("reports")).doesNotExist();
    }

    @Test
    void aBadSettingStopsTheStartNamingIt() {
        sandbox.settings.put("link-report.pending-business-days", "three");
        sandbox.joor.resetStats();

        Run run = linkReport();

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains("link-report.pending-business-days=three is not a whole number");
        assertThat(sandbox.joor.requestCount()).isZero();
        assertThat(dir.resolve("reports")).doesNotExist();
    }

    @Test
    void aJoorOrShopifyHiccupIsRetriedAsInACycle() throws Exception {
        sandbox.joor.resetStats();
        sandbox.joor.failNext(1, 503);
        sandbox.shopify.throttleNext(1);

        Run run = linkReport();

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(rowsOf(report(), "TS-EMAIL")).hasSize(1);
        assertThat(sandbox.joor.requestLog()).startsWith("GET /v2/connection/?start_from=0&count=25 503",
                "GET /v2/connection/?start_from=0&count=25 200").hasSize(5);
        assertThat(sandbox.shopify.throttledCount()).isEqualTo(1);
    }
}
