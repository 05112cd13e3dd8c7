package com.shopifyjoorsync.joor;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local index of the Customer Codes JOOR knows, so that deciding "update through the API" or
 * "new customer for Data Services" costs no API credit per customer. Rebuilt once per cycle by
 * paging the connection list (a {@code loop} in the route): {@link #beginRefresh},
 * {@link #readPage} per page, {@link #commitRefresh}. The new set replaces the old one only when
 * every page was read (and the route let it through: an index that looks wrong is never routed
 * on); a failed refresh leaves the previous index in place.
 *
 * <p>Codes are exact strings: a code JOOR sends as a JSON number (against the contract) is read
 * from its digits, never through a double (Shopify ids exceed 2^53).
 */
public class KnownCustomerCodes {

    private static final Logger LOG = LoggerFactory.getLogger(KnownCustomerCodes.class);

    /** Exchange property the route's loop tests: the next offset, null after the last page. */
    public static final String NEXT_START_PROPERTY = "joorNextStart";
    /** Exchange property set after the last page: how many codes the new index holds. */
    public static final String LIST_CODES_PROPERTY = "joorListCodes";

    private static final String ENVELOPE = "connections";

    private final ConnectionListPages pageReader;

    private volatile CustomerCodeSet known = CustomerCodeSet.EMPTY;

    // the refresh in progress, guarded by this
    private CustomerCodeSet.Builder pending;
    private CustomerCodeSet refreshed; // every page read, not committed yet
    private int pages;

    // several shops on one JOOR account (AccountListReads); account null: this shop reads alone
    private final String account;
    private final String shop;
    private final java.time.Duration waitForOthers;
    private volatile AccountListReads.Read ownRead;
    private volatile String takenFrom;

    public KnownCustomerCodes(ObjectMapper mapper) {
        this(mapper, null, null, null);
    }

    /**
     * @param account the JOOR account (CreditLedger.account) when its list may be read once for
     *        several shops of this process, else null
     * @param waitForOthers how long at most to wait for another shop's read of the account
     */
    public KnownCustomerCodes(ObjectMapper mapper, String account, String shop, java.time.Duration waitForOthers) {
        this.pageReader = new ConnectionListPages(mapper);
        this.account = account;
        this.shop = shop;
        this.waitForOthers = waitForOthers;
    }

    /**
     * Starts a refresh: an empty new set, and {@code joorNextStart = 0}. With several shops on the
     * account, the list another shop is reading or read a moment ago is taken instead: then
     * {@code joorNextStart} is null at once (no page to read) and {@code joorListCodes} its size.
     */
    public void beginRefresh(Exchange exchange) {
        exchange.removeProperty(ConnectionListPages.EMPTY_PAGES_PROPERTY);
        if (account != null) {
            AccountListReads.Start start = AccountListReads.begin(account, shop);
            while (start.taken() != null) {
                CustomerCodeSet codes;
                try {
                    codes = AccountListReads.await(start.taken(), waitForOthers);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // stopping: the cycle ends here
                    throw new IllegalStateException("Stopped while shop " + start.taken().shop()
                            + " read JOOR's connection list", e);
                }
                if (codes != null) {
                    synchronized (this) {
                        pending = null;
                        refreshed = codes;
                        pages = 0;
                        takenFrom = start.taken().shop();
                    }
                    exchange.setProperty(NEXT_START_PROPERTY, null);
                    exchange.setProperty(LIST_CODES_PROPERTY, codes.size());
                    return;
                }
                // that read gave no whole list: this shop reads (or takes a newer read)
                start = AccountListReads.begin(account, shop);
            }
            ownRead = start.own();
        }
        synchronized (this) {
            pending = new CustomerCodeSet.Builder();
            refreshed = null;
            pages = 0;
            takenFrom = null;
        }
        exchange.setProperty(NEXT_START_PROPERTY, 0);
    }

    /** The refresh is over, read whole or not: shops waiting for this shop's read of the account go on. */
    public void endRead() {
        AccountListReads.Read read = ownRead;
        ownRead = null;
        if (read != null) {
            read.ended();
        }
    }

    /**
     * Reads one list page (the answer to {@code GET /connection/?start_from=joorNextStart}): adds its codes and sets
     * {@code joorNextStart} to the next offset, or to null when this was the last page
     * ({@code next_start} empty or absent; a short or empty page is not the end). After the last
     * page, {@code joorListCodes} is the number of codes read.
     *
     * @throws JoorIndexRefusedException when the answer has no list node
     * @throws JoorApiException when JOOR reports an error or the page does not follow the contract
     */
    public synchronized void readPage(Exchange exchange) {
        if (pending == null) {
            throw new IllegalStateException("readPage called without beginRefresh");
        }
        List<JsonNode> connections = pageReader.readPage(exchange);
        int withoutCode = 0;
        for (JsonNode connection : connections) {
            String code = codeText(connection.get("customer_code"));
            if (code == null) {
                withoutCode++;
            } else {
                pending.add(code);
            }
        }
        if (withoutCode > 0) {
            LOG.debug("{} JOOR connections without customer_code on a list page (they cannot match a Shopify "
                    + "customer)", withoutCode);
        }
        pages++;
        if (exchange.getProperty(NEXT_START_PROPERTY) == null) {
            refreshed = pending.build();
            exchange.setProperty(LIST_CODES_PROPERTY, refreshed.size());
            AccountListReads.Read read = ownRead;
            if (read != null) {
                read.read(refreshed); // the account's other shops take it from here
            }
            LOG.debug("JOOR connection list read: {} codes in {} pages", refreshed.size(), pages);
        }
    }

    /** Replaces the index with the new set when every page was read; otherwise keeps the old one. */
    public synchronized void commitRefresh() {
        if (refreshed == null) {
            LOG.warn("JOOR known-code refresh incomplete ({} pages read); keeping the previous index of {} codes",
                    pages, known.size());
        } else {
            known = refreshed;
            if (takenFrom != null) {
                LOG.info("JOOR knows {} customer codes (the account's list as shop {} read it)", known.size(), takenFrom);
            } else {
                LOG.info("JOOR knows {} customer codes ({} list pages)", known.size(), pages);
            }
        }
        pending = null;
        refreshed = null;
    }

    /** True when JOOR has a connection with exactly this Customer Code (as of the last complete refresh). */
    public boolean contains(String code) {
        return code != null && known.contains(code);
    }

    public int size() {
        return known.size();
    }

    /** The exact text of a customer_code: a string as is, a number from its digits; null when absent or blank. */
    static String codeText(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String text;
        if (node.isTextual()) {
            text = node.textValue();
        } else if (node.isIntegralNumber()) {
            BigInteger value = node.bigIntegerValue();
            text = value.toString();
        } else if (node.isNumber()) {
            text = node.decimalValue().toPlainString();
        } else {
            return null;
        }
        return text.isBlank() ? null : text;
    }

    static List<JsonNode> elements(JsonNode list, String call) {
        if (list == null || list.isMissingNode() || list.isNull()) {
            return List.of();
        }
        if (list.isObject()) {
            return List.of(list); // a single connection sent as an object
        }
        if (!list.isArray()) {
            throw new JoorApiException("JOOR's connection list " + call + " has a 'connection' that is neither a list nor an object",
                    200, null, null);
        }
        List<JsonNode> out = new ArrayList<>(list.size());
        list.forEach(out::add);
        return out;
    }

    /** next_start as a number or numeric string; null for "", null or absent. */
    static Integer nextStart(JsonNode node, String call) {
        if (node == null || node.isNull() || (node.isTextual() && node.textValue().isBlank())) {
            return null;
        }
        try {
            if (node.isIntegralNumber()) {
                return node.bigIntegerValue().intValueExact();
            }
            if (node.isTextual()) {
                return new BigInteger(node.textValue().strip()).intValueExact();
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // fall through
        }
        throw new JoorApiException("JOOR's connection list " + call + " has an unreadable next_start: " + node,
                200, null, null);
    }
}
