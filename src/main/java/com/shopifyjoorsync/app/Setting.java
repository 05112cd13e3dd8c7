package com.shopifyjoorsync.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.apache.camel.util.IOHelper;

/**
 * One setting read without starting Camel, for commands that need no credentials (--template-blank),
 * in the order Camel's properties component uses: the launcher's overrides, -D, the environment
 * (DATA_SERVICES_DELIMITER for data-services.delimiter), ./application.properties. Empty = not set.
 */
final class Setting {
    private Setting() {
    }

    static Optional<String> lookup(String key, Map<String, String> overrides) {
        String value = overrides.get(key);
        if (value == null) {
            value = System.getProperty(key);
        }
        if (value == null) {
            value = IOHelper.lookupEnvironmentVariable(key);
        }
        if (value == null) {
            value = fromFile(key);
        }
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static String fromFile(String key) {
        Path file = Path.of("application.properties");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file.toAbsolutePath(), e);
        }
        return properties.getProperty(key);
    }
}
