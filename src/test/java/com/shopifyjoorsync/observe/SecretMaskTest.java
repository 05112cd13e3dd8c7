package com.shopifyjoorsync.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;

import com.shopifyjoorsync.app.SettingsCatalog;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The mask on its own: every form of a secret, passwords inside URIs, the log encoder, printed lines. */
class SecretMaskTest {
    /** Base64 of these bytes holds '+' and '/', so its URL-safe form differs. */
    private static final String SECRET = "tok~>?en-" + Long.toHexString(System.nanoTime()) + "\u00ff\u00fe";

    @Test
    void everyFormOfASecretIsMasked() {
        SecretMask.add(SECRET);
        byte[] bytes = SECRET.getBytes(StandardCharsets.UTF_8);
        String base64 = Base64.getEncoder().encodeToString(bytes);
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        assertThat(base64).containsAnyOf("+", "/");
        assertThat(urlSafe).isNotEqualTo(base64);

        String echoed = "HTTP 401: token " + SECRET + ", header Authorization: OAuth2 " + base64 + ", in a URL "
                + urlSafe + " and a form client_secret=" + java.net.URLEncoder.encode(SECRET, StandardCharsets.UTF_8);

        assertThat(SecretMask.mask(echoed)).isEqualTo("HTTP 401: token ****, header Authorization: OAuth2 ****, in a "
                + "URL **** and a form client_secret=****");
    }

    @Test
    void aPasswordInsideAUriOrAJdbcUrlIsMaskedInAnyMessage() {
        assertThat(SecretMask.mask("cannot open jdbc:postgresql://db:5432/sync?user=sync&password=pg-s3cret for now"))
                .isEqualTo("cannot open jdbc:postgresql://db:5432/sync?user=****&password=**** for now");
        assertThat(SecretMask.mask("store jdbc:h2:file:./data/state/sync;PASSWORD=h2-s3cret;WRITE_DELAY=0 opened"))
                .isEqualTo("store jdbc:h2:file:./data/state/sync;PASSWORD=****;WRITE_DELAY=0 opened");
        assertThat(SecretMask.mask("sending to sftp://joor:ftp-s3cret@ftp.example.com/in?password=RAW(a&b)&binary=true"))
                .isEqualTo("sending to sftp://joor:****@ftp.example.com/in?password=****&binary=true");
        assertThat(SecretMask.mask("GET /v2/connection/?start_from=0&count=1000 200 at http://127.0.0.1:8080/v2"))
                .as("nothing secret: unchanged").isEqualTo("GET /v2/connection/?start_from=0&count=1000 200 at "
                        + "http://127.0.0.1:8080/v2");
    }

    @Test
    void aPasswordWrittenInAUriSettingIsMaskedWhereverItShowsUpAlone() {
        Map<String, String> settings = Map.of("data-services.endpoint-uri",
                "sftp://joor@ftp.example.com/in?password=RAW(Ftp&Pa55" + SECRET.hashCode() + ")",
                "sync.state.jdbc-url", "jdbc:postgresql://db/sync?password=Pg%2FPa55" + SECRET.hashCode());
        SecretMask.addFromSettings(key -> Optional.ofNullable(settings.get(key)), SettingsCatalog.secrets(),
                SettingsCatalog.mayHoldPasswords());

        assertThat(SecretMask.mask("login refused with Ftp&Pa55" + SECRET.hashCode()))
                .isEqualTo("login refused with ****");
        assertThat(SecretMask.mask("password Pg/Pa55" + SECRET.hashCode() + " expired")).isEqualTo("password **** expired");
    }

    @Test
    void theDataServicesPasswordSettingIsMaskedAloneAndInsideTheUriItIsAddedTo() {
        String password = "Sftp)Pa55" + SECRET.hashCode();
        SecretMask.addFromSettings(key -> key.equals("data-services.password") ? Optional.of(password) : Optional.empty(),
                SettingsCatalog.secrets(), SettingsCatalog.mayHoldPasswords());
        assertThat(SettingsCatalog.secrets()).contains("data-services.password");

        assertThat(SecretMask.mask("Auth fail for " + password)).isEqualTo("Auth fail for ****");
        assertThat(SecretMask.mask("sftp://joor@h:22/in?password=RAW{" + password + "}&binary=true"))
                .doesNotContain(password).doesNotContain("Pa55");
    }

    @Test
    void aSecretTooShortToMaskWithoutGarblingEveryLineIsLeftToTheUriPatterns() {
        SecretMask.add("abc");

        assertThat(SecretMask.mask("table abc")).isEqualTo("table abc");
    }

    @Test
    void theLogEncoderMasksMessagesAndExceptionsInJsonLinesToo() {
        SecretMask.add(SECRET);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        JsonEncoder json = new JsonEncoder();
        json.setContext(context);
        SecretMaskingEncoder encoder = new SecretMaskingEncoder();
        encoder.setContext(context);
        encoder.setEncoder(json);
        encoder.start();
        String base64 = Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));
        LoggingEvent event = new LoggingEvent("test", context.getLogger("test"), Level.WARN,
                "JOOR said {}", new IllegalStateException("echo " + SECRET,
                        new RuntimeException("cause OAuth2 " + base64)), new Object[] {"OAuth2 " + base64});

        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertThat(line).contains("JOOR said OAuth2 ****", "echo ****", "cause OAuth2 ****")
                .doesNotContain(SECRET, base64, base64.replace("/", "\\/"));
    }

    @Test
    void printedLinesAreMaskedAndTheLastLineIsWrittenOnClose() {
        SecretMask.add(SECRET);
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(target, true, StandardCharsets.UTF_8);

        try (PrintStream masked = SecretMask.maskingLines(out)) {
            masked.println("Fatal: token " + SECRET + " refused");
            masked.print("no newline " + SECRET);
        }

        assertThat(target.toString(StandardCharsets.UTF_8))
                .isEqualTo("Fatal: token **** refused" + System.lineSeparator() + "no newline ****");
    }
}
