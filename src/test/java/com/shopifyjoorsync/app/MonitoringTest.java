package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What monitoring sees on the management server: /observe/health and /observe/metrics. */
class MonitoringTest extends SandboxTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeEach
    void configure() {
        sandbox.settings.put("camel.management.port", "0");
    }

    record Answer(int status, String body) {
    }

    static Answer get(SyncApplication app, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + SandboxHarness.managementPort(app) + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    /** The value of one Prometheus sample, e.g. sjs_customers_total{outcome="updated"}. */
    static double sample(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(metrics);
        assertThat(m.find()).as(name + " in\n" + metrics).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void healthIsUpAndTheMetricsCountWhatACycleDid() throws Exception {
        try (SyncApplication app = sandbox.startApp()) {
            assertThat(SandboxHarness.managementPort(app)).isPositive();
            Answer health = get(app, "/observe/health");
            assertThat(health.status()).as(health.body()).isEqualTo(200);
            JsonNode json = SandboxHarness.JSON.readTree(health.body());
            assertThat(json.get("status").asText()).isEqualTo("UP");
            assertThat(json.get("checks").findValuesAsText("name")).contains("sjs-credentials", "sjs-joor-index");
            assertThat(get(app, "/observe/health/live").status()).isEqualTo(200);
            assertThat(get(app, "/observe/health/ready").status()).isEqualTo(200);

            String before = get(app, "/observe/metrics").body();
            assertThat(sample(before, "sjs_customers_total{outcome=\"updated\"}")).isZero();
            assertThat(sample(before, "sjs_cycle_last_success_timestamp_seconds")).isNaN();
            assertThat(sample(before, "sjs_joor_index_codes")).isNaN();
            assertThat(sample(before, "sjs_joor_index_refused")).isZero();
            assertThat(sample(before, "sjs_data_services_pending")).isNaN();
            assertThat(sample(before, "sjs_data_services_pending_oldest_age_seconds")).isNaN();

            SyncApplication.CycleResult result = app.runCycle();

            String after = get(app, "/observe/metrics").body();
            assertThat(sample(after, "sjs_customers_total{outcome=\"updated\"}"))
                    .isEqualTo(PackagedJarIT.count(result.summary(), "joor_updated"));
            assertThat(sample(after, "sjs_customers_total{outcome=\"data_services\"}"))
                    .isEqualTo(PackagedJarIT.count(result.summary(), "data_services"));
            assertThat(sample(after, "sjs_customers_total{outcome=\"dead_lettered\"}")).isEqualTo(1);
            assertThat(sample(after, "sjs_customers_total{outcome=\"not_eligible\"}"))
                    .isEqualTo(PackagedJarIT.count(result.summary(), "not_eligible"));
            assertThat(sample(after, "sjs_customers_total{outcome=\"unchanged\"}")).isZero();
            assertThat(sample(after, "sjs_shopify_points_total"))
                    .isEqualTo(PackagedJarIT.count(result.summary(), "shopify_points"));
            assertThat(sample(after, "sjs_joor_credits_total"))
                    .isEqualTo(PackagedJarIT.count(result.summary(), "joor_credits"));
            assertThat(sample(after, "sjs_shopify_throttled_total")).isZero();
            assertThat(sample(after, "sjs_joor_rate_limited_total")).isZero();
            assertThat(sample(after, "sjs_webhooks_waiting")).isZero();
            assertThat(sample(after, "sjs_shopify_removed_customers")).isZero();
            // JOOR's window (300 credits per 300 s) holds what this cycle spent
            assertThat(sample(after, "sjs_joor_credits_available"))
                    .isEqualTo(300 - PackagedJarIT.count(result.summary(), "joor_credits"));
            assertThat(sample(after, "sjs_cycle_duration_seconds_count{outcome=\"completed\"}")).isEqualTo(1);
            assertThat(sample(after, "sjs_cycle_last_success_timestamp_seconds")).isPositive();
            assertThat(sample(after, "sjs_dead_letters_waiting")).isEqualTo(1);
            assertThat(sample(after, "sjs_joor_index_codes")).isEqualTo(sandbox.demo.knownCodes().size());
            assertThat(sample(after, "sjs_joor_index_last_good_codes")).isEqualTo(sandbox.demo.knownCodes().size());
            assertThat(sample(after, "sjs_joor_index_refused")).isZero();
            assertThat(sample(after, "sjs_data_services_pending"))
                    .isEqualTo(PackagedJarIT.count(result.summary(), "pending_data_services"))
                    .isEqualTo(PackagedJarIT.count(result.summary(), "data_services"));
            assertThat(sample(after, "sjs_data_services_pending_oldest_age_seconds")).isBetween(0.0, 600.0);
        }
    }

    @Test
    void readinessIsDownWhileJoorRefusesTheTokenAndLivenessStaysUp() throws Exception {
        sandbox.settings.put("joor.api-token", "not-the-token");
        try (SyncApplication app = sandbox.startApp()) {
            assertThat(get(app, "/observe/health/ready").status()).isEqualTo(200);

            assertThat(app.runCycle().failed()).isTrue();

            Answer ready = get(app, "/observe/health/ready");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.body()).contains("sjs-credentials", "joor.api-token").doesNotContain("not-the-token");
            assertThat(get(app, "/observe/health/live").status()).isEqualTo(200);
            assertThat(sample(get(app, "/observe/metrics").body(),
                    "sjs_cycle_duration_seconds_count{outcome=\"failed\"}")).isEqualTo(1);
        }
    }

    @Test
    void readinessIsDownWhileShopifyRefusesTheToken() throws Exception {
        sandbox.settings.put("shopify.access-token", "shpat_wrong");
        try (SyncApplication app = sandbox.startApp()) {
            app.runCycle();

            Answer ready = get(app, "/observe/health/ready");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.body()).contains("shopify.access-token").doesNotContain("shpat_wrong");
        }
    }

    @Test
    void aLongCycleLogsItsProgressWithShopifysEstimate() throws Exception {
        sandbox.settings.put("sync.progress.customers", "50");
        try (CapturedLogs logs = new CapturedLogs()) {
            SyncApplication.CycleResult result = sandbox.runOnce();

            long fetched = PackagedJarIT.count(result.summary(), "fetched");
            List<String> progress = logs.messages().stream().filter(m -> m.startsWith("SYNC PROGRESS")).toList();
            assertThat(progress).hasSize((int) (fetched / 50));
            assertThat(progress.get(0)).matches("SYNC PROGRESS cycle=\\S+ processed=50 estimate=" + fetched
                    + " percent=\\d+ seconds=\\d+");
        }
    }
}
