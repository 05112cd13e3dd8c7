package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** One list of settings: application.properties, --help and the README say the same. */
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

    @Test
    void helpAndTheReadmeListEverySetting() throws Exception {
        String help = Launcher.usage();
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        for (SettingsCatalog.Setting s : SettingsCatalog.SETTINGS) {
            assertThat(help).contains(s.key());
            assertThat(readme).as("README mentions " + s.key()).contains("`" + s.key() + "`");
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
