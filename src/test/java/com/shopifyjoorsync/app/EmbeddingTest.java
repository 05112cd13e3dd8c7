package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.DeadLetterChannelBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundle inside a host ESB: a Camel 4 application with its own routes and its own global error
 * handler adds the bundle in one step (SyncConfiguration plus BundleRoutes.INCLUDE_PATTERN), and
 * each keeps its own behaviour.
 */
class EmbeddingTest {
    @TempDir
    Path dir;
    SandboxHarness sandbox;
    final List<String> hostDelivered = new CopyOnWriteArrayList<>();
    final List<String> hostDeadLetters = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        sandbox = new SandboxHarness(dir);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    /** The host's own routes: orders, and the dead letters its global error handler sends. */
    private RouteBuilder hostRoutes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:host-orders").routeId("host-orders")
                        .process(e -> {
                            if (e.getMessage().getBody(String.class).startsWith("bad")) {
                                throw new IllegalStateException("host cannot take " + e.getMessage().getBody());
                            }
                        })
                        .process(e -> hostDelivered.add(e.getMessage().getBody(String.class)));
                from("direct:host-dead-letters").routeId("host-dead-letters")
                        .process(e -> hostDeadLetters.add(e.getMessage().getBody(String.class)));
            }
        };
    }

    /** The host: its routes, a context-wide dead-letter channel, and only the settings it must give the bundle. */
    private Main host() throws Exception {
        Main host = new Main();
        host.setPropertyPlaceholderLocations("classpath:host-application.properties;optional=true");
        Properties settings = new Properties();
        for (String key : List.of("shopify.shop", "shopify.base-url", "shopify.access-token", "joor.api-url",
                "joor.api-token", "joor.price-label", "sync.dead-letter-uri", "data-services.endpoint-uri",
                "sync.work-dir", "sync.state.jdbc-url")) {
            settings.put(key, sandbox.settings.get(key));
        }
        settings.put("sync.schedule.enabled", "false");
        settings.put("sync.redelivery.delay", "20ms");
        host.setOverrideProperties(settings);
        host.configure().addConfiguration(new CamelConfiguration() {
            @Override
            public void configure(CamelContext context) {
                context.getCamelContextExtension()
                        .setErrorHandlerFactory(new DeadLetterChannelBuilder("direct:host-dead-letters"));
            }
        });
        host.configure().addRoutesBuilder(hostRoutes());
        // the one step that adds the bundle
        host.configure().addConfiguration(new SyncConfiguration());
        host.configure().setRoutesIncludePattern(BundleRoutes.INCLUDE_PATTERN);
        host.start();
        return host;
    }

    @Test
    void theHostAndTheBundleEachKeepTheirOwnErrorHandling() throws Exception {
        sandbox.joor.failNextPosts(2, 503); // the bundle retries these itself
        Main host = host();
        try {
            CamelContext context = host.getCamelContext();
            ProducerTemplate template = context.createProducerTemplate();
            // sync.schedule.enabled=false: the timer route stays stopped, the host's routes run
            assertThat(context.getRouteController().getRouteStatus("sjs-sync-schedule")).isEqualTo(ServiceStatus.Stopped);
            assertThat(context.getRouteController().getRouteStatus("host-orders")).isEqualTo(ServiceStatus.Started);

            template.sendBody("direct:host-orders", "order-1");
            template.sendBody("direct:host-orders", "bad-order-2");
            assertThat(hostDelivered).containsExactly("order-1");
            assertThat(hostDeadLetters).containsExactly("bad-order-2");
            assertThat(sandbox.deadLetters()).isEmpty();

            Exchange cycle = template.send("direct:sjs-sync-cycle", e -> { });

            String summary = cycle.getMessage().getBody(String.class);
            assertThat(summary).startsWith("SYNC SUMMARY").contains(" dead_lettered=1 ");
            assertThat(sandbox.joor.receivedConnections()).isNotEmpty();
            assertThat(sandbox.joor.requestLog()).filteredOn(l -> l.startsWith("POST") && l.endsWith(" 503")).hasSize(2);
            assertThat(sandbox.templateFiles()).hasSize(1);
            assertThat(sandbox.deadLetters()).hasSize(1); // the bundle's dead letter went to the bundle's folder
            assertThat(hostDeadLetters).containsExactly("bad-order-2"); // and none of the bundle's to the host's

            template.sendBody("direct:host-orders", "bad-order-3");
            assertThat(hostDeadLetters).containsExactly("bad-order-2", "bad-order-3");
            assertThat(sandbox.deadLetters()).hasSize(1);
        } finally {
            host.stop();
        }
    }

    /** A route made from a template, as Camel runs it: its {{parameters}} replaced by their values. */
    private static String withParameters(RouteDefinition route, String text) {
        String resolved = text;
        if (route.getTemplateParameters() != null) {
            for (Map.Entry<String, Object> parameter : route.getTemplateParameters().entrySet()) {
                resolved = resolved.replace("{{" + parameter.getKey() + "}}", String.valueOf(parameter.getValue()));
            }
        }
        return resolved;
    }

    @Test
    void everyRouteAndBeanOfTheBundleCarriesThePrefixAndScopesItsErrorHandling() throws Exception {
        Main host = host();
        try {
            List<RouteDefinition> routes = ((ModelCamelContext) host.getCamelContext()).getRouteDefinitions();
            List<RouteDefinition> bundle = routes.stream().filter(r -> !r.getRouteId().startsWith("host-")).toList();
            assertThat(bundle).isNotEmpty().allSatisfy(r -> {
                assertThat(r.getRouteId()).startsWith("sjs-");
                assertThat(withParameters(r, r.getRouteConfigurationId())).as(r.getRouteId()).startsWith("sjs-");
                assertThat(withParameters(r, r.getInput().getEndpointUri())).as(r.getRouteId())
                        .matches("(direct:sjs-|quartz://shopify-joor-sync/|timer:sjs-|platform-http:\\{\\{webhooks\\.path}}).*");
            });
            assertThat(((ModelCamelContext) host.getCamelContext()).getRouteConfigurationDefinitions())
                    .allSatisfy(c -> assertThat(c.getId()).startsWith("sjs-"));
        } finally {
            host.stop();
        }

        CamelContext plain = new DefaultCamelContext();
        sandbox.settings.forEach((k, v) -> plain.getPropertiesComponent().addOverrideProperty(k, v));
        new SyncConfiguration().configure(plain);
        Map<String, Object> beans = plain.getRegistry().findByTypeWithName(Object.class);
        assertThat(beans.keySet()).isNotEmpty().allSatisfy(name -> assertThat(name).startsWith("sjs"));
    }
}
