package com.shopifyjoorsync.linkreport;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopifyjoorsync.joor.ConnectionListPages;
import com.shopifyjoorsync.mapping.CustomerTags;
import com.shopifyjoorsync.mapping.MalformedCustomerException;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the link-report route (bean {@code sjsLinkReport}): collect JOOR's connections and
 * the tagged Shopify customers, then list the connections no Shopify customer's id links, each with
 * its likely match, and the customers waiting too long at Data Services. Reads only: nothing is
 * changed in JOOR or Shopify.
 */
public final class LinkReport {
    /** Exchange property holding the run. */
    public static final String RUN_PROPERTY = "linkReportRun";

    private static final Logger LOG = LoggerFactory.getLogger("shopify-joor-sync.link-report");
    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final CustomerTags tags;
    private final List<String> tagNames;
    private final LongSupplier joorCredits;
    private final Supplier<List<PendingSubmission>> pending;
    private final Supplier<Map<String, RemovedCustomer>> removedInShopify;
    private final int pendingAfterBusinessDays;
    private final Clock clock;

    /**
     * @param joorCredits              credits the JOOR pacer has booked so far (the run reports its share)
     * @param pending                  customers sent to Data Services and since when
     * @param pendingAfterBusinessDays list a pending customer after this many business days
     * @param clock                    today's date and the zone business days are counted in
     */
    public LinkReport(List<String> tagNames, LongSupplier joorCredits, Supplier<List<PendingSubmission>> pending,
            Supplier<Map<String, RemovedCustomer>> removedInShopify, int pendingAfterBusinessDays, Clock clock) {
        this(tagNames, joorCredits, pending, removedInShopify, Set::of, pendingAfterBusinessDays, clock);
    }

    /** @param customersOfOtherShops codes the deployment's other shops hold (shops=...), never listed as unlinked */
    public LinkReport(List<String> tagNames, LongSupplier joorCredits, Supplier<List<PendingSubmission>> pending,
            Supplier<Map<String, RemovedCustomer>> removedInShopify, Supplier<Set<String>> customersOfOtherShops,
            int pendingAfterBusinessDays, Clock clock) {
        this.customersOfOtherShops = customersOfOtherShops;
        this.removedInShopify = removedInShopify;
        this.tags = new CustomerTags(tagNames);
        this.tagNames = List.copyOf(tagNames);
        this.joorCredits = joorCredits;
        this.pending = pending;
        this.pendingAfterBusinessDays = pendingAfterBusinessDays;
        this.clock = clock;
    }

    private final Supplier<Set<String>> customersOfOtherShops;

    public void begin(Exchange exchange) {
        exchange.setProperty(RUN_PROPERTY, new LinkReportRun(joorCredits.getAsLong()));
    }

    public void joorConnections(@Body List<JsonNode> page, @ExchangeProperty(RUN_PROPERTY) LinkReportRun run) {
        for (JsonNode connection : page) {
            run.connections.add(ListedConnection.from(connection, ConnectionListPages.code(connection)));
        }
    }

    /** One page of the tagged-customers search; the tag rule is applied again here, as the cycle does. */
    public void shopifyCustomers(@Body List<? extends JsonNode> customers,
            @ExchangeProperty(RUN_PROPERTY) LinkReportRun run) {
        for (JsonNode customer : customers) {
            if (!tags.isEligible(customer)) {
                continue;
            }
            try {
                TaggedCustomer c = TaggedCustomer.from(customer);
                run.tagged.put(c.id(), c);
            } catch (MalformedCustomerException noId) {
                LOG.debug("Skipping a Shopify customer without a numeric id: {}", noId.getMessage());
            }
        }
    }

    /** Works out the findings, and returns them as CSV records, header first. */
    public List<List<String>> rows(@ExchangeProperty(RUN_PROPERTY) LinkReportRun run) {
        Set<String> joorCodes = joorCodes(run);
        ConnectionMatcher matcher = new ConnectionMatcher(new ArrayList<>(run.tagged.values()));
        List<UnlinkedConnection> unlinked = new ArrayList<>();
        List<LinkReportRun.Removed> removed = new ArrayList<>();
        Map<String, RemovedCustomer> removedCodes = removedInShopify.get();
        // several shops on one JOOR account: the other stores' connections are theirs, not unlinked
        Set<String> otherShops = customersOfOtherShops.get();
        int ofOtherShops = 0;
        for (ListedConnection c : run.connections) {
            if (!c.code().isEmpty() && otherShops.contains(c.code()) && !run.tagged.containsKey(c.code())) {
                ofOtherShops++;
            } else if (removedCodes.containsKey(c.code())) {
                removed.add(new LinkReportRun.Removed(c, removedCodes.get(c.code())));
            } else if (c.code().isEmpty() || !run.tagged.containsKey(c.code())) {
                unlinked.add(new UnlinkedConnection(c, matcher.match(c)));
            }
        }
        if (ofOtherShops > 0) {
            LOG.info("{} JOOR connections are customers of the deployment's other shops (shops=...): not listed", ofOtherShops);
        }
        run.removed = List.copyOf(removed);
        unlinked.sort(Comparator.comparing(
                (UnlinkedConnection u) -> u.connection().displayName().toLowerCase(Locale.ROOT))
                .thenComparing(u -> u.connection().code()));
        run.unlinked = List.copyOf(unlinked);
        LocalDate today = LocalDate.now(clock);
        run.overdue = OverdueSubmission.select(pending.get(), run.tagged, joorCodes, pendingAfterBusinessDays, today,
                clock.getZone());
        return LinkReportRows.rows(run, joorCodes, tagNames, clock.getZone());
    }

    /** Spreadsheet software reads a UTF-8 CSV as UTF-8 (accents intact) only when it starts with a byte-order mark. */
    public byte[] forSpreadsheets(@Body byte[] csv) {
        byte[] withMark = Arrays.copyOf(BYTE_ORDER_MARK, BYTE_ORDER_MARK.length + csv.length);
        System.arraycopy(csv, 0, withMark, BYTE_ORDER_MARK.length, csv.length);
        return withMark;
    }

    public LinkReportSummary summary(@ExchangeProperty(RUN_PROPERTY) LinkReportRun run,
            @Header(Exchange.FILE_NAME_PRODUCED) String report) {
        int likely = (int) run.unlinked.stream().filter(u -> u.match().single()).count();
        int ambiguous = (int) run.unlinked.stream().filter(u -> u.match().ambiguous()).count();
        int none = run.unlinked.size() - likely - ambiguous;
        LinkReportSummary summary = new LinkReportSummary(run.connections.size(), run.tagged.size(), run.unlinked.size(),
                likely, ambiguous, none, run.overdue.size(), pendingAfterBusinessDays,
                joorCredits.getAsLong() - run.joorCreditsBefore, Path.of(report).toAbsolutePath());
        LOG.info(summary.logLine());
        return summary;
    }

    private static Set<String> joorCodes(LinkReportRun run) {
        Set<String> codes = new HashSet<>();
        synchronized (run.connections) {
            run.connections.stream().map(ListedConnection::code).filter(c -> !c.isEmpty()).forEach(codes::add);
        }
        return codes;
    }
}
