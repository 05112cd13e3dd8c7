package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.shopifyjoorsync.dataservices.DataServicesFormat;

import org.junit.jupiter.api.Test;

class SyncSettingsTest {
    private final Map<String, String> values = new HashMap<>(Map.of(
            "shopify.shop", "my-store",
            "shopify.access-token", "shpat_x",
            "joor.api-token", "t",
            "joor.price-label", "Wholesale USD"));

    private SyncSettings read() {
        return SyncSettings.read(key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void defaultsFollowTheDesign() {
        SyncSettings s = read();
        assertThat(s.shopifyBaseUrl()).isEqualTo("https://my-store.myshopify.com");
        assertThat(s.interval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(s.customerTags()).containsExactly("JOOR_ENABLED", "JOOR", "WHOLESALE");
        assertThat(s.joorApiUrl()).isEqualTo("https://api.jooraccess.com/v2");
        assertThat(s.shopifyApiVersion()).isEqualTo("2026-10");
        assertThat(s.dataServicesDelimiter()).isEqualTo(',');
        assertThat(s.toString()).doesNotContain("shpat_x");
    }

    @Test
    void longerIntervalIsAcceptedShorterIsRefused() {
        values.put("sync.interval", "1h");
        assertThat(read().interval()).isEqualTo(Duration.ofHours(1));
        values.put("sync.interval", "5m");
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, this::read);
        assertThat(e.problems()).singleElement().asString().startsWith("sync.interval=5m is shorter than the default");
    }

    @Test
    void missingCredentialsAreEachNamedWithTheSandboxHint() {
        values.remove("shopify.access-token");
        values.remove("joor.api-token");
        values.put("shopify.shop", "");
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, this::read);
        assertThat(e.problems()).hasSize(3);
        assertThat(e.getMessage()).contains("shopify.shop", "shopify.access-token", "joor.api-token", "--sandbox");
    }

    @Test
    void everyWrongValueIsReportedAtOnce() {
        values.put("joor.batch-size", "0");
        values.put("shopify.customer-tags", " , ");
        values.put("sync.customers.enabled", "yes");
        values.put("data-services.delimiter", ";;");
        values.put("joor.credit-window", "soon");
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, this::read);
        assertThat(e.problems()).hasSize(5);
        assertThat(e.getMessage()).contains("joor.batch-size", "shopify.customer-tags", "sync.customers.enabled",
                "data-services.delimiter", "joor.credit-window");
    }

    @Test
    void theJoorIndexSettingsAreAPercentageAndACodeCount() {
        assertThat(read().joorIndexShrinkTolerance()).isEqualTo(10.0);
        assertThat(read().joorIndexAcceptCodes()).isNull();
        values.put("joor.index-shrink-tolerance", "12.5%");
        values.put("joor.index-accept-codes", "0");
        assertThat(read().joorIndexShrinkTolerance()).isEqualTo(12.5);
        assertThat(read().joorIndexAcceptCodes()).isZero();

        values.put("joor.index-shrink-tolerance", "150");
        values.put("joor.index-accept-codes", "-3");
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, this::read);
        assertThat(e.problems()).hasSize(2);
        assertThat(e.getMessage()).contains("joor.index-shrink-tolerance=150 is not a percentage 0..100",
                "joor.index-accept-codes=-3 is out of range");
    }

    @Test
    void joorJobsAreWaitedForAndResentWithinBounds() {
        assertThat(read().joorJobMaxResends()).isEqualTo(10);
        assertThat(read().joorJobMaxAge()).isEqualTo(Duration.ofDays(1));
        values.put("joor.job-max-resends", "-1");
        values.put("joor.job-max-age", "30s"); // shorter than joor.job-poll-timeout (60s)
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, this::read);
        assertThat(e.problems()).hasSize(2);
        assertThat(e.getMessage()).contains("joor.job-max-resends=-1 is out of range",
                "joor.job-max-age=30s must be longer than joor.job-poll-timeout=60s");
    }

    @Test
    void everyDurationAndNumberIsCheckedAgainstItsRange() {
        values.put("sync.overlap", "-1d");
        values.put("sync.full-sweep", "99999999999999999999d");
        values.put("sync.redelivery.delay", "0s");
        values.put("joor.credit-window", "0s");
        values.put("joor.job-poll-timeout", "2h");
        values.put("joor.job-poll-interval", "0ms");
        values.put("sync.interval", "400d");
        values.put("sync.progress.interval", "9999999999999d"); // Camel's own reading overflows into a negative
        values.put("joor.batch-size", "99999999999");
        values.put("camel.management.port", "70000");
        values.put("data-services.delimiter", ";");
        values.put("data-services.format", "xls");
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, this::read);
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "sync.interval=400d is out of range (0s..30d)",
                "sync.progress.interval=9999999999999d is out of range (1s..1d)",
                "sync.overlap=-1d is out of range (0s..30d)",
                "sync.full-sweep=99999999999999999999d is out of range (0s..365d)",
                "sync.redelivery.delay=0s is out of range (1ms..1m)",
                "camel.management.port=70000 is out of range (0..65535)",
                "joor.credit-window=0s is out of range (1s..1d)",
                "joor.batch-size=99999999999 is out of range (1..1000)",
                "joor.job-poll-timeout=2h is out of range (0s..1h)",
                "joor.job-poll-interval=0ms is out of range (10ms..5m)",
                "data-services.delimiter=; must be ',' (the default) or '|' (JOOR's flat-file FTP customer sync)",
                "data-services.format=xls must be 'xlsx' (the default: the Excel workbook the Customer Data Template"
                        + " is) or 'csv'");
    }

    @Test
    void zeroIsTakenWhereItMeansSomething() {
        values.put("sync.overlap", "0s"); // no re-read behind the watermark
        values.put("sync.full-sweep", "0s"); // every cycle a full sweep
        values.put("joor.job-poll-timeout", "0s"); // jobs read by the next cycle
        values.put("data-services.delimiter", "|");
        SyncSettings s = read();
        assertThat(s.overlap()).isZero();
        assertThat(s.fullSweep()).isZero();
        assertThat(s.joorJobPollTimeout()).isZero();
        assertThat(s.dataServicesDelimiter()).isEqualTo('|');
        assertThat(s.dataServicesFormat()).as("the default").isEqualTo(DataServicesFormat.XLSX);
        values.put("data-services.format", "CSV");
        assertThat(read().dataServicesFormat()).isEqualTo(DataServicesFormat.CSV);
    }

    @Test
    void clientCredentialsReplaceTheStaticToken() {
        values.remove("shopify.access-token");
        values.put("shopify.client-id", "id");
        values.put("shopify.client-secret", "secret");
        assertThat(read().shopifyClientId()).isEqualTo("id");
    }
}
