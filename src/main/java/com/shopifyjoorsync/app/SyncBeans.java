package com.shopifyjoorsync.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shopifyjoorsync.dataservices.DataServicesDelivery;
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
import com.shopifyjoorsync.observe.SyncMetrics;
import com.shopifyjoorsync.shopify.CustomerPages;
import com.shopifyjoorsync.shopify.CustomerPagesAhead;
import com.shopifyjoorsync.shopify.CustomerPaging;
import com.shopifyjoorsync.shopify.ShopifyAccessToken;
import com.shopifyjoorsync.shopify.ShopifyCostPacer;
import com.shopifyjoorsync.shopify.ShopifyGraphql;
import com.shopifyjoorsync.shopify.ShopifyResponses;
import com.shopifyjoorsync.state.CreditLedger;
import com.shopifyjoorsync.state.CustomerStates;
import com.shopifyjoorsync.state.StateStore;
import com.shopifyjoorsync.templatecheck.TemplateCheck;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.processor.aggregate.GroupedBodyAggregationStrategy;

/**
 * The beans the routes call, by the names they call them: each group a camel-main configuration
 * class whose {@link BindToRegistry} fields are bound when {@link SyncConfiguration} post-processes
 * it. A group is built from the settings and the groups before it, so reading top to bottom is the
 * order things are made in.
 */
public final class SyncBeans {
    private SyncBeans() {
    }

    /** The state store (routes and the cycle): its pool, migrated before any route starts. */
    public static final class State {
        @BindToRegistry("sjsStateDataSource")
        public final DataSource dataSource;
        @BindToRegistry("sjsStateStore")
        public final StateStore store;
        @BindToRegistry("sjsState")
        public final CustomerStates customers;

        State(CamelContext context, SyncSettings s) {
            dataSource = StateDataSource.open(context, s);
            store = new StateStore(dataSource, s.shopKey(), Clock.systemUTC());
            customers = new CustomerStates(store);
        }
    }

    /** Shopify's webhooks (routes/webhooks.camel.yaml): verified, stored, processed by webhook runs. */
    public static final class Webhooks {
        @BindToRegistry("sjsWebhookVerifier")
        public final com.shopifyjoorsync.webhooks.ShopifyWebhooks verifier;
        @BindToRegistry("sjsWebhookInbox")
        public final com.shopifyjoorsync.state.WebhookInbox inbox;
        @BindToRegistry("sjsWebhookDeliveries")
        public final com.shopifyjoorsync.webhooks.WebhookDeliveries deliveries;
        @BindToRegistry("sjsRemovedCustomerNotices")
        public final com.shopifyjoorsync.webhooks.RemovedCustomerNotices removedNotices;

        Webhooks(WebhookSettings w, ObjectMapper json, State state, SyncSettings s, Joor joor) {
            verifier = new com.shopifyjoorsync.webhooks.ShopifyWebhooks(w.secrets(), w.shopDomain(), w.maxBodySize(), json);
            inbox = new com.shopifyjoorsync.state.WebhookInbox(state.dataSource, s.shopKey(), Clock.systemUTC());
            deliveries = new com.shopifyjoorsync.webhooks.WebhookDeliveries(inbox);
            removedNotices = new com.shopifyjoorsync.webhooks.RemovedCustomerNotices(json, joor.knownCodes);
        }
    }

    /** Shopify's Admin GraphQL API (routes/shopify-poll.camel.yaml). */
    public static final class Shopify {
        @BindToRegistry("sjsShopifyPacer")
        public final ShopifyCostPacer pacer = new ShopifyCostPacer();
        @BindToRegistry("sjsShopifyAccessToken")
        public final ShopifyAccessToken token;
        @BindToRegistry("sjsShopifyGraphql")
        public final ShopifyGraphql graphql;
        @BindToRegistry("sjsShopifyResponses")
        public final ShopifyResponses responses;
        @BindToRegistry("sjsShopifySearch")
        public final CustomerSearch search;
        @BindToRegistry("sjsShopifyPages")
        public final CustomerPages pages = new CustomerPages();
        @BindToRegistry("sjsShopifyPaging")
        public final CustomerPaging paging = new CustomerPaging();
        @BindToRegistry("sjsShopifyPagesAhead")
        public final CustomerPagesAhead pagesAhead;
        @BindToRegistry("sjsShopifyBulk")
        public final com.shopifyjoorsync.shopify.CustomerBulkRead bulk;

        Shopify(CamelContext context, SyncSettings s) {
            token = ShopifyAccessToken.fromSettings(s.shopifyAccessToken(), s.shopifyBaseUrl(), s.shopifyClientId(),
                    s.shopifyClientSecret());
            graphql = new ShopifyGraphql(pacer, s.shopifyMaxPageSize());
            responses = new ShopifyResponses(pacer, s.shopifyApiVersion(), token);
            search = new CustomerSearch(s.customerTags());
            pagesAhead = SyncConfiguration.service(context,
                    new CustomerPagesAhead(context));
            bulk = new com.shopifyjoorsync.shopify.CustomerBulkRead(s.shopifyBulkThreshold(), s.shopifyBulkTimeout(),
                    Clock.systemUTC());
        }
    }

    /** JOOR's API v2 (routes/joor.camel.yaml). */
    public static final class Joor {
        /** One budget for every process on the state store: JOOR's is the account's (its API URL and token: CreditLedger.account). */
        @BindToRegistry("sjsJoorPacer")
        public final JoorCreditPacer pacer;
        @BindToRegistry("sjsJoorHeaderFilter")
        public final JoorHeaderFilter headerFilter = new JoorHeaderFilter();
        @BindToRegistry("sjsNoHiddenRetries")
        public final NoHiddenRetries noHiddenRetries = new NoHiddenRetries();
        @BindToRegistry("sjsJoorAuth")
        public final JoorAuth auth;
        @BindToRegistry("sjsJoorRequests")
        public final JoorRequests requests;
        @BindToRegistry("sjsJoorResponses")
        public final JoorResponses responses;
        @BindToRegistry("sjsKnownCodes")
        public final KnownCustomerCodes knownCodes;
        @BindToRegistry("sjsJoorIndex")
        public final JoorIndexGuard index;
        @BindToRegistry("sjsJoorJobs")
        public final JoorJobResults jobs;

        Joor(SyncSettings s, ObjectMapper json, State state) {
            pacer = new JoorCreditPacer(s.joorCreditsPerWindow(), s.joorCreditWindow(), s.joorRateLimitTimeout(),
                    new CreditLedger(state.dataSource, CreditLedger.account(s.joorApiUrl(), s.joorApiToken())));
            auth = new JoorAuth(s.joorApiToken());
            requests = new JoorRequests(json);
            responses = new JoorResponses(json);
            // with several shops, the account's list is read once for those of its shops that run together
            knownCodes = s.shopEntry() == null ? new KnownCustomerCodes(json)
                    : new KnownCustomerCodes(json, CreditLedger.account(s.joorApiUrl(), s.joorApiToken()), s.shopName(),
                            s.joorRateLimitTimeout().plusMinutes(1));
            index = new JoorIndexGuard(state.store, s.joorIndexShrinkTolerance(), s.joorIndexAcceptCodes());
            jobs = new JoorJobResults(state.store, json, s.joorJobMaxResends(), s.joorJobMaxAge(), Clock.systemUTC());
        }
    }

    /** A customer's path (routes/customer, data-services, dead-letter) and the cycle around it. */
    public static final class Customers {
        @BindToRegistry("sjsCustomerTags")
        public final CustomerTags tags;
        @BindToRegistry("sjsMapping")
        public final CustomerMapping mapping;
        @BindToRegistry("sjsBatchStrategy")
        public final GroupedBodyAggregationStrategy batchStrategy = new GroupedBodyAggregationStrategy();
        @BindToRegistry("sjsBatchSender")
        public final BatchSender batchSender = new BatchSender("sjs-batch-sender", "sjs-joor-batches",
                "sjs-template-batches");
        @BindToRegistry("sjsBatchSplitter")
        public final BulkBatchSplitter<CustomerExport> batchSplitter = new BulkBatchSplitter<>(CustomerExport::code);
        @BindToRegistry("sjsTemplateRows")
        public final TemplateRows templateRows = new TemplateRows();
        @BindToRegistry("sjsTemplateWorkFile")
        public final TemplateWorkFile templateWorkFile;
        @BindToRegistry("sjsDataServicesDelivery")
        public final DataServicesDelivery dataServicesDelivery;
        @BindToRegistry("sjsDeadLetters")
        public final DeadLetters deadLetters;
        @BindToRegistry("sjsAttempts")
        public final DeliveryAttempts attempts = new DeliveryAttempts();
        @BindToRegistry("sjsDeadLetterFiles")
        public final DeadLetterFiles deadLetterFiles;
        @BindToRegistry("sjsJoorJobTracking")
        public final JoorJobTracking jobTracking;
        @BindToRegistry("sjsProgress")
        public final CycleProgress progress;
        public final SyncWindow window;
        @BindToRegistry("sjsCycle")
        public final SyncCycle cycle;

        Customers(SyncSettings s, ObjectMapper json, StartChecks checks, State state, Shopify shopify, Joor joor) {
            tags = new CustomerTags(s.customerTags());
            mapping = new CustomerMapping(checks.mappingFile(), s.mappingDefaults(), tags, json);
            templateWorkFile = new TemplateWorkFile(s.workDir(), s.dataServicesFormat(), s.dataServicesDelimiter());
            dataServicesDelivery = new DataServicesDelivery(s.dataServicesEndpointUri(), s.redeliveryMaxAttempts());
            deadLetters = new DeadLetters(json);
            Path deadLetterFolder = DeadLetterFiles.folderOf(s.deadLetterUri());
            deadLetterFiles = new DeadLetterFiles(
                    deadLetterFolder == null ? Path.of("data/dead-letter") : deadLetterFolder, json);
            jobTracking = new JoorJobTracking(Clock.systemUTC(), s.joorJobPollTimeout());
            progress = new CycleProgress(Clock.systemUTC(), s.progressEveryCustomers(), s.progressInterval());
            window = new SyncWindow(state.store, s.overlap(), s.fullSweep(), s.initialSince());
            cycle = new SyncCycle(Clock.systemUTC(), state.store, joor.knownCodes, window, jobTracking, progress,
                    shopify.pacer::pointsUsed, shopify.pacer::throttled, joor.pacer::creditsUsed, joor.pacer::http429,
                    s.shopEntry());
        }
    }

    /** Readiness, progress lines and metrics (served by the management server when it is on). */
    public static final class Observe {
        @BindToRegistry("sjsCredentials")
        public final CredentialsCheck credentials = new CredentialsCheck();
        @BindToRegistry("sjsMetrics")
        public final SyncMetrics metrics;

        Observe(CamelContext context, SyncSettings s, Customers customers, Shopify shopify, Joor joor, Webhooks webhooks) {
            metrics = SyncConfiguration.metrics(context, s, customers.cycle, shopify.pacer, joor.pacer, joor.index,
                    webhooks.inbox, shopify.bulk);
        }
    }

    /** The commands outside the cycle: routes/template-check, routes/link-report, routes/check. */
    public static final class Commands {
        @BindToRegistry("sjsTemplateCheck")
        public final TemplateCheck templateCheck;
        @BindToRegistry("sjsJoorConnectionPages")
        public final ConnectionListPages connectionPages;
        @BindToRegistry("sjsLinkReport")
        public final LinkReport linkReport;
        @BindToRegistry("sjsGoLiveCheck")
        public final GoLiveCheck goLiveCheck;
        @BindToRegistry("sjsWebhookSubscriptions")
        public final com.shopifyjoorsync.webhooks.WebhookSubscriptions webhookSubscriptions;

        Commands(SyncSettings s, CommandSettings c, ObjectMapper json, State state, Shopify shopify, Joor joor,
                boolean cluster) {
            templateCheck = new TemplateCheck(s.dataServicesDelimiter(), s.joorPriceLabel());
            connectionPages = new ConnectionListPages(json);
            // customers sent to Data Services and not in JOOR yet, from the state store (all of them;
            // the report keeps those pending longer than link-report.pending-business-days)
            Supplier<List<PendingSubmission>> pendingAtDataServices = () -> state.store
                    .pendingSince(Instant.now().plusSeconds(86_400)).stream()
                    .map(p -> new PendingSubmission(p.customerId(), p.pendingSince())).toList();
            // customers Shopify's webhooks said were deleted or merged away
            com.shopifyjoorsync.state.WebhookInbox webhooks = new com.shopifyjoorsync.state.WebhookInbox(state.dataSource,
                    s.shopKey(), Clock.systemUTC());
            Supplier<java.util.Map<String, com.shopifyjoorsync.linkreport.RemovedCustomer>> removed = () -> webhooks
                    .removed().stream().collect(java.util.stream.Collectors.toMap(
                            com.shopifyjoorsync.state.WebhookInbox.Removed::customerId,
                            r -> new com.shopifyjoorsync.linkreport.RemovedCustomer(r.customerId(),
                                    r.removal().equals("merged"), r.mergedInto(), r.removedAt())));
            linkReport = new LinkReport(s.customerTags(), joor.pacer::creditsUsed, pendingAtDataServices, removed,
                    s.shopEntry() != null ? state.store::customersOfOtherShops : java.util.Set::of,
                    c.pendingAfterBusinessDays(), Clock.systemDefaultZone());
            goLiveCheck = new GoLiveCheck(new GoLiveCheck.Settings(s.shopifyBaseUrl(), s.shopifyApiVersion(),
                    shopify.token.refreshable(), s.customerTags(), s.joorPriceLabel(), s.joorApiUrl(),
                    s.joorCreditsPerWindow(), s.joorCreditWindow(), s.dataServicesEndpointUri(), s.deadLetterUri(),
                    s.stateJdbcUrl(), cluster ? com.shopifyjoorsync.state.StateStore.clusterScheduler(s.shopEntry()) : null), state.store, shopify.pacer::pointsUsed, joor.pacer::creditsUsed);
            webhookSubscriptions = new com.shopifyjoorsync.webhooks.WebhookSubscriptions(shopify.graphql);
        }
    }
}
