package com.shopifyjoorsync.app;

import java.nio.file.Path;
import java.time.Clock;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shopifyjoorsync.dataservices.TemplateRows;
import com.shopifyjoorsync.dataservices.TemplateWorkFile;
import com.shopifyjoorsync.deadletter.DeadLetterFiles;
import com.shopifyjoorsync.deadletter.DeadLetters;
import com.shopifyjoorsync.deadletter.DeliveryAttempts;
import com.shopifyjoorsync.joor.BulkBatchSplitter;
import com.shopifyjoorsync.joor.JoorAuth;
import com.shopifyjoorsync.joor.JoorCreditPacer;
import com.shopifyjoorsync.joor.JoorHeaderFilter;
import com.shopifyjoorsync.joor.JoorRequests;
import com.shopifyjoorsync.joor.JoorResponses;
import com.shopifyjoorsync.joor.KnownCustomerCodes;
import com.shopifyjoorsync.mapping.ConnectionMapper;
import com.shopifyjoorsync.mapping.CustomerExport;
import com.shopifyjoorsync.mapping.CustomerMapping;
import com.shopifyjoorsync.mapping.CustomerTags;
import com.shopifyjoorsync.shopify.CustomerPages;
import com.shopifyjoorsync.shopify.ShopifyAccessToken;
import com.shopifyjoorsync.shopify.ShopifyCostPacer;
import com.shopifyjoorsync.shopify.ShopifyGraphql;
import com.shopifyjoorsync.shopify.ShopifyResponses;

import javax.sql.DataSource;

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
import org.apache.camel.util.concurrent.SynchronousExecutorService;

/**
 * Wires the bundle into a CamelContext: validates every setting (a wrong one stops the start, before
 * anything is sent), then binds the beans the routes call, all named with the sjs prefix.
 */
public class SyncConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        PropertiesComponent properties = context.getPropertiesComponent();
        SyncSettings s = SyncSettings.read(properties::resolveProperty);

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

        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        Registry registry = context.getRegistry();

        StateStore state = new StateStore(stateDataSource(context, s), s.shopKey(), Clock.systemUTC());
        registry.bind("sjsStateStore", state);
        registry.bind("sjsState", new CustomerStates(state));

        ShopifyCostPacer shopifyPacer = new ShopifyCostPacer();
        ShopifyAccessToken shopifyToken = ShopifyAccessToken.fromSettings(s.shopifyAccessToken(), s.shopifyBaseUrl(),
                s.shopifyClientId(), s.shopifyClientSecret());
        registry.bind("sjsShopifyPacer", shopifyPacer);
        registry.bind("sjsShopifyAccessToken", shopifyToken);
        registry.bind("sjsShopifyGraphql", new ShopifyGraphql(shopifyPacer, s.shopifyMaxPageSize()));
        registry.bind("sjsShopifyResponses", new ShopifyResponses(shopifyPacer, s.shopifyApiVersion(), shopifyToken));
        registry.bind("sjsShopifySearch", new CustomerSearch(s.customerTags()));
        registry.bind("sjsShopifyPages", new CustomerPages());

        JoorCreditPacer joorPacer = new JoorCreditPacer(s.joorCreditsPerWindow(), s.joorCreditWindow());
        registry.bind("sjsJoorPacer", joorPacer);
        registry.bind("sjsJoorHeaderFilter", new JoorHeaderFilter());
        registry.bind("sjsJoorAuth", new JoorAuth(s.joorApiToken()));
        registry.bind("sjsJoorRequests", new JoorRequests(s.joorListPageSize(), json));
        registry.bind("sjsJoorResponses", new JoorResponses(json));
        KnownCustomerCodes knownCodes = new KnownCustomerCodes(json);
        registry.bind("sjsKnownCodes", knownCodes);

        CustomerTags tags = new CustomerTags(s.customerTags());
        registry.bind("sjsCustomerTags", tags);
        registry.bind("sjsMapping", new CustomerMapping(new ConnectionMapper(json), tags, s.joorPriceLabel()));
        registry.bind("sjsBatchStrategy", new GroupedBodyAggregationStrategy());
        registry.bind("sjsInlineExecutor", new SynchronousExecutorService());
        registry.bind("sjsTemplateRows", new TemplateRows());
        registry.bind("sjsTemplateWorkFile", new TemplateWorkFile(s.workDir()));
        registry.bind("sjsDeadLetters", new DeadLetters(json));
        registry.bind("sjsAttempts", new DeliveryAttempts());
        Path deadLetterFolder = DeadLetterFiles.folderOf(s.deadLetterUri());
        registry.bind("sjsDeadLetterFiles", new DeadLetterFiles(
                deadLetterFolder == null ? Path.of("data/dead-letter") : deadLetterFolder, json));
        registry.bind("sjsBatchSplitter", new BulkBatchSplitter<>(CustomerExport::code));
        registry.bind("sjsCycle", new SyncCycle(Clock.systemUTC(), state, knownCodes, s.overlap(), s.fullSweep(),
                s.initialSince(), s.joorJobPollTimeout(),
                shopifyPacer::pointsUsed, shopifyPacer::throttled, joorPacer::creditsUsed, joorPacer::http429));
        registry.bind("sjsSettings", s);
    }

    /**
     * The state store's connection pool, its schema migrated before any route starts. Closed with the
     * CamelContext. An H2 file already opened by another process is reported as such.
     */
    private static DataSource stateDataSource(CamelContext context, SyncSettings s) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(durable(s.stateJdbcUrl()));
        config.setUsername(s.stateUsername());
        config.setPassword(s.statePassword());
        config.setMaximumPoolSize(4);
        config.setPoolName("sjs-state");
        config.setInitializationFailTimeout(10_000);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
            StateStore.migrate(dataSource);
        } catch (RuntimeException e) {
            throw new StateStoreUnavailableException("The state store at sync.state.jdbc-url=" + s.stateJdbcUrl()
                    + " cannot be opened (is another instance running on it?): " + rootMessage(e), e);
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
     * An embedded H2 file writes its commits a moment later by default; a process killed in between
     * would forget a JOOR batch it had already recorded, so every commit is written at once.
     */
    static String durable(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:h2:file:") && !jdbcUrl.toUpperCase(java.util.Locale.ROOT).contains("WRITE_DELAY")
                ? jdbcUrl + ";WRITE_DELAY=0" : jdbcUrl;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
