package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The jar a host ESB depends on, target/shopify-joor-sync-VERSION.jar: no sandbox and no graphql-java,
 * which only the runnable jar target/shopify-joor-sync.jar carries; the pom a host resolves does not
 * bring graphql-java either.
 */
class EmbeddableJarIT {
    private static final Path JAR = Path.of(System.getProperty("embeddable.jar",
            "target/shopify-joor-sync-0.1.0-SNAPSHOT.jar")).toAbsolutePath();

    @TempDir
    Path work;

    @Test
    void holdsNoSandboxAndNoClassOfItRefersToTheSandboxOrGraphqlJava() throws Exception {
        List<String> entries = new ArrayList<>();
        List<String> referring = new ArrayList<>();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            for (ZipEntry entry : jar.stream().toList()) {
                entries.add(entry.getName());
                if (entry.getName().endsWith(".class")) {
                    // a class's constant pool names every class it refers to, as internal names
                    String constants = new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.ISO_8859_1);
                    if (constants.contains("com/shopifyjoorsync/sandbox/") || constants.contains("graphql/")) {
                        referring.add(entry.getName());
                    }
                }
            }
        }

        assertThat(entries).contains("com/shopifyjoorsync/app/Launcher.class",
                "com/shopifyjoorsync/app/EmbeddedSandbox.class", "shopify-joor-sync/routes/customer-mapping.jslt");
        assertThat(entries).filteredOn(e -> e.startsWith("com/shopifyjoorsync/sandbox/") || e.startsWith("graphql/")
                || e.startsWith("sandbox/") || e.equals("META-INF/services/" + EmbeddedSandbox.class.getName()))
                .isEmpty();
        assertThat(referring).isEmpty();
    }

    /** The jar's pom is pom.xml as it is (no dependency-reduced pom): what a host inherits from it. */
    @Test
    void aHostDependingOnItGetsNoGraphqlJava() throws Exception {
        Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new File("pom.xml"))
                .getDocumentElement();
        List<String> inherited = new ArrayList<>();
        List<String> graphql = new ArrayList<>();
        Element dependencies = child(project, "dependencies");
        NodeList list = dependencies.getElementsByTagName("dependency");
        for (int i = 0; i < list.getLength(); i++) {
            Element dependency = (Element) list.item(i);
            String id = text(dependency, "groupId") + ":" + text(dependency, "artifactId");
            String scope = text(dependency, "scope");
            boolean optional = "true".equals(text(dependency, "optional"));
            if (!optional && (scope.isEmpty() || scope.equals("compile") || scope.equals("runtime"))) {
                inherited.add(id);
            }
            if (id.startsWith("com.graphql-java:")) {
                graphql.add(id + (optional ? " (optional)" : ""));
            }
        }

        assertThat(inherited).contains("org.apache.camel:camel-main", "org.apache.camel:camel-yaml-dsl")
                .noneMatch(id -> id.startsWith("com.graphql-java:"));
        // the sandbox still builds against it
        assertThat(graphql).containsExactly("com.graphql-java:graphql-java (optional)");
    }

    @Test
    void sandboxFromTheEmbeddableJarNamesTheRunnableJarAndExitsTwo() throws Exception {
        Files.copy(Path.of("application.properties"), work.resolve("application.properties"));
        Run blank = launch("--template-blank");
        assertThat(blank.exit()).as("the embeddable jar runs without the sandbox and graphql-java: " + blank.err())
                .isZero();
        assertThat(work.resolve(Launcher.BLANK_TEMPLATE + ".xlsx")).isNotEmptyFile(); // the default format

        Run run = launch("--sandbox", "--once");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains("--sandbox needs the runnable jar target/shopify-joor-sync.jar");
        assertThat(run.out()).doesNotContain("Sandbox Shopify store", "SYNC");
    }

    private record Run(int exit, String out, String err) {
    }

    /**
     * The Launcher on a host's classpath: the embeddable jar and this build's libraries, without the
     * compiled sources (the tests compile the sandbox) and without graphql-java, which a host does not get.
     */
    private Run launch(String... args) throws Exception {
        List<String> classpath = new ArrayList<>(List.of(JAR.toString()));
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).toAbsolutePath().startsWith(Path.of("target").toAbsolutePath()))
                .filter(entry -> !entry.replace(File.separatorChar, '/').contains("/com/graphql-java/"))
                .forEach(classpath::add);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, classpath), Launcher.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(work.resolve("out.txt").toFile()).redirectError(work.resolve("err.txt").toFile())
                .start();
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("the Launcher finished within 60 s").isTrue();
        return new Run(process.exitValue(), Files.readString(work.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(work.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    private static Element child(Element parent, String name) {
        for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        throw new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">");
    }

    private static String text(Element parent, String name) {
        for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element.getTextContent().trim();
            }
        }
        return "";
    }
}
