package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.shopifyjoorsync.sandbox.DemoData;
import com.shopifyjoorsync.sandbox.SandboxCustomer;
import com.shopifyjoorsync.state.StateStore;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * data-services.endpoint-uri=smtp(s)://: each cycle's template reaches a real SMTP server (GreenMail,
 * started here) as one message with the file attached; the test reads the message as the person at
 * JOOR would: subject, recipients, the text, every row of the attachment.
 */
class DataServicesMailTest {
    private static final String USER = "sync@brand.example";
    private static final String LOGIN = "sync";
    private static final String PASSWORD = "smtp-pass-7Qx9";
    private static final String TO = "data.services@joor.example, integration.manager@joor.example";
    private static final String CC = "wholesale@brand.example";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(servers())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(USER, LOGIN, PASSWORD));

    /** SMTP and SMTPS on free ports, given time to start on a busy build machine. */
    private static ServerSetup[] servers() {
        ServerSetup[] servers = ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP, ServerSetupTest.SMTPS});
        for (ServerSetup server : servers) {
            server.setServerStartupTimeout(30_000);
        }
        return servers;
    }

    @TempDir
    Path dir;
    SandboxHarness sandbox;

    @BeforeEach
    void start() {
        sandbox = new SandboxHarness(dir);
        sandbox.settings.put("data-services.format", "csv"); // the attachment read back below is CSV
        sandbox.settings.put("data-services.mail.from", USER);
        sandbox.settings.put("data-services.mail.to", TO);
        sandbox.settings.put("data-services.mail.cc", CC);
        sandbox.settings.put("data-services.mail.username", LOGIN);
        sandbox.settings.put("data-services.mail.password", PASSWORD);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private String smtp() {
        return "smtp://127.0.0.1:" + MAIL.getSmtp().getPort();
    }

    /**
     * GreenMail's certificate is self-signed and names no host: trusted here, for this host only, with
     * JavaMail's own options on the test's endpoint URI; main code keeps every check.
     */
    private String smtps() {
        return "smtps://127.0.0.1:" + MAIL.getSmtps().getPort()
                + "?mail.smtps.ssl.trust=127.0.0.1&mail.smtps.ssl.checkserveridentity=false";
    }

    @Test
    void theTemplateGoesAsOneMessageWithTheFileAttachedAndTheCustomersNamedByNameAndCode() throws Exception {
        sandbox.settings.put("data-services.endpoint-uri", smtp());

        SyncApplication.CycleResult result;
        try (CapturedLogs logs = new CapturedLogs()) {
            result = sandbox.runOnce();
            assertThat(String.join("\n", logs.messages())).doesNotContain(PASSWORD);
        }

        assertThat(result.failed()).as(result.summary()).isFalse();
        Sent sent = oneMessage();
        assertNewCustomersSent(sent, result);
    }

    @Test
    void overSmtpsToo() throws Exception {
        sandbox.settings.put("data-services.endpoint-uri", smtps());

        SyncApplication.CycleResult result = sandbox.runOnce();

        assertThat(result.failed()).as(result.summary()).isFalse();
        assertNewCustomersSent(oneMessage(), result);
    }

    @Test
    void aRefusedLoginLeavesTheCustomersUndeliveredAndTheNextCycleSendsThemInOneMessage() throws Exception {
        sandbox.settings.put("data-services.endpoint-uri", smtps());
        sandbox.settings.put("data-services.mail.password", "not-the-password");

        SyncApplication.CycleResult refused;
        try (CapturedLogs logs = new CapturedLogs()) {
            refused = sandbox.runOnce();
            assertThat(String.join("\n", logs.messages())).doesNotContain("not-the-password");
        }

        assertThat(refused.failed()).isTrue();
        assertThat(refused.summary()).startsWith("SYNC FAILED")
                .contains("smtps://127.0.0.1:" + MAIL.getSmtps().getPort()).doesNotContain("not-the-password");
        assertThat(MAIL.getReceivedMessages()).isEmpty();
        assertThat(sandbox.deadLetters()).allMatch(d -> d.toString().contains(Long.toString(DemoData.NO_ADDRESS_ID)));
        try (SyncApplication app = sandbox.startApp()) {
            assertThat(state(app).pendingAtDataServices().count()).isZero();
        }

        sandbox.settings.put("data-services.mail.password", PASSWORD);
        SyncApplication.CycleResult next = sandbox.runOnce();

        assertThat(next.failed()).as(next.summary()).isFalse();
        assertNewCustomersSent(oneMessage(), next);
    }

    @Test
    void aCustomerWaitingLongerThanTheBusinessDaysIsRemindedOfInTheNextMessage() throws Exception {
        sandbox.settings.put("data-services.endpoint-uri", smtp());
        sandbox.settings.put("link-report.pending-business-days", "3");
        String waiting;
        String recent;
        try (SyncApplication app = sandbox.startApp()) {
            assertThat(app.runCycle().failed()).isFalse();
            List<CSVRecord> first = oneMessage().rows();
            waiting = first.get(0).get("Customer Code");
            recent = first.get(1).get("Customer Code");
            // sent two weeks ago (ten business days whatever today is), and JOOR has not created it yet
            backdate(app, waiting, Instant.now().minus(14, ChronoUnit.DAYS));
            MAIL.purgeEmailFromAllMailboxes();

            SandboxCustomer nora = new SandboxCustomer(706405506930499001L).setFirstName("Nora").setLastName("Nieuw")
                    .setEmail("nora@nieuw.example").setTags("JOOR_ENABLED");
            nora.setDefaultAddress(CustomerSyncTest.address("Nieuw Mode", "Kalverstraat 1", "Amsterdam", null, "NL",
                    "1012 NX"));
            nora.setUpdatedAt(Instant.now().truncatedTo(ChronoUnit.SECONDS));
            sandbox.shopify.put(nora);
            assertThat(app.runCycle().failed()).isFalse();

            Sent second = oneMessage();
            assertThat(second.rows()).extracting(r -> r.get("Customer Code")).containsExactly(nora.code());
            LocalDate since = LocalDate.now(ZoneId.systemDefault()).minusDays(14);
            assertThat(second.text()).contains("Nieuw Mode, Customer Code " + nora.code(),
                    "Reminder: 1 customer sent earlier is not in JOOR yet after more than 3 business days",
                    "Customer Code " + waiting + ": still waiting since " + since + " (10 business days)")
                    .doesNotContain(recent);
        }
    }

    @Test
    void aHandFilledTemplateSubmittedGoesTheSameWayUnchanged() throws Exception {
        sandbox.settings.put("data-services.endpoint-uri", smtp());
        Path file = dir.resolve("tradeshow.csv");
        byte[] content = ("Customer Code,Customer Name,Address 1,Address 2,City,State,Zip,Country,Email,Phone,"
                + "Buyer Name,Price Currency,Price Label\r\n"
                + "TS-1,Atelier Nord,12 Main Street,,Portland,OR,97205,US,buyer@atelier-nord.example,,Ana Berg,USD,"
                + "Wholesale USD\r\n"
                + "TS-2,\"Maison Élégance, Zürich\",Bahnhofstrasse 42,3. Stock,Zürich,ZH,8001,CH,zoe@maison.example,"
                + "'+41 44 555 01 23,Zoë Šimůnková,USD,Wholesale USD\r\n").getBytes(StandardCharsets.UTF_8);
        java.nio.file.Files.write(file, content);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        int exit = Launcher.run(new String[] {"--validate-template", file.toString(), "--submit"}, sandbox.settings,
                new java.io.PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
        Sent sent = oneMessage();
        assertThat(sent.subject()).isEqualTo("JOOR Customer Data Template: 2 new customers of joor-sync-sandbox (cycle manual)");
        assertThat(sent.fileName()).startsWith("customer-data-template-manual-").endsWith(".csv");
        assertThat(sent.attachment()).isEqualTo(content);
        assertThat(sent.text()).contains("Atelier Nord, Customer Code TS-1", "Maison Élégance, Zürich, Customer Code TS-2")
                .doesNotContain("buyer@", "zoe@", "555 01 23");
    }

    private static StateStore state(SyncApplication app) {
        return app.context().getRegistry().lookupByNameAndType("sjsStateStore", StateStore.class);
    }

    private static void backdate(SyncApplication app, String code, Instant since) throws Exception {
        DataSource store = app.context().getRegistry().lookupByNameAndType("sjsStateDataSource", DataSource.class);
        try (Connection c = store.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE sjs_customer_state SET pending_since = ? WHERE customer_id = ?")) {
            s.setObject(1, since.atOffset(java.time.ZoneOffset.UTC));
            s.setString(2, code);
            assertThat(s.executeUpdate()).isOne();
        }
    }

    /** The new customers of the demo store: eligible, unknown to JOOR, and complete. */
    private Set<String> fresh() {
        Set<String> fresh = sandbox.demo.customers().stream().filter(DemoData::isEligible).map(SandboxCustomer::code)
                .collect(Collectors.toCollection(HashSet::new));
        fresh.removeAll(sandbox.demo.knownCodes());
        fresh.remove(Long.toString(DemoData.NO_ADDRESS_ID)); // dead-lettered: no address
        return fresh;
    }

    private void assertNewCustomersSent(Sent sent, SyncApplication.CycleResult result) throws Exception {
        String cycleId = result.summary().replaceFirst(".* cycle=(\\S+) .*", "$1");
        Set<String> fresh = fresh();
        assertThat(sent.subject()).isEqualTo("JOOR Customer Data Template: " + fresh.size()
                + " new customers of joor-sync-sandbox (cycle " + cycleId + ")");
        assertThat(sent.from()).containsExactly(USER);
        assertThat(sent.to()).containsExactly("data.services@joor.example", "integration.manager@joor.example");
        assertThat(sent.cc()).containsExactly(CC);
        assertThat(sent.fileName()).isEqualTo("customer-data-template-" + cycleId + ".csv");

        List<CSVRecord> rows = sent.rows();
        assertThat(rows).extracting(r -> r.get("Customer Code")).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(fresh);
        assertThat(rows.get(0).getParser().getHeaderNames()).startsWith("Customer Code", "Customer Name");
        assertThat(rows).allSatisfy(r -> assertThat(r.get("Price Label")).isEqualTo("Wholesale USD"));
        assertThat(rows).anySatisfy(r -> assertThat(r.get("Buyer Name")).isEqualTo("Zoë Šimůnková"));

        String text = sent.text();
        for (CSVRecord row : rows) {
            assertThat(text).contains(row.get("Customer Name").replaceAll("\\s+", " ").strip() + ", Customer Code "
                    + row.get("Customer Code"));
            assertThat(text).doesNotContain(row.get("Email"));
            String phone = row.get("Phone").replace("'", "");
            if (!phone.isEmpty()) {
                assertThat(text).doesNotContain(phone);
            }
        }
        assertThat(text).contains("Maison Élégance Zürich, Customer Code " + DemoData.NON_ASCII_ID)
                .doesNotContainPattern("[\\w.+-]+@[\\w-]+\\.[\\w.]+").doesNotContain("Reminder");

        try (SyncApplication app = sandbox.startApp()) {
            assertThat(state(app).pendingAtDataServices().count()).isEqualTo(fresh.size());
        }
    }

    /** One message (GreenMail keeps a copy per recipient), read back. */
    private static Sent oneMessage() throws Exception {
        MimeMessage[] received = MAIL.getReceivedMessages();
        assertThat(received).isNotEmpty();
        Set<String> ids = new HashSet<>();
        for (MimeMessage m : received) {
            ids.add(m.getMessageID());
        }
        assertThat(ids).as("distinct messages").hasSize(1);
        assertThat(received).hasSize(3); // two recipients and one copy
        return Sent.of(received[0]);
    }

    private record Sent(String subject, List<String> from, List<String> to, List<String> cc, String text,
            String fileName, byte[] attachment) {

        static Sent of(MimeMessage m) throws MessagingException, IOException {
            String text = null;
            String fileName = null;
            byte[] attachment = null;
            Multipart parts = (Multipart) m.getContent();
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart part = parts.getBodyPart(i);
                if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                    assertThat(attachment).as("one attachment").isNull();
                    fileName = part.getFileName();
                    try (InputStream in = part.getInputStream()) {
                        attachment = in.readAllBytes();
                    }
                } else {
                    assertThat(part.getContentType()).startsWith("text/plain");
                    text = (String) part.getContent();
                }
            }
            assertThat(text).as("the text").isNotNull();
            assertThat(attachment).as("the attachment").isNotNull();
            return new Sent(m.getSubject(), addresses(m.getFrom()), addresses(m.getRecipients(Message.RecipientType.TO)),
                    addresses(m.getRecipients(Message.RecipientType.CC)), text, fileName, attachment);
        }

        private static List<String> addresses(Address[] addresses) {
            return addresses == null ? List.of()
                    : Arrays.stream(addresses).map(a -> ((jakarta.mail.internet.InternetAddress) a).getAddress()).toList();
        }

        /** Every row of the attached template, by header. */
        List<CSVRecord> rows() throws IOException {
            try (CSVParser parser = CSVParser.parse(new String(attachment, StandardCharsets.UTF_8),
                    CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
                return new ArrayList<>(parser.getRecords());
            }
        }
    }
}
