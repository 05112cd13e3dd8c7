package com.shopifyjoorsync.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * sync.log-format (text or json), chosen before anything logs: -D, then the environment
 * (SYNC_LOG_FORMAT), then ./application.properties. The product's logback configuration picks its
 * appender from the system property this sets.
 */
final class LogFormat {
    static final String APPENDER_PROPERTY = "sjs.log.appender";
    /**
     * The runnable jar's logback configuration. Not named logback.xml, so that the jar used as a
     * library leaves the host's own logging configuration alone.
     */
    static final String CONFIGURATION = "shopify-joor-sync-logback.xml";

    private LogFormat() {
    }

    /**
     * Selects the appender. A value that is neither text nor json selects text, so that the start can
     * log, and report it with every other wrong setting (SyncSettings).
     */
    static void apply() {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", CONFIGURATION);
        }
        String format = System.getProperty("sync.log-format", System.getenv("SYNC_LOG_FORMAT"));
        if (format == null) {
            Properties file = new Properties();
            try (Reader in = Files.newBufferedReader(Path.of("application.properties"))) {
                file.load(in);
                format = file.getProperty("sync.log-format");
            } catch (IOException e) {
                format = null;
            }
        }
        format = format == null || format.isBlank() ? "text" : format.trim();
        if (System.getProperty(APPENDER_PROPERTY) == null) {
            System.setProperty(APPENDER_PROPERTY, SettingsCatalog.problem("sync.log-format", format) == null ? format.toUpperCase(Locale.ROOT) : "TEXT");
        }
    }


}
