package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import org.junit.jupiter.api.Test;

/**
 * Every file of routes/ validates against the YAML DSL schema Camel publishes in the camel-yaml-dsl
 * jar ({@code schema/camelYamlDsl.json}), the one Kaoto and the VS Code Camel tooling open routes
 * with: what loads in Camel but breaks the schema cannot be edited visually.
 */
class RoutesSchemaTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static Schema camelYamlDsl() throws Exception {
        try (InputStream in = RoutesSchemaTest.class.getClassLoader().getResourceAsStream("schema/camelYamlDsl.json")) {
            assertThat(in).as("schema/camelYamlDsl.json in camel-yaml-dsl").isNotNull();
            JsonNode schema = new ObjectMapper().readTree(in);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(schema);
        }
    }

    /** The schema's findings for one YAML text, one line each. */
    private static List<String> problems(Schema schema, String name, String yaml) throws Exception {
        List<String> problems = new ArrayList<>();
        schema.validate(YAML.readTree(yaml)).forEach(error -> problems.add(name + " " + error));
        return problems;
    }

    @Test
    void everyRouteFileValidatesAgainstCamelsYamlDslSchema() throws Exception {
        Schema schema = camelYamlDsl();
        List<Path> files;
        try (Stream<Path> listed = Files.list(Path.of("routes"))) {
            files = listed.filter(f -> f.toString().endsWith(".camel.yaml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            problems.addAll(problems(schema, file.getFileName().toString(), Files.readString(file)));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aStepTheSchemaDoesNotKnowIsFound() throws Exception {
        String yaml = """
                - route:
                    id: r
                    from:
                      uri: direct:r
                      steps:
                        - setBody:
                            simple: x
                            unknownOption: 1
                """;
        assertThat(problems(camelYamlDsl(), "r.camel.yaml", yaml)).singleElement().asString().contains("unknownOption");
    }
}
