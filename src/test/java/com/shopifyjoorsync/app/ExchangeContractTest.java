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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The exchange-contract table at the top of routes/customer.camel.yaml against the routes: every
 * exchange property the routes of a customer's path set or read is in the table, and every property
 * the table names is used by the routes or by the beans they call.
 */
class ExchangeContractTest {

    /** The routes one customer's exchange crosses, from the page's split to joining a batch. */
    private static final Set<String> PATH = Set.of("sjs-page-customers", "sjs-customer", "sjs-eligible-customer",
            "sjs-send-if-changed", "sjs-joor-batch", "sjs-data-services-row");
    private static final Pattern READ = Pattern.compile("exchangeProperty\\.(\\w+)");
    private static final Pattern LISTED = Pattern.compile("`(\\w+)`");

    @Test
    void theTableNamesEveryPropertyOfTheCustomersPathAndNothingElse() throws IOException {
        Set<String> table = tableProperties();
        Set<String> used = new TreeSet<>();
        for (Path file : routeFiles()) {
            for (Object document : new Load(LoadSettings.builder().build()).loadAllFromString(Files.readString(file,
                    StandardCharsets.UTF_8))) {
                for (Object item : (List<?>) document) {
                    Map<?, ?> route = (Map<?, ?>) ((Map<?, ?>) item).get("route");
                    if (route != null && PATH.contains(route.get("id"))) {
                        collect(route, used);
                    }
                }
            }
        }
        assertThat(used).as("properties the customer's path routes set or read").isNotEmpty();
        assertThat(table).as("the table in routes/customer.camel.yaml").containsAll(used);

        String routes = yamlWithoutComments();
        String java = mainJava();
        assertThat(table).allSatisfy(name -> assertThat(
                READ.matcher(routes).results().anyMatch(m -> m.group(1).equals(name))
                        || routes.contains("name: " + name + "\n") || java.contains("\"" + name + "\""))
                .as("%s is used by a route or by a bean the routes call", name).isTrue());
    }

    /** The names in backquotes in the comment block above the first route. */
    private static Set<String> tableProperties() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("routes/customer.camel.yaml"), StandardCharsets.UTF_8)) {
            if (!line.startsWith("#")) {
                break;
            }
            if (line.startsWith("#   `")) {
                Matcher m = LISTED.matcher(line.substring(0, line.lastIndexOf('`') + 1));
                m.results().forEach(r -> names.add(r.group(1)));
            }
        }
        return names;
    }

    /** setProperty/removeProperty names and exchangeProperty.x references anywhere under a route. */
    private static void collect(Object node, Set<String> into) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (("setProperty".equals(e.getKey()) || "removeProperty".equals(e.getKey()))
                        && e.getValue() instanceof Map<?, ?> step) {
                    into.add(String.valueOf(step.get("name")));
                }
                collect(e.getValue(), into);
            }
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collect(item, into));
        } else if (node instanceof String text) {
            READ.matcher(text).results().forEach(m -> into.add(m.group(1)));
        }
    }

    private static List<Path> routeFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            return files.filter(f -> f.toString().endsWith(".camel.yaml")).sorted().toList();
        }
    }

    private static String yamlWithoutComments() throws IOException {
        StringBuilder text = new StringBuilder();
        for (Path file : routeFiles()) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.strip().startsWith("#")) {
                    text.append(line.strip()).append('\n');
                }
            }
        }
        return text.toString();
    }

    private static String mainJava() throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                text.append(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return text.toString();
    }
}
