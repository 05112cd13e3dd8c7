package com.shopifyjoorsync.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The packaged jar as a user runs it: a JVM of its own in a working directory holding copies of
 * ./application.properties and ./routes/, settings given as -D, none of the test machine's
 * SHOPIFY_, JOOR_, WEBHOOKS_ or DATA_SERVICES_ variables.
 */
final class ChildJar {
    static final Path JAR = Path.of("target/shopify-joor-sync.jar").toAbsolutePath();

    private ChildJar() {
    }

    /** application.properties and routes/ into {@code work}, as in a user's installation. */
    static void copyConfiguration(Path work) throws IOException {
        Files.copy(Path.of("application.properties"), work.resolve("application.properties"));
        Files.createDirectories(work.resolve("routes"));
        try (Stream<Path> routes = Files.list(Path.of("routes"))) {
            for (Path route : routes.toList()) {
                Files.copy(route, work.resolve("routes").resolve(route.getFileName()));
            }
        }
    }

    /** {@code java [jvmOptions] -Dkey=value... -jar shopify-joor-sync.jar args} in {@code work}; redirects are the caller's. */
    static ProcessBuilder command(Path work, List<String> jvmOptions, Map<String, String> settings, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("SHOPIFY_") || k.startsWith("JOOR_")
                || k.startsWith("WEBHOOKS_") || k.startsWith("DATA_SERVICES_") || k.startsWith("SHOPS"));
        return builder;
    }
}
