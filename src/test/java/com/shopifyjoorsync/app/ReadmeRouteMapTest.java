package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The README's map of the routes a customer crosses names real files and real route ids: a route
 * renamed or moved fails the build until the map follows.
 */
class ReadmeRouteMapTest {
    private static final Pattern MAP_LINE = Pattern.compile("^\\s*(?:([a-z-]+)\\s+)?(sjs-[a-z0-9-]+)\\s");

    @Test
    void everyRouteOfTheMapIsInTheFileItNames() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf("## How it works: the routes a customer crosses");
        assertThat(section).as("the README's route map section").isNotNegative();
        int start = readme.indexOf("```\n", section) + 4;
        int end = readme.indexOf("```", start);
        List<String> checked = new ArrayList<>();
        String file = null;
        for (String line : readme.substring(start, end).split("\n")) {
            Matcher m = MAP_LINE.matcher(line + " ");
            if (!m.find()) {
                continue;
            }
            if (m.group(1) != null) {
                file = m.group(1);
            }
            assertThat(file).as("a file named before " + m.group(2)).isNotNull();
            Path routes = Path.of("routes", file + ".camel.yaml");
            assertThat(routes).as("README route map: " + line.strip()).exists();
            String yaml = Files.readString(routes, StandardCharsets.UTF_8);
            assertThat(yaml).as("README route map: route " + m.group(2) + " in " + routes)
                    .containsPattern("(?m)^\\s+id: " + Pattern.quote(m.group(2)) + "\\s*$");
            checked.add(m.group(2));
        }
        assertThat(checked).as("routes named by the map").hasSizeGreaterThan(10);
    }
}
