package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.catalog.CamelCatalog;
import org.apache.camel.catalog.DefaultCamelCatalog;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.ExpressionNode;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.errorhandler.NoErrorHandlerDefinition;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.OutputNode;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.model.WhenDefinition;
import org.apache.camel.model.language.ExpressionDefinition;
import org.apache.camel.model.language.MethodCallExpression;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.catalog.EndpointValidationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file of routes/ is loaded, and every endpoint URI and option validated against Camel's
 * catalog, every direct: endpoint sent to has a route, every bean method the routes call exists:
 * a typo fails the build, not production.
 */
class RoutesValidationTest {
    private static final CamelCatalog CATALOG = new DefaultCamelCatalog();

    @TempDir
    Path dir;

    /** The real configuration's settings and beans, and the given route files, loaded but not started. */
    private CamelContext load(List<Path> files) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation("file:application.properties");
        Map.of("shopify.shop", "my-store", "shopify.access-token", "shpat_x", "joor.api-token", "t",
                "joor.price-label", "Wholesale USD", "sync.dead-letter-uri", "file:" + dir.resolve("dead"),
                "data-services.endpoint-uri", "file:" + dir.resolve("ds"),
                "sync.state.jdbc-url", "jdbc:h2:file:" + dir.resolve("state/sync").toAbsolutePath())
                .forEach((k, v) -> context.getPropertiesComponent().addOverrideProperty(k, v));
        new SyncConfiguration().configure(context);
        List<Resource> resources = new ArrayList<>();
        for (Path file : files) {
            resources.add(ResourceHelper.resolveResource(context, "file:" + file));
        }
        PluginHelper.getRoutesLoader(context).loadRoutes(resources);
        return context;
    }

    private static List<Path> routeFiles() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            return files.filter(f -> f.toString().endsWith(".camel.yaml")).sorted().toList();
        }
    }

    /** Every problem found in the loaded routes, one line each. */
    static List<String> problems(CamelContext context) {
        ModelCamelContext model = (ModelCamelContext) context;
        List<String> problems = new ArrayList<>();
        Set<String> consumed = new HashSet<>();
        Set<String> sent = new HashSet<>();
        // a route made from a template reads its parameters as {{name}}: resolved as Camel does, per route
        for (RouteDefinition route : model.getRouteDefinitions()) {
            Map<String, Object> parameters = route.getTemplateParameters();
            context.getPropertiesComponent().setLocalProperties(parameters == null ? null : toProperties(parameters));
            try {
                String from = context.resolvePropertyPlaceholders(route.getInput().getEndpointUri());
                validateUri(route.getRouteId(), from, problems);
                consumed.add(from);
                List<ProcessorDefinition<?>> nodes = new ArrayList<>();
                collect(route.getOutputs(), nodes);
                checkNodes(context, nodes, sent, problems);
            } finally {
                context.getPropertiesComponent().setLocalProperties(null);
            }
        }
        List<ProcessorDefinition<?>> nodes = new ArrayList<>();
        model.getRouteConfigurationDefinitions().forEach(c -> c.getOnExceptions()
                .forEach(o -> collect(o.getOutputs(), nodes)));
        checkNodes(context, nodes, sent, problems);
        sent.stream().filter(uri -> uri.startsWith("direct:") && !consumed.contains(uri))
                .forEach(uri -> problems.add(uri + " is sent to, but no route consumes it"));
        return problems;
    }

    private static final List<WhenDefinition> whens = new ArrayList<>();

    private static java.util.Properties toProperties(Map<String, Object> parameters) {
        java.util.Properties properties = new java.util.Properties();
        parameters.forEach((k, v) -> properties.setProperty(k, String.valueOf(v)));
        return properties;
    }

    private static void checkNodes(CamelContext context, List<ProcessorDefinition<?>> nodes, Set<String> sent,
            List<String> problems) {
        for (ProcessorDefinition<?> node : nodes) {
            String where = node.getId() != null ? node.getId() : node.getShortName();
            if (node instanceof SendDefinition<?> send) {
                String uri = context.resolvePropertyPlaceholders(send.getEndpointUri());
                validateUri(where, uri, problems);
                sent.add(uri);
                java.util.regex.Matcher bean = java.util.regex.Pattern.compile("bean:([A-Za-z0-9]+)\\?method=([A-Za-z0-9]+)")
                        .matcher(uri);
                if (bean.matches()) {
                    checkMethod(context, where, bean.group(1), bean.group(2), problems);
                }
            } else if (node instanceof ToDynamicDefinition toD) {
                String uri = context.resolvePropertyPlaceholders(toD.getUri());
                if (!uri.contains("${")) {
                    validateUri(where, uri, problems);
                }
            } else if (node instanceof BeanDefinition bean) {
                checkMethod(context, where, bean.getRef(), bean.getMethod(), problems);
            }
            if (node instanceof ExpressionNode e && e.getExpression() != null) {
                boolean predicate = node instanceof org.apache.camel.model.FilterDefinition
                        || node instanceof org.apache.camel.model.LoopDefinition;
                checkExpression(context, where, e.getExpression(), predicate, problems);
            }
        }
        for (WhenDefinition when : whens) {
            checkExpression(context, when.getId() != null ? when.getId() : "when", when.getExpression(), true,
                    problems);
        }
        whens.clear();
    }

    private static void collect(List<ProcessorDefinition<?>> outputs, List<ProcessorDefinition<?>> into) {
        for (ProcessorDefinition<?> node : outputs) {
            into.add(node);
            if (node instanceof OutputNode || node.getOutputs() != null) {
                collect(node.getOutputs(), into);
            }
            if (node instanceof org.apache.camel.model.ChoiceDefinition choice) {
                for (WhenDefinition when : choice.getWhenClauses()) {
                    whens.add(when);
                    collect(when.getOutputs(), into);
                }
                if (choice.getOtherwise() != null) {
                    collect(choice.getOtherwise().getOutputs(), into);
                }
            }
            if (node instanceof org.apache.camel.model.TryDefinition doTry) {
                doTry.getCatchClauses().forEach(c -> collect(c.getOutputs(), into));
            }
        }
    }

    private static void validateUri(String where, String uri, List<String> problems) {
        EndpointValidationResult result = CATALOG.validateEndpointProperties(uri);
        if (!result.isSuccess()) {
            problems.add(where + ": " + result.summaryErrorMessage(false, false, false).trim());
        }
    }

    private static void checkExpression(CamelContext context, String where, ExpressionDefinition expression,
            boolean predicate, List<String> problems) {
        if (expression instanceof MethodCallExpression call) {
            checkMethod(context, where, call.getRef(), call.getMethod(), problems);
        } else if ("ref".equals(expression.getLanguage())) {
            Object bean = context.getRegistry().lookupByName(expression.getExpression());
            if (predicate ? !(bean instanceof org.apache.camel.Predicate || bean instanceof org.apache.camel.Expression)
                    : !(bean instanceof org.apache.camel.Expression)) {
                problems.add(where + ": ref " + expression.getExpression() + " is no "
                        + (predicate ? "predicate" : "expression") + " in the registry");
            }
        } else if ("simple".equals(expression.getLanguage())) {
            String text = context.resolvePropertyPlaceholders(expression.getExpression());
            try {
                // parsed by this context's simple language: beans are looked up here, not in a catalog's
                if (predicate) {
                    context.resolveLanguage("simple").createPredicate(text);
                } else {
                    context.resolveLanguage("simple").createExpression(text);
                }
            } catch (RuntimeException e) {
                problems.add(where + ": simple expression " + text + ": " + e.getMessage());
            }
            java.util.regex.Matcher bean = java.util.regex.Pattern
                    .compile("\\$\\{bean:([A-Za-z0-9]+)\\?method=([A-Za-z0-9]+)").matcher(text);
            while (bean.find()) {
                checkMethod(context, where, bean.group(1), bean.group(2), problems);
            }
        }
    }

    private static void checkMethod(CamelContext context, String where, String ref, String method,
            List<String> problems) {
        if (ref == null) {
            return;
        }
        Object bean = context.getRegistry().lookupByName(ref);
        if (bean == null) {
            problems.add(where + ": no bean named " + ref);
            return;
        }
        if (method == null) {
            return;
        }
        String name = method.contains("(") ? method.substring(0, method.indexOf('(')) : method;
        boolean found = Arrays.stream(bean.getClass().getMethods()).map(Method::getName).anyMatch(name::equals);
        if (!found) {
            problems.add(where + ": " + ref + " (" + bean.getClass().getSimpleName() + ") has no method " + name);
        }
    }

    @Test
    void everyEndpointOptionDirectEndpointAndBeanMethodOfTheRoutesIsKnown() throws Exception {
        List<Path> files = routeFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(8);
        CamelContext context = load(files);

        assertThat(((ModelCamelContext) context).getRouteDefinitions()).hasSizeGreaterThan(15);
        assertThat(problems(context)).isEmpty();
    }

    @Test
    void aTypoInARouteIsFound() throws Exception {
        Path typo = dir.resolve("typo.camel.yaml");
        Files.writeString(typo, """
                - route:
                    id: sjs-typo
                    from:
                      uri: direct:sjs-typo
                      steps:
                        - to:
                            uri: "file:{{sync.work-dir}}"
                            parameters:
                              fileExsit: Append
                        - to: direct:sjs-no-such-route
                        - bean:
                            ref: sjsCycle
                            method: finnish
                        - setBody:
                            simple: "${exchangeProperty.x"
                        - filter:
                            ref: sjsOutsideWindw
                """, StandardCharsets.UTF_8);

        List<String> problems = problems(load(List.of(typo)));

        assertThat(problems).hasSize(5);
        assertThat(String.join("\n", problems)).contains("fileExsit", "direct:sjs-no-such-route", "finnish",
                "${exchangeProperty.x", "sjsOutsideWindw");
    }

    /**
     * Call routes have no error handler of their own: a route whose route configuration has none
     * (sjs-calls, sjs-customer-steps) says {@code noErrorHandler} itself too, or a host ESB's
     * context-wide error handler would take the configuration's place and redeliver inside the call
     * what the caller's policy repeats whole. Every route another route calls opts in to one of the
     * bundle's route configurations.
     */
    static List<String> errorHandlerProblems(CamelContext context) {
        ModelCamelContext model = (ModelCamelContext) context;
        // Camel hands a route without an error handler its configuration's (the same object) when it loads it
        Map<String, Object> withoutErrorHandler = new java.util.HashMap<>();
        model.getRouteConfigurationDefinitions().stream()
                .filter(c -> c.getErrorHandler() != null
                        && c.getErrorHandler().getErrorHandlerType() instanceof NoErrorHandlerDefinition)
                .forEach(c -> withoutErrorHandler.put(c.getId(), c.getErrorHandler().getErrorHandlerType()));
        List<String> problems = new ArrayList<>();
        for (RouteDefinition route : model.getRouteDefinitions()) {
            Map<String, Object> parameters = route.getTemplateParameters();
            context.getPropertiesComponent().setLocalProperties(parameters == null ? null : toProperties(parameters));
            try {
                String configuration = route.getRouteConfigurationId() == null ? null
                        : context.resolvePropertyPlaceholders(route.getRouteConfigurationId());
                if (configuration == null) {
                    problems.add(route.getRouteId() + " opts in to no route configuration");
                } else if (withoutErrorHandler.containsKey(configuration)
                        && (!(ownErrorHandler(route) instanceof NoErrorHandlerDefinition)
                                || ownErrorHandler(route) == withoutErrorHandler.get(configuration))) {
                    problems.add(route.getRouteId() + " is a call route (" + configuration
                            + ") but does not say errorHandler: noErrorHandler");
                }
            } finally {
                context.getPropertiesComponent().setLocalProperties(null);
            }
        }
        return problems;
    }

    private static Object ownErrorHandler(RouteDefinition route) {
        return route.getErrorHandler() != null ? route.getErrorHandler().getErrorHandlerType()
                : route.isErrorHandlerFactorySet() ? route.getErrorHandlerFactory() : null;
    }

    @Test
    void everyCallRouteHasNoErrorHandlerOfItsOwn() throws Exception {
        CamelContext context = load(routeFiles());

        assertThat(((ModelCamelContext) context).getRouteConfigurationDefinitions())
                .extracting(c -> c.getId()).contains("sjs-calls", "sjs-customer-steps");
        assertThat(errorHandlerProblems(context)).isEmpty();
    }

    @Test
    void aCallRouteWithAnErrorHandlerOfItsOwnIsFound() throws Exception {
        Path calls = dir.resolve("calls.camel.yaml");
        Files.writeString(calls, """
                - routeConfiguration:
                    id: sjs-calls
                    errorHandler:
                      noErrorHandler: {}
                - route:
                    id: sjs-good-call
                    routeConfigurationId: sjs-calls
                    errorHandler:
                      noErrorHandler: {}
                    from:
                      uri: direct:sjs-good-call
                      steps:
                        - log: x
                - route:
                    id: sjs-bad-call
                    routeConfigurationId: sjs-calls
                    from:
                      uri: direct:sjs-bad-call
                      steps:
                        - log: x
                - route:
                    id: sjs-no-configuration
                    from:
                      uri: direct:sjs-no-configuration
                      steps:
                        - log: x
                """, StandardCharsets.UTF_8);

        assertThat(errorHandlerProblems(load(List.of(calls)))).containsExactlyInAnyOrder(
                "sjs-bad-call is a call route (sjs-calls) but does not say errorHandler: noErrorHandler",
                "sjs-no-configuration opts in to no route configuration");
    }
}
