package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** One list of settings: application.properties, --help, docs/settings.md and the README say the same. */
class SettingsCatalogTest {
    private static Properties applicationProperties() throws Exception {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("application.properties"), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    @Test
    void everySettingOfApplicationPropertiesIsInTheCatalogWithTheSameDefault() throws Exception {
        Properties file = applicationProperties();
        for (String key : file.stringPropertyNames()) {
            if (!key.startsWith("camel.")) {
                assertThat(SettingsCatalog.isKnown(key)).as(key).isTrue();
            }
        }
        for (SettingsCatalog.Setting s : SettingsCatalog.SETTINGS) {
            assertThat(file.getProperty(s.key())).as(s.key()).isNotNull()
                    .isEqualTo(s.defaultValue());
        }
    }

    /** What differs between the catalogue and a list of settings with defaults: missing, extra, different. */
    private static List<String> differences(String where, Map<String, String> listed) {
        List<String> differences = new ArrayList<>();
        for (SettingsCatalog.Setting s : SettingsCatalog.SETTINGS) {
            if (!listed.containsKey(s.key())) {
                differences.add(s.key() + " is missing from " + where);
            } else if (!listed.get(s.key()).equals(s.defaultValue())) {
                differences.add(s.key() + " has the default '" + listed.get(s.key()) + "' in " + where
                        + ", '" + s.defaultValue() + "' in the catalogue");
            }
        }
        listed.keySet().stream().filter(key -> !SettingsCatalog.isKnown(key))
                .forEach(key -> differences.add(key + " is in " + where + " but not in the catalogue"));
        return differences;
    }

    @Test
    void applicationPropertiesStatesEverySettingOfTheCatalogueWithItsDefault() throws Exception {
        Map<String, String> listed = new LinkedHashMap<>();
        Properties file = applicationProperties();
        file.stringPropertyNames().stream()
                .filter(key -> !key.startsWith("camel.") || SettingsCatalog.isKnown(key))
                .forEach(key -> listed.put(key, file.getProperty(key)));
        assertThat(differences("application.properties", listed)).isEmpty();
    }

    /**
     * docs/settings.md's table: one row per setting or per group ({@code `a` / `b`}), the default in
     * backticks (one per key of the group, or one for all), anything else ({@code (empty)}, a dash,
     * "env ...", "from ...") meaning the setting has no default. Every setting is there.
     */
    @Test
    void theSettingsPageStatesEverySettingOfTheCatalogueWithItsDefault() throws Exception {
        Map<String, String> listed = table(Files.readString(Path.of("docs/settings.md"), StandardCharsets.UTF_8));
        assertThat(differences("docs/settings.md", listed)).isEmpty();
    }

    /** The README's table of the settings to know: a few of them, each with the catalogue's default. */
    @Test
    void theReadmeTableStatesItsSettingsWithTheirDefaults() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String section = readme.substring(readme.indexOf("\n## Settings"));
        Map<String, String> listed = table(section.substring(0, section.indexOf("\n## ", 1)));
        assertThat(listed).as("the README's settings").hasSizeGreaterThan(5);
        listed.forEach((key, value) -> {
            assertThat(SettingsCatalog.isKnown(key)).as("README names setting %s", key).isTrue();
            assertThat(value).as("README default of %s", key).isEqualTo(SettingsCatalog.get(key).defaultValue());
        });
    }

    private static Map<String, String> table(String text) {
        Map<String, String> listed = new LinkedHashMap<>();
        for (String row : text.split("\n")) {
            if (!row.startsWith("| `")) {
                continue;
            }
            String[] cells = row.split("(?<!\\\\)\\|");
            List<String> keys = List.of(cells[1].trim().replace("`", "").split("\\s*/\\s*"));
            List<String> defaults = List.of(cells[2].trim().split("\\s+/\\s+"));
            for (int i = 0; i < keys.size(); i++) {
                String cell = defaults.size() == keys.size() ? defaults.get(i) : defaults.get(0);
                listed.put(keys.get(i), cell.matches("`[^`]*`") ? cell.substring(1, cell.length() - 1)
                        .replace("\\|", "|") : "");
            }
        }
        return listed;
    }

    @Test
    void startUpValidationNamesEveryRefusedSettingByItsEntry() {
        Map<String, String> wrong = Map.of("joor.batch-size", "0", "sync.overlap", "soon", "sync.log-format", "xml",
                "joor.default-discount", "12,5", "sync.customers.enabled", "yes", "link-report.pending-business-days",
                "many");
        SettingsCatalog.Values values = new SettingsCatalog.Values(key -> Optional.ofNullable(wrong.get(key)));
        assertThat(values.problems()).containsExactlyInAnyOrder(
                "joor.batch-size=0 is out of range (1..1000)",
                "sync.overlap=soon is not a duration (like 15m, 1h, 300s, 1d)",
                "sync.log-format=xml must be text or json",
                "joor.default-discount=12,5 is not a percentage 0..100 (like 10 or 12.5)",
                "sync.customers.enabled=yes must be true or false",
                "link-report.pending-business-days=many is not a whole number");
        // a refused value leaves the default in its place
        assertThat(values.integer("joor.batch-size")).isEqualTo(200);
        assertThat(values.duration("sync.overlap")).hasDays(1);
    }

    @Test
    void theSecretsOfTheCatalogueAreWhatIsMasked() {
        assertThat(SettingsCatalog.secrets()).containsExactlyInAnyOrder("shopify.access-token",
                "shopify.client-secret", "joor.api-token", "sync.state.password", "data-services.password",
                "data-services.mail.password", "webhooks.secrets");
        assertThat(SettingsCatalog.mayHoldPasswords()).containsExactlyInAnyOrder("sync.state.jdbc-url",
                "data-services.endpoint-uri", "sync.dead-letter-uri");
        assertThat(Launcher.usage()).contains("joor.api-token").contains("[secret]");
    }

    @Test
    void helpAndTheSettingsPageListEverySetting() throws Exception {
        String help = Launcher.usage();
        String page = Files.readString(Path.of("docs/settings.md"), StandardCharsets.UTF_8);
        for (SettingsCatalog.Setting s : SettingsCatalog.SETTINGS) {
            assertThat(help).contains(s.key());
            assertThat(page).as("docs/settings.md mentions " + s.key()).contains("`" + s.key() + "`");
        }
        assertThat(help).contains("--once", "--sandbox", "--dev", "--help", "/observe/health", "/observe/metrics");
    }

    @Test
    void aMisspeltKeyIsNoticedWithTheSettingItProbablyMeant() {
        assertThat(SettingsCatalog.isUnknownOwnKey("joor.batchsize")).isTrue();
        assertThat(SettingsCatalog.closest("joor.batchsize")).isEqualTo("joor.batch-size");
        assertThat(SettingsCatalog.isUnknownOwnKey("joor.batch-size")).isFalse();
        assertThat(SettingsCatalog.isUnknownOwnKey("camel.main.name")).isFalse();
    }

    @Test
    void aMisspeltEnvironmentVariableIsNoticedWithTheSettingItProbablyMeant() {
        assertThat(SettingsCatalog.isUnknownOwnVariable("JOOR_BATCHSIZE")).isTrue();
        assertThat(SettingsCatalog.closestToVariable("JOOR_BATCHSIZE")).isEqualTo("joor.batch-size");
        assertThat(SettingsCatalog.variable("joor.batch-size")).isEqualTo("JOOR_BATCH_SIZE");
        assertThat(SettingsCatalog.isUnknownOwnVariable("JOOR_API_TOKEN")).isFalse();
        assertThat(SettingsCatalog.isUnknownOwnVariable("DATA_SERVICES_ENDPOINT_URI")).isFalse();
        assertThat(SettingsCatalog.isUnknownOwnVariable("PATH")).isFalse();
    }
}
