package com.shopifyjoorsync.app;

import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.PropertiesFunction;

/**
 * The two placeholder functions the routes use where a Camel option needs a setting in another form.
 * Both read the user's setting (its catalogue default when empty), checked at start:
 * <ul>
 * <li>{@code {{millis:sync.interval}}}: a duration setting in milliseconds, for options that take no
 * "15m" (Quartz's trigger.repeatInterval, the delay EIP);</li>
 * <li>{@code {{atomic-uri:data-services.endpoint-uri}}}: the endpoint URI with the options that make a
 * file appear whole and never replace another, and data-services.password ({@link DataServicesEndpoint}).</li>
 * </ul>
 */
final class SettingFunctions {
    private SettingFunctions() {
    }

    static void register(PropertiesComponent properties, String dataServicesPassword) {
        properties.addPropertiesFunction(function("millis", properties,
                value -> Long.toString(SettingsCatalog.parseDuration(value).toMillis())));
        // data-services.password (from the environment) joins the URI here only, never a file or a log
        properties.addPropertiesFunction(function("atomic-uri", properties, uri -> DataServicesEndpoint.atomic(
                DataServicesEndpoint.withPassword(uri, dataServicesPassword))));
        // a file name's part from an optional setting: "eu-" for sync.shop=eu, nothing when not set
        properties.addPropertiesFunction(function("name-part", properties, value -> value.isEmpty() ? "" : value + "-"));
    }

    /**
     * Every setting as the routes read it: when not set or empty, its default (a host application
     * only sets what it changes), and without the spaces a properties file keeps at a line's end.
     */
    static void fillIn(PropertiesComponent properties) {
        for (SettingsCatalog.Setting s : SettingsCatalog.SETTINGS) {
            if (s.secret()) {
                continue;
            }
            String value = properties.resolveProperty(s.key()).orElse("");
            if (value.isBlank() && !s.defaultValue().isEmpty()) {
                properties.addOverrideProperty(s.key(), s.defaultValue());
            } else if (!value.isBlank() && !value.equals(value.strip())) {
                properties.addOverrideProperty(s.key(), value.strip());
            }
        }
    }

    private static PropertiesFunction function(String name, PropertiesComponent properties,
            java.util.function.UnaryOperator<String> convert) {
        return new PropertiesFunction() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public String apply(String key) {
                String value = properties.resolveProperty(key).map(String::strip).filter(v -> !v.isEmpty())
                        .orElse(SettingsCatalog.get(key).defaultValue());
                return convert.apply(value);
            }
        };
    }
}
