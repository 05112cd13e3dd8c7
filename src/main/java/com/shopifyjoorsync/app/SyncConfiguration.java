package com.shopifyjoorsync.app;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shopifyjoorsync.dataservices.TemplateRows;
import com.shopifyjoorsync.dataservices.TemplateWorkFile;
import com.shopifyjoorsync.deadletter.DeadLetters;
import com.shopifyjoorsync.deadletter.DeliveryAttempts;
import com.shopifyjoorsync.joor.BulkBatchSplitter;
import com.shopifyjoorsync.joor.ConnectionListPages;
import com.shopifyjoorsync.joor.JoorAuth;
import com.shopifyjoorsync.joor.JoorCreditPacer;
import com.shopifyjoorsync.joor.JoorHeaderFilter;
import com.shopifyjoorsync.joor.JoorRequests;
import com.shopifyjoorsync.joor.JoorResponses;
import com.shopifyjoorsync.joor.KnownCustomerCodes;
import com.shopifyjoorsync.linkreport.LinkReport;
import com.shopifyjoorsync.linkreport.PendingSubmission;
import com.shopifyjoorsync.mapping.ConnectionMapper;
import com.shopifyjoorsync.mapping.CustomerExport;
import com.shopifyjoorsync.mapping.CustomerMapping;
import com.shopifyjoorsync.mapping.CustomerTags;
import com.shopifyjoorsync.shopify.ShopifyAccessToken;
import com.shopifyjoorsync.shopify.ShopifyCostPacer;
import com.shopifyjoorsync.shopify.ShopifyGraphql;
import com.shopifyjoorsync.shopify.ShopifyResponses;
import com.shopifyjoorsync.templatecheck.TemplateCheck;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.processor.aggregate.GroupedBodyAggregationStrategy;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
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

        ShopifyCostPacer shopifyPacer = new ShopifyCostPacer();
        ShopifyAccessToken shopifyToken = ShopifyAccessToken.fromSettings(s.shopifyAccessToken(), s.shopifyBaseUrl(),
                s.shopifyClientId(), s.shopifyClientSecret());
        registry.bind("sjsShopifyPacer", shopifyPacer);
        registry.bind("sjsShopifyAccessToken", shopifyToken);
        registry.bind("sjsShopifyGraphql", new ShopifyGraphql(shopifyPacer, s.shopifyMaxPageSize()));
        registry.bind("sjsShopifyResponses", new ShopifyResponses(shopifyPacer, s.shopifyApiVersion(), shopifyToken));
        registry.bind("sjsShopifySearch", new CustomerSearch(s.customerTags()));

        JoorCreditPacer joorPacer = new JoorCreditPacer(s.joorCreditsPerWindow(), s.joorCreditWindow());
        registry.bind("sjsJoorPacer", joorPacer);
        registry.bind("sjsJoorHeaderFilter", new JoorHeaderFilter());
        registry.bind("sjsJoorAuth", new JoorAuth(s.joorApiToken()));
        registry.bind("sjsJoorRequests", new JoorRequests(s.joorListPageSize(), json));
        registry.bind("sjsJoorResponses", new JoorResponses(json));
        registry.bind("sjsKnownCodes", new KnownCustomerCodes(json));

        registry.bind("sjsCustomerTags", new CustomerTags(s.customerTags()));
        registry.bind("sjsMapping", new CustomerMapping(new ConnectionMapper(json), s.joorPriceLabel()));
        registry.bind("sjsBatchStrategy", new GroupedBodyAggregationStrategy());
        registry.bind("sjsInlineExecutor", new SynchronousExecutorService());
        registry.bind("sjsTemplateRows", new TemplateRows());
        registry.bind("sjsTemplateWorkFile", new TemplateWorkFile(s.workDir()));
        registry.bind("sjsDeadLetters", new DeadLetters(json));
        registry.bind("sjsAttempts", new DeliveryAttempts());
        registry.bind("sjsBatchSplitter", new BulkBatchSplitter<>(CustomerExport::code));
        registry.bind("sjsCycle", new SyncCycle(Clock.systemUTC(), s.initialSince(), s.joorJobPollTimeout(),
                shopifyPacer::pointsUsed, shopifyPacer::throttled, joorPacer::creditsUsed, joorPacer::http429));
        registry.bind("sjsSettings", s);

        // Commands outside the cycle: --validate-template and --link-report (routes/template-check,
        // routes/link-report).
        CommandSettings commands = CommandSettings.read(properties::resolveProperty);
        properties.addOverrideProperty("link-report.dir", commands.linkReportDir());
        registry.bind("sjsTemplateCheck", new TemplateCheck(s.dataServicesDelimiter(), s.joorPriceLabel()));
        registry.bind("sjsJoorConnectionPages", new ConnectionListPages(json));
        // Which customers wait at Data Services, and since when, is the state store's to say: it
        // replaces this empty list with its own supplier.
        Supplier<List<PendingSubmission>> pendingAtDataServices = List::of;
        registry.bind("sjsLinkReport", new LinkReport(s.customerTags(), joorPacer::creditsUsed, pendingAtDataServices,
                commands.pendingAfterBusinessDays(), Clock.systemDefaultZone()));
    }
}
