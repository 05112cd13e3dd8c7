package com.shopifyjoorsync.app;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.apache.camel.spi.PropertiesComponent;

/**
 * Several shops in one deployment (a store per currency, or one brand per entry for an agency):
 * {@code shops=eu,us} names them, and {@code shops.<name>.<setting>} gives a shop its own value of
 * any setting {@link #perShop(String)} allows; what a shop does not set is the top-level value. Each
 * shop runs in a Camel context of its own, built from the same routes/ and configuration with
 * {@code sync.shop} naming its entry, so one shop's failure, throttling or slowness never holds
 * another up (its own timer, threads, pacers and retries). Without {@code shops}, the top-level
 * settings are the one shop, as before.
 */
public final class Shops {
    /** The list of shop entries; empty = the top-level settings are the only shop. */
    public static final String LIST = "shops";
    /** The entry of {@link #LIST} a Camel context serves (the launcher sets it; an ESB may too). */
    public static final String THIS = "sync.shop";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    /** Settings of the process, not of a shop: one state store, one cluster, one log, one management server. */
    private static final Set<String> PROCESS_WIDE = Set.of("sync.schedule.enabled", "sync.state.jdbc-url",
            "sync.state.username", "sync.state.password", "sync.cluster.enabled", "sync.cluster.checkin-interval",
            "sync.redelivery.max-attempts", "sync.redelivery.delay", "sync.progress.customers",
            "sync.progress.interval", "sync.log-format", "sync.shop");
    /** The webhook receiver's port: a shop's own, read by camel-main before the shop's settings apply. */
    static final String SERVER_PORT = "camel.server.port";
    /** Settings camel-main reads before the configuration runs: the launcher gives them per shop. */
    static final List<String> READ_BY_CAMEL_MAIN = List.of("webhooks.enabled", SERVER_PORT, "webhooks.max-body-size");

    /** Folders a shop gets a sub-folder of when it does not name its own (two shops never share one). */
    private static final List<String> OWN_FOLDERS = List.of("sync.dead-letter-uri", "sync.work-dir", "link-report.dir");

    private Shops() {
    }

    /** Whether {@code shops.<name>.<key>} may set this setting for one shop. */
    public static boolean perShop(String key) {
        // a shop's webhook receiver listens on a port of its own (camel.server.port)
        return SettingsCatalog.isKnown(key) && !PROCESS_WIDE.contains(key)
                && (!key.startsWith("camel.") || key.equals(SERVER_PORT));
    }

    /**
     * The shop entries in order, or an empty list when {@code shops} is not set.
     *
     * @throws ConfigurationException naming a bad or repeated name
     */
    public static List<String> names(Function<String, Optional<String>> setting) {
        String list = setting.apply(LIST).map(String::strip).orElse("");
        if (list.isEmpty()) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        for (String name : list.split(",")) {
            String n = name.strip();
            if (!NAME.matcher(n).matches()) {
                problems.add(LIST + "=" + list + ": '" + n + "' is not a shop name (a-z, 0-9 and -, at most 32, "
                        + "it becomes part of settings, folders and metric labels)");
            } else if (!names.add(n)) {
                problems.add(LIST + "=" + list + ": " + n + " is listed twice");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return List.copyOf(names);
    }

    /**
     * Makes the context's settings those of the shop {@code sync.shop} names: each
     * {@code shops.<shop>.<key>} set becomes {@code <key>}; the dead-letter, work and report folders
     * not set for the shop become a sub-folder named for it. Returns the shop's name, or null when
     * {@code sync.shop} is not set (the top-level settings are the shop).
     */
    static String applyTo(PropertiesComponent properties, List<String> problems) {
        Optional<String> shop = properties.resolveProperty(THIS).map(String::strip).filter(s -> !s.isEmpty());
        if (shop.isEmpty()) {
            return null;
        }
        String name = shop.get();
        List<String> names;
        try {
            names = names(properties::resolveProperty);
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
            return name;
        }
        if (!names.contains(name)) {
            problems.add(THIS + "=" + name + ": not one of " + LIST + "=" + String.join(",", names));
            return name;
        }
        String prefix = LIST + "." + name + ".";
        for (SettingsCatalog.Setting s : SettingsCatalog.SETTINGS) {
            if (!perShop(s.key())) {
                continue;
            }
            Optional<String> own = properties.resolveProperty(prefix + s.key()).map(String::strip).filter(v -> !v.isEmpty());
            if (own.isPresent()) {
                properties.addOverrideProperty(s.key(), own.get());
            } else if (OWN_FOLDERS.contains(s.key())) {
                String shared = properties.resolveProperty(s.key()).map(String::strip).filter(v -> !v.isEmpty())
                        .orElse(s.defaultValue());
                if (!s.key().equals("sync.dead-letter-uri") || shared.startsWith("file:")) {
                    properties.addOverrideProperty(s.key(), subFolder(shared, name));
                }
            }
        }
        return name;
    }

    /** {@code file:data/dead-letter?x=y} for shop eu: {@code file:data/dead-letter/eu?x=y}. */
    static String subFolder(String folder, String shop) {
        int query = folder.indexOf('?');
        String path = query < 0 ? folder : folder.substring(0, query);
        String options = query < 0 ? "" : folder.substring(query);
        return (path.endsWith("/") ? path : path + "/") + shop + options;
    }

    /** {@code shops.<name>.<key>} written for a shop not listed, or for a setting that is not per shop. */
    static List<String> misplaced(Iterable<String> keys, List<String> names) {
        List<String> problems = new ArrayList<>();
        for (String key : keys) {
            if (!key.startsWith(LIST + ".")) {
                continue;
            }
            String rest = key.substring(LIST.length() + 1);
            int dot = rest.indexOf('.');
            String shop = dot < 0 ? rest : rest.substring(0, dot);
            String setting = dot < 0 ? "" : rest.substring(dot + 1);
            if (!names.contains(shop)) {
                problems.add(key + ": " + shop + " is not one of " + LIST + "=" + String.join(",", names)
                        + (names.isEmpty() ? " (not set)" : ""));
            } else if (!perShop(setting)) {
                String closest = SettingsCatalog.closest(setting);
                problems.add(key + ": " + (SettingsCatalog.isKnown(setting)
                        ? setting + " is the process's, not a shop's: set it at the top level"
                        : setting + " is not a setting" + (closest == null ? "" : " (did you mean " + prefixOf(key, shop) + closest + "?)")));
            }
        }
        return problems;
    }

    private static String prefixOf(String key, String shop) {
        return LIST + "." + shop + ".";
    }
}
