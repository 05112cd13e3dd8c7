package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Every step the cycle's tallies count is a {@code step:} of routes/, so no count silently stops. */
class CycleTalliesTest {

    @Test
    void everyCountedStepIsAStepOfTheRoutes() throws IOException {
        Set<String> steps = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".camel.yaml")).toList()) {
                for (Object document : new Load(LoadSettings.builder().build())
                        .loadAllFromString(Files.readString(file, StandardCharsets.UTF_8))) {
                    collectSteps(document, steps);
                }
            }
        }
        assertThat(steps).as("ids of step: in routes/").containsAll(CycleTallies.STEPS.keySet());
    }

    private static void collectSteps(Object node, Set<String> into) {
        if (node instanceof Map<?, ?> map) {
            if (map.get("step") instanceof Map<?, ?> step && step.get("id") != null) {
                into.add(step.get("id").toString());
            }
            map.values().forEach(v -> collectSteps(v, into));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collectSteps(v, into));
        }
    }
}
