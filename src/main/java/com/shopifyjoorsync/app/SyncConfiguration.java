package com.shopifyjoorsync.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shopifyjoorsync.dataservices.TemplateRows;
import com.shopifyjoorsync.dataservices.TemplateWorkFile;
import com.shopifyjoorsync.deadletter.DeadLetterFiles;
import com.shopifyjoorsync.deadletter.DeadLetters;
import com.shopifyjoorsync.deadletter.DeliveryAttempts;
import com.shopifyjoorsync.golive.GoLiveCheck;
import com.shopifyjoorsync.joor.BulkBatchSplitter;
import com.shopifyjoorsync.joor.ConnectionListPages;
import com.shopifyjoorsync.joor.JoorAuth;
import com.shopifyjoorsync.joor.JoorCreditPacer;
import com.shopifyjoorsync.joor.JoorHeaderFilter;
import com.shopifyjoorsync.joor.JoorJobResults;
import com.shopifyjoorsync.joor.JoorRequests;
import com.shopifyjoorsync.joor.JoorResponses;
import com.shopifyjoorsync.joor.KnownCustomerCodes;
import com.shopifyjoorsync.linkreport.LinkReport;
import com.shopifyjoorsync.linkreport.PendingSubmission;
import com.shopifyjoorsync.mapping.CustomerExport;
import com.shopifyjoorsync.mapping.CustomerMapping;
import com.shopifyjoorsync.mapping.CustomerTags;
import com.shopifyjoorsync.observe.CredentialsCheck;
import com.shopifyjoorsync.observe.CycleProgress;
import com.shopifyjoorsync.observe.DeadLetterFolder;
import com.shopifyjoorsync.observe.SecretMask;
import com.shopifyjoorsync.observe.SyncMetrics;
import com.shopifyjoorsync.shopify.CustomerPages;
import com.shopifyjoorsync.shopify.CustomerPaging;
import com.shopifyjoorsync.shopify.CustomerPagesAhead;
import com.shopifyjoorsync.shopify.ShopifyAccessToken;
import com.shopifyjoorsync.shopify.ShopifyCostPacer;
import com.shopifyjoorsync.shopify.ShopifyGraphql;
import com.shopifyjoorsync.shopify.ShopifyResponses;
import com.shopifyjoorsync.templatecheck.TemplateCheck;

import javax.sql.DataSource;

import com.shopifyjoorsync.state.CreditLedger;
import com.shopifyjoorsync.state.CustomerStates;
import com.shopifyjoorsync.state.StateStore;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.processor.aggregate.GroupedBodyAggregationStrategy;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the bundle into a CamelContext: validates every setting (a wrong one stops the start, before
 * anything is sent), then binds the beans the routes call, all named with the sjs prefix.
 */
public class SyncConfiguration implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(SyncConfiguration.class);

    @Override
    public void configure(CamelContext context) {
        PropertiesComponent properties = context.getPropertiesComponent();
        SecretMask.addFromSettings(properties::resolveProperty); // before anything could echo one
        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        // with route reloading (the dev profile), the mapping file reloads on change too
        boolean reload = properties.resolveProperty("camel.main.routes-reload-enabled").map(Boolean::parseBoolean)
                .orElse(false);
        StartChecks checks = new StartChecks(context, json, reload);
        warnUnknownSettings(properties);
        // the sync's settings and the commands' in one report: every wrong setting named at once
        SyncSettings s = null;
        CommandSettings commands = null;
        List<String> problems = new ArrayList<>();
        try {
            s = SyncSettings.read(properties::resolveProperty, checks);
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
        }
        try {
            commands = CommandSettings.read(properties::resolveProperty);
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }

        // Values the routes need in a form Camel options take (milliseconds, resolved URIs).
        properties.addOverrideProperty("shopify.base-url", s.shopifyBaseUrl());
        properties.addOverrideProperty("joor.api-url", s.joorApiUrl());
        properties.addOverrideProperty("sjs.interval-ms", Long.toString(s.interval().toMillis()));
        properties.addOverrideProperty("sjs.redelivery-delay-ms", Long.toString(s.redeliveryDelay().toMillis()));
        properties.addOverrideProperty("sjs.job-poll-interval-ms", 
                Long.toString(s.joorJobPollInterval().toMillis()));
        properties.addOverrideProperty("sjs.data-services-uri", DataServicesEndpoint.atomic(s.dataServicesEndpointUri()));
        if (properties.resolveProperty("sync.schedule.enabled").isEmpty()) {
            properties.addOverrideProperty("sync.schedule.enabled", "true");
        }
        // the timer route (routes/sync-schedule.camel.yaml) starts only when sync.schedule.enabled: the YAML
        // DSL schema takes only true or false for a route's autoStartup, so the placeholder is set here
        ((org.apache.camel.model.ModelCamelContext) context).addModelLifecycleStrategy(
                        new org.apache.camel.model.ModelLifecycleStrategy() {
                            @Override
                            public void onAddRouteDefinition(org.apache.camel.model.RouteDefinition route) {
                                if ("sjs-sync-schedule".equals(route.getRouteId())) {
                                    route.setAutoStartup("{{sync.schedule.enabled}}");
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
        // Every setting the routes read, validated and with its default: a host application only sets
        // what it changes (and an empty value means the default there too).
        properties.addOverrideProperty("sync.customers.enabled", Boolean.toString(s.customersEnabled()));
        properties.addOverrideProperty("sync.redelivery.max-attempts", Integer.toString(s.redeliveryMaxAttempts()));
        properties.addOverrideProperty("sync.dead-letter-uri", s.deadLetterUri());
        properties.addOverrideProperty("sync.work-dir", s.workDir());
        properties.addOverrideProperty("shopify.api-version", s.shopifyApiVersion());
        properties.addOverrideProperty("joor.batch-size", Integer.toString(s.joorBatchSize()));
        properties.addOverrideProperty("data-services.delimiter", Character.toString(s.dataServicesDelimiter()));

        Registry registry = context.getRegistry();
        RedeliveryPolicies.bind(registry, s.redeliveryMaxAttempts(), s.redeliveryDelay());

        DataSource stateDataSource = stateDataSource(context, s);
        StateStore state = new StateStore(stateDataSource, s.shopKey(), Clock.systemUTC());
        registry.bind("sjsStateStore", state);
        CustomerStates states = new CustomerStates(state);
        registry.bind("sjsState", states);

        ShopifyCostPacer shopifyPacer = new ShopifyCostPacer();
        ShopifyAccessToken shopifyToken = ShopifyAccessToken.fromSettings(s.shopifyAccessToken(), s.shopifyBaseUrl(),
                s.shopifyClientId(), s.shopifyClientSecret());
        registry.bind("sjsShopifyPacer", shopifyPacer);
        registry.bind("sjsShopifyAccessToken", shopifyToken);
        registry.bind("sjsShopifyGraphql", new ShopifyGraphql(shopifyPacer, s.shopifyMaxPageSize()));
        registry.bind("sjsShopifyResponses", new ShopifyResponses(shopifyPacer, s.shopifyApiVersion(), shopifyToken));
        registry.bind("sjsShopifySearch", new CustomerSearch(s.customerTags()));
        registry.bind("sjsShopifyPages", new CustomerPages());
        registry.bind("sjsShopifyPaging", new CustomerPaging());
        CustomerPagesAhead pagesAhead = new CustomerPagesAhead(context);
        registry.bind("sjsShopifyPagesAhead", pagesAhead);
        try {
            context.addService(pagesAhead, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot register the Shopify page reader", e);
        }

        // one budget for every process on the state store: JOOR's is the account's (its API URL)
        JoorCreditPacer joorPacer = new JoorCreditPacer(s.joorCreditsPerWindow(), s.joorCreditWindow(),
                s.joorRateLimitTimeout(), new CreditLedger(stateDataSource, s.joorApiUrl()));
        registry.bind("sjsJoorPacer", joorPacer);
        registry.bind("sjsJoorHeaderFilter", new JoorHeaderFilter());
        registry.bind("sjsNoHiddenRetries", new NoHiddenRetries());
        registry.bind("sjsJoorAuth", new JoorAuth(s.joorApiToken()));
        registry.bind("sjsJoorRequests", new JoorRequests(s.joorListPageSize(), json));
        registry.bind("sjsJoorResponses", new JoorResponses(json));
        KnownCustomerCodes knownCodes = new KnownCustomerCodes(json);
        registry.bind("sjsKnownCodes", knownCodes);
        JoorIndexGuard joorIndex = new JoorIndexGuard(state, s.joorIndexShrinkTolerance(), s.joorIndexAcceptCodes());
        registry.bind("sjsJoorIndex", joorIndex);

        CustomerTags tags = new CustomerTags(s.customerTags());
        registry.bind("sjsCustomerTags", tags);
        CustomerMapping mapping = new CustomerMapping(checks.mappingFile(), s.mappingDefaults(), tags, json);
        registry.bind("sjsMapping", mapping);
        registry.bind("sjsBatchStrategy", new GroupedBodyAggregationStrategy());
        registry.bind("sjsBatchSender", new BatchSender("sjs-batch-sender", "sjs-joor-batches", "sjs-template-batches"));
        TemplateRows templateRows = new TemplateRows();
        registry.bind("sjsTemplateRows", templateRows);
        registry.bind("sjsTemplateWorkFile", new TemplateWorkFile(s.workDir()));
        registry.bind("sjsDeadLetters", new DeadLetters(json));
        registry.bind("sjsAttempts", new DeliveryAttempts());
        Path deadLetterFolder = DeadLetterFiles.folderOf(s.deadLetterUri());
        registry.bind("sjsDeadLetterFiles", new DeadLetterFiles(
                deadLetterFolder == null ? Path.of("data/dead-letter") : deadLetterFolder, json));
        registry.bind("sjsBatchSplitter", new BulkBatchSplitter<>(CustomerExport::code));
        registry.bind("sjsJoorJobs", new JoorJobResults(state, json, s.joorJobMaxResends(), s.joorJobMaxAge(),
                Clock.systemUTC()));
        SyncCycle cycle = new SyncCycle(Clock.systemUTC(), state, knownCodes, s.overlap(), s.fullSweep(),
                s.initialSince(), s.joorJobPollTimeout(),
                shopifyPacer::pointsUsed, shopifyPacer::throttled, joorPacer::creditsUsed, joorPacer::http429);
        CustomerRouting.bind(registry, cycle, tags, states, knownCodes, mapping, templateRows);
        registry.bind("sjsCycle", cycle);
        observe(context, s, cycle, shopifyPacer, joorPacer, joorIndex);
        registry.bind("sjsSettings", s);

        // Commands outside the cycle: --validate-template, --link-report and --check (routes/template-check,
        // routes/link-report, routes/check).
        properties.addOverrideProperty("link-report.dir", commands.linkReportDir());
        registry.bind("sjsTemplateCheck", new TemplateCheck(s.dataServicesDelimiter(), s.joorPriceLabel()));
        registry.bind("sjsJoorConnectionPages", new ConnectionListPages(json));
        // customers sent to Data Services and not in JOOR yet, from the state store (all of them;
        // the report keeps those pending longer than link-report.pending-business-days)
        Supplier<List<PendingSubmission>> pendingAtDataServices = () -> state.pendingSince(Instant.now().plusSeconds(86_400))
                .stream()
                .map(p -> new PendingSubmission(p.customerId(), p.pendingSince())).toList();
        registry.bind("sjsLinkReport", new LinkReport(s.customerTags(), joorPacer::creditsUsed, pendingAtDataServices,
                commands.pendingAfterBusinessDays(), Clock.systemDefaultZone()));
        // --check (routes/check)
        registry.bind("sjsGoLiveCheck", new GoLiveCheck(new GoLiveCheck.Settings(s.shopifyBaseUrl(), s.shopifyApiVersion(),
                shopifyToken.refreshable(), s.customerTags(), s.joorPriceLabel(), s.joorApiUrl(), s.joorCreditsPerWindow(),
                s.joorCreditWindow(), s.dataServicesEndpointUri(), s.deadLetterUri(), s.stateJdbcUrl()), state,
                shopifyPacer::pointsUsed, joorPacer::creditsUsed));
    }

    /**
     * A key under the product's prefixes that no setting has is a typo until shown otherwise: in
     * application.properties, as -D, or as an environment variable (JOOR_BATCHSIZE for joor.batchsize).
     */
    private static void warnUnknownSettings(PropertiesComponent properties) {
        Set<String> keys = new TreeSet<>();
        properties.loadPropertiesAsMap().keySet().forEach(key -> keys.add(String.valueOf(key)));
        keys.addAll(System.getProperties().stringPropertyNames());
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

    /** Readiness, progress lines and metrics (served by the management server when it is on). */
    private static void observe(CamelContext context, SyncSettings s, SyncCycle cycle, ShopifyCostPacer shopify,
            JoorCreditPacer joor, JoorIndexGuard joorIndex) {
        Registry registry = context.getRegistry();
        registry.bind("sjsCredentials", new CredentialsCheck());
        registry.bind("sjsProgress", new CycleProgress(Clock.systemUTC(), s.progressEveryCustomers(),
                s.progressInterval()));
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
        });
        registry.bind("sjsMetrics", metrics);
        try {
            context.addStartupListener(metrics);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot register the metrics", e);
        }
    }

    /**
     * The state store's connection pool, its schema migrated before any route starts. Closed with the
     * CamelContext, after its routes stopped. An H2 file already opened by another process is refused
     * at once, naming the file: an embedded store is one process's (several nodes share a PostgreSQL one).
     */
    private static DataSource stateDataSource(CamelContext context, SyncSettings s) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(embeddedH2(s.stateJdbcUrl()));
        config.setUsername(s.stateUsername());
        config.setPassword(s.statePassword());
        config.setMaximumPoolSize(4);
        config.setPoolName("sjs-state");
        // an embedded file opens at once or not at all; a database server may need a moment
        config.setInitializationFailTimeout(h2File(s.stateJdbcUrl()) != null ? 1 : 10_000);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
            StateStore.migrate(dataSource);
        } catch (RuntimeException e) {
            if (h2File(s.stateJdbcUrl()) != null && h2InUse(e)) {
                throw new StateStoreInUseException(h2File(s.stateJdbcUrl()), s.stateJdbcUrl(), e);
            }
            throw new StateStoreUnavailableException("The state store at sync.state.jdbc-url=" + s.stateJdbcUrl()
                    + " cannot be opened: " + rootMessage(e), e);
        }
        try {
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() {
                    dataSource.close();
                }
            }, true, true);
        } catch (Exception e) {
            dataSource.close();
            throw new StateStoreUnavailableException("Could not register the state store with Camel", e);
        }
        context.getRegistry().bind("sjsStateDataSource", dataSource);
        return dataSource;
    }

    /**
     * An embedded H2 file writes a commit to disk at once, not up to a second later: a process killed
     * right after a JOOR batch was committed must not forget it (and send the batch again). And it is
     * closed by the sync, after its routes stopped, not by H2's own shutdown hook at the first SIGTERM
     * while the running cycle still records what it sent.
     */
    static String embeddedH2(String jdbcUrl) {
        if (h2File(jdbcUrl) == null) {
            return jdbcUrl;
        }
        String upper = jdbcUrl.toUpperCase(java.util.Locale.ROOT);
        return jdbcUrl + (upper.contains("WRITE_DELAY") ? "" : ";WRITE_DELAY=0")
                + (upper.contains("DB_CLOSE_ON_EXIT") ? "" : ";DB_CLOSE_ON_EXIT=FALSE");
    }

    /** The file of an embedded H2 store (data/state/sync.mv.db for jdbc:h2:file:./data/state/sync), else null. */
    static String h2File(String jdbcUrl) {
        String path;
        if (jdbcUrl.startsWith("jdbc:h2:file:")) {
            path = jdbcUrl.substring("jdbc:h2:file:".length());
        } else if (jdbcUrl.startsWith("jdbc:h2:./") || jdbcUrl.startsWith("jdbc:h2:/") || jdbcUrl.startsWith("jdbc:h2:~")) {
            path = jdbcUrl.substring("jdbc:h2:".length());
        } else {
            return null;
        }
        int options = path.indexOf(';');
        path = options < 0 ? path : path.substring(0, options);
        return (path.startsWith("./") ? path.substring(2) : path) + ".mv.db";
    }

    /** H2's "Database may be already in use" (error 90020): another process holds the file. */
    private static boolean h2InUse(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getErrorCode() == 90020) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
