package com.shopifyjoorsync.app;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shopifyjoorsync.dataservices.DataServicesMail;
import com.shopifyjoorsync.dataservices.DataServicesMailLogin;
import com.shopifyjoorsync.joor.JoorCreditPacer;
import com.shopifyjoorsync.linkreport.PendingSubmission;
import com.shopifyjoorsync.observe.DeadLetterFolder;
import com.shopifyjoorsync.observe.SecretMask;
import com.shopifyjoorsync.observe.SyncMetrics;
import com.shopifyjoorsync.shopify.ShopifyCostPacer;
import com.shopifyjoorsync.state.PendingSubmissions;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelBeanPostProcessor;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.PluginHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the bundle into a CamelContext, the camel-main way: checks every setting against the
 * catalogue (a wrong one stops the start, before anything is sent), then binds the beans of
 * {@link SyncBeans}, all named with the sjs prefix. The routes read the settings themselves as
 * {{key}} ({@link SettingFunctions} where an option needs another form).
 */
public class SyncConfiguration implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(SyncConfiguration.class);

    @Override
    public void configure(CamelContext context) {
        PropertiesComponent properties = context.getPropertiesComponent();
        // one shop of several (sync.shop): its shops.<name>.* settings become the context's own
        List<String> shopProblems = new java.util.ArrayList<>();
        String shopEntry = Shops.applyTo(properties, shopProblems);
        // before anything could echo one
        SecretMask.addFromSettings(properties::resolveProperty, SettingsCatalog.secrets(),
                SettingsCatalog.mayHoldPasswords());
        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        // with route reloading (the dev profile), the mapping file reloads on change too
        boolean reload = properties.resolveProperty("camel.main.routes-reload-enabled").map(Boolean::parseBoolean)
                .orElse(false);
        StartChecks checks = new StartChecks(context, json, reload);
        // the e-mail endpoint's login, named by its URI: there before the endpoint is checked
        context.getRegistry().bind(DataServicesEndpoint.MAIL_LOGIN, new DataServicesMailLogin(properties::resolveProperty));
        warnUnknownSettings(properties);
        // the sync's settings and the commands' in one report: every wrong setting named at once
        SettingsCatalog.Values values = new SettingsCatalog.Values(properties::resolveProperty);
        shopProblems.forEach(values::problem);
        if (shopEntry != null) {
            Shops.misplaced(ownKeys(properties), Shops.names(properties::resolveProperty)).forEach(values::problem);
        }
        SyncSettings s = SyncSettings.read(values, checks);
        CommandSettings commands = CommandSettings.of(values);
        WebhookSettings webhooks = WebhookSettings.read(values, s);
        ClusterSettings cluster = ClusterSettings.read(values);
        DataServicesMail.Settings mail = null;
        try {
            mail = DataServicesMail.Settings.read(properties::resolveProperty);
        } catch (ConfigurationException e) {
            e.problems().forEach(values::problem);
        }
        if (shopEntry == null) {
            values.throwIfProblems();
        } else {
            try {
                values.throwIfProblems();
            } catch (ConfigurationException e) {
                // the value may be the shop's own (shops.<name>.<key>) or the top-level one it inherits
                throw new ConfigurationException(e.problems().stream().map(p -> "[shop " + shopEntry + "] " + p).toList());
            }
        }

        SettingFunctions.fillIn(properties);
        SettingFunctions.register(properties, s.dataServicesPassword());
        // the store URL from shopify.shop when not given, as the routes call it
        properties.addOverrideProperty("shopify.base-url", s.shopifyBaseUrl());
        properties.addOverrideProperty("joor.api-url", s.joorApiUrl());

        context.getRegistry().bind("sjsSettings", s);
        SyncBeans.State state = new SyncBeans.State(context, s);
        // only where the timers run: a command's scheduler would take the cluster's fires and drop them
        if (cluster.enabled() && properties.resolveProperty("sync.schedule.enabled").map(Boolean::parseBoolean).orElse(true)) {
            String node = ClusteredScheduler.configure(context, s, cluster);
            context.getRegistry().bind(ClusterHealth.ID, new ClusterHealth(state.store,
                    com.shopifyjoorsync.state.StateStore.clusterScheduler(s.shopEntry()), node, Clock.systemUTC()));
        }
        SyncBeans.Shopify shopify = new SyncBeans.Shopify(context, s);
        SyncBeans.Joor joor = new SyncBeans.Joor(s, json, state);
        SyncBeans.Customers customers = new SyncBeans.Customers(s, json, checks, state, shopify, joor);
        SyncBeans.Webhooks webhookBeans = new SyncBeans.Webhooks(webhooks, json, state, s, joor);
        SyncBeans.Observe observe = new SyncBeans.Observe(context, s, customers, shopify, joor, webhookBeans);
        SyncBeans.Commands commandBeans = new SyncBeans.Commands(s, commands, json, state, shopify, joor,
                cluster.enabled());
        CamelBeanPostProcessor binder = PluginHelper.getBeanPostProcessor(context);
        for (Object beans : List.of(state, shopify, joor, customers, observe, commandBeans, webhookBeans)) {
            try {
                binder.postProcessBeforeInitialization(beans, beans.getClass().getName());
            } catch (Exception e) {
                throw new IllegalStateException("Cannot bind " + beans.getClass().getSimpleName(), e);
            }
        }
        // an smtp(s) endpoint: the cycle's file as an attachment, its new and overdue customers in the text
        context.getRegistry().bind("sjsDataServicesMail", new DataServicesMail(mail, s.shopKey(),
                s.dataServicesDelimiter(), new DataServicesMail.Pending() {
                    @Override
                    public List<PendingSubmission> since(Instant before, int limit) {
                        return state.store.pendingSince(before, limit).stream()
                                .map(p -> new PendingSubmission(p.customerId(), p.pendingSince())).toList();
                    }

                    @Override
                    public int countSince(Instant before) {
                        return state.store.pendingCountSince(before);
                    }
                }, commands.pendingAfterBusinessDays(), Clock.systemDefaultZone()));
        // the timer route (routes/sync-schedule.camel.yaml) starts only when sync.schedule.enabled: the YAML
        // DSL schema takes only true or false for a route's autoStartup, so the placeholder is set here
        ((org.apache.camel.model.ModelCamelContext) context).addModelLifecycleStrategy(
                        new org.apache.camel.model.ModelLifecycleStrategy() {
                            @Override
                            public void onAddRouteDefinition(org.apache.camel.model.RouteDefinition route) {
                                if ("sjs-sync-schedule".equals(route.getRouteId())) {
                                    route.setAutoStartup("{{sync.schedule.enabled}}");
                                }
                                // the receiver and its runs: only with webhooks.enabled (never for a command)
                                if ("sjs-webhook-receiver".equals(route.getRouteId())
                                        || "sjs-webhook-schedule".equals(route.getRouteId())) {
                                    route.setAutoStartup("{{webhooks.enabled}}");
                                }
                            }

                            @Override
                            public void onRemoveRouteDefinition(org.apache.camel.model.RouteDefinition route) {
                            }

                            @Override
                            public void onAddRouteTemplateDefinition(
                                    org.apache.camel.model.RouteTemplateDefinition template) {
                            }

                            @Override
                            public void onRemoveRouteTemplateDefinition(
                                    org.apache.camel.model.RouteTemplateDefinition template) {
                            }
                        });
        if (webhooks.enabled()) {
            // With the management server on too, the platform-http engine cannot tell which server is
            // the receiver's (it names a router by port): it is told camel.server.port.
            int port = values.integer("camel.server.port");
            org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine engine =
                    new org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine() {
                        @Override
                        public int getServerPort() {
                            return port;
                        }
                    };
            context.getComponent("platform-http", org.apache.camel.component.platform.http.PlatformHttpComponent.class)
                    .setEngine(engine);
        }
        // the cycle's tallies, counted from the routes' step events
        context.getManagementStrategy().addEventNotifier(new CycleTallies(customers.cycle));
        RedeliveryPolicies.bind(context.getRegistry(), s.redeliveryMaxAttempts(), s.redeliveryDelay());
        CustomerRouting.bind(context.getRegistry(), customers.window, customers.tags, state.customers,
                joor.knownCodes, customers.mapping, customers.templateRows);
    }

    /** A service of the CamelContext: started with it, stopped with it. */
    static <T extends org.apache.camel.Service> T service(CamelContext context, T service) {
        try {
            context.addService(service, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot register " + service, e);
        }
        return service;
    }

    /**
     * A key under the product's prefixes that no setting has is a typo until shown otherwise: in
     * application.properties, as -D, or as an environment variable (JOOR_BATCHSIZE for joor.batchsize).
     */
    /** The keys written in the settings files, overrides and -D. */
    private static Set<String> ownKeys(PropertiesComponent properties) {
        Set<String> keys = new TreeSet<>();
        properties.loadPropertiesAsMap().keySet().forEach(key -> keys.add(String.valueOf(key)));
        keys.addAll(System.getProperties().stringPropertyNames());
        return keys;
    }

    private static void warnUnknownSettings(PropertiesComponent properties) {
        Set<String> keys = ownKeys(properties);
        keys.stream().filter(SettingsCatalog::isUnknownOwnKey).forEach(key -> {
            String closest = SettingsCatalog.closest(key);
            LOG.warn("Unknown setting {} is ignored{}", key, closest == null ? "" : " (did you mean " + closest + "?)");
        });
        new TreeSet<>(System.getenv().keySet()).stream().filter(SettingsCatalog::isUnknownOwnVariable).forEach(name -> {
            String closest = SettingsCatalog.closestToVariable(name);
            LOG.warn("Unknown environment variable {} is ignored{}", name, closest == null ? ""
                    : " (did you mean " + SettingsCatalog.variable(closest) + " for " + closest + "?)");
        });
    }

    /** The sync's metrics (served by the management server when it is on), read from its parts. */
    static SyncMetrics metrics(CamelContext context, SyncSettings s, SyncCycle cycle, ShopifyCostPacer shopify,
            JoorCreditPacer joor, JoorIndexGuard joorIndex, com.shopifyjoorsync.state.WebhookInbox webhooks,
            com.shopifyjoorsync.shopify.CustomerBulkRead bulk) {
        DeadLetterFolder deadLetters = DeadLetterFolder.of(s.deadLetterUri());
        SyncMetrics metrics = new SyncMetrics(new SyncMetrics.Sources() {
            @Override
            public long customers(String outcome) {
                return cycle.total(outcome);
            }

            @Override
            public CycleHistory cycles() {
                return cycle.history();
            }

            @Override
            public long shopifyPoints() {
                return shopify.pointsUsed();
            }

            @Override
            public long shopifyThrottled() {
                return shopify.throttled();
            }

            @Override
            public long joorCredits() {
                return joor.creditsUsed();
            }

            @Override
            public long joorRateLimited() {
                return joor.http429();
            }

            @Override
            public long joorCreditsAvailable() {
                return joor.creditsAvailable();
            }

            @Override
            public long deadLettersWaiting() {
                return deadLetters == null ? -1 : deadLetters.waiting();
            }

            @Override
            public long joorIndexCodes() {
                return joorIndex.lastRead();
            }

            @Override
            public long joorIndexLastGood() {
                return joorIndex.lastGood();
            }

            @Override
            public boolean joorIndexRefused() {
                return joorIndex.isRefused();
            }

            @Override
            public PendingSubmissions pendingAtDataServices() {
                return cycle.lastPending();
            }

            @Override
            public long webhooksWaiting() {
                return webhooks.waiting();
            }

            @Override
            public long removedCustomers() {
                return webhooks.removedCount();
            }

            @Override
            public long shopifyBulkReads(String outcome) {
                return bulk.count(outcome);
            }
        }, s.shopEntry());
        try {
            context.addStartupListener(metrics);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot register the metrics", e);
        }
        return metrics;
    }
}
