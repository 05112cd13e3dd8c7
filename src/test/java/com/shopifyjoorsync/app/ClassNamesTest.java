package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * No two classes of the project, main or test, share a simple name: a reader (or a stack trace, or a
 * log line naming the class) never has to ask which one is meant.
 */
class ClassNamesTest {

    @Test
    void noTwoClassesShareASimpleName() throws Exception {
        List<Path> sources;
        try (Stream<Path> files = Stream.concat(Files.walk(Path.of("src/main/java")), Files.walk(Path.of("src/test/java")))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        assertThat(sources).hasSizeGreaterThan(100);
        Map<String, List<Path>> byName = sources.stream()
                .collect(Collectors.groupingBy(f -> f.getFileName().toString().replace(".java", "")));

        assertThat(byName.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getValue))
                .as("classes sharing a simple name").isEmpty();
    }
}
