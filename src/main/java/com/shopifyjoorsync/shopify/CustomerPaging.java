package com.shopifyjoorsync.shopify;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * Every loop over Shopify's customer pages ends, and takes each customer once. A page that says
 * more follow must move the cursor (a cursor that stays would serve the same page forever); empty
 * pages that say more follow are tolerated {@value #MAX_EMPTY_PAGES_IN_A_ROW} in a row; and a loop
 * never reads more customer nodes than Shopify's {@code customersCount} for the same search allows
 * for, plus a margin (customers changed while the loop reads move to the end of the
 * {@code UPDATED_AT} order and come again; customers created meanwhile are new): the larger of
 * {@value #MIN_MARGIN} and a tenth of the count. Where the count is only a lower bound
 * ({@code AT_LEAST}) or unknown, the bound is the customers taken so far (at least the count) plus
 * the same margin: the loop may read only so many customers a second time, and as the shop holds
 * finitely many customers, a loop that never ends must serve ever more of them again. A loop so
 * ended fails its cycle (the watermark stays; the next cycle counts and reads again), naming the loop.
 *
 * <p>A customer served again in the same loop (a node on two pages, a page repeated) is dropped
 * there: routed once, one template row, one connection in JOOR's batches.
 *
 * <p>Bean {@code sjsShopifyPaging}; each loop keeps its {@link Reading} in the exchange property
 * {@code shopifyPaging} ({@link #begin}), and hands every page to {@link #newCustomers}.
 */
public final class CustomerPaging {
    /** Empty pages that say more follow, in a row, before the loop is ended. */
    public static final int MAX_EMPTY_PAGES_IN_A_ROW = 5;
    /** The least margin over the count. */
    public static final long MIN_MARGIN = 1000;

    /** A loop starts reading at the first page; {@code estimate} is Shopify's count, null when unknown. */
    public Reading begin(String loop, CustomerCount estimate) {
        return new Reading(loop, estimate);
    }

    /**
     * The customers of the page just read that the loop has not taken before; throws when the page
     * shows that the loop would not end.
     *
     * @param cursor  the page's end cursor (the next page is asked after it)
     * @param hasNext whether Shopify says another page follows
     * @throws ShopifyPagingException naming the loop
     */
    public List<ObjectNode> newCustomers(@ExchangeProperty("shopifyPaging") Reading reading,
            @ExchangeProperty("shopifyCursor") String cursor, @ExchangeProperty("shopifyHasNext") Boolean hasNext,
            @Body List<ObjectNode> customers) {
        return reading.page(customers, Boolean.TRUE.equals(hasNext), cursor);
    }

    /** One loop's reading: the cursor it asked with, the customers taken, what was served again. */
    public static final class Reading {
        private final String loop;
        private final CustomerCount estimate;
        private final CustomerIdSet taken = new CustomerIdSet();
        private String askedAfter; // null: the first page
        private long pages;
        private long nodes;
        private long repeated;
        private int emptyInARow;

        Reading(String loop, CustomerCount estimate) {
            this.loop = loop;
            this.estimate = estimate;
        }

        /** Customer nodes served again in this loop, and dropped. */
        public long repeated() {
            return repeated;
        }

        synchronized List<ObjectNode> page(List<ObjectNode> customers, boolean hasNext, String endCursor) {
            pages++;
            nodes += customers.size();
            if (hasNext && (endCursor == null || endCursor.equals(askedAfter))) {
                throw ended("the page after cursor " + askedAfter + " ends at the same cursor and says more follow: "
                        + "the same page would come forever");
            }
            emptyInARow = customers.isEmpty() && hasNext ? emptyInARow + 1 : 0;
            if (emptyInARow > MAX_EMPTY_PAGES_IN_A_ROW) {
                throw ended(emptyInARow + " empty pages in a row say more follow");
            }
            List<ObjectNode> fresh = new ArrayList<>(customers.size());
            for (ObjectNode customer : customers) {
                long id = id(customer);
                if (id < 0 || taken.add(id)) {
                    fresh.add(customer);
                } else {
                    repeated++;
                }
            }
            long base = estimate != null && !estimate.atLeast() ? estimate.count()
                    : Math.max(estimate == null ? 0 : estimate.count(), taken.size());
            long limit = base + Math.max(MIN_MARGIN, base / 10);
            if (nodes > limit) {
                throw ended("it served " + nodes + " customers (" + repeated + " of them again), more than "
                        + (estimate == null ? "the " + taken.size() + " different ones it served"
                                : "Shopify's count of " + (estimate.atLeast() ? "at least " : "") + estimate.count())
                        + " allows for (" + limit + " with the margin)");
            }
            askedAfter = endCursor;
            return fresh;
        }

        private ShopifyPagingException ended(String why) {
            return new ShopifyPagingException("Shopify's customer pages would not end (loop " + loop + ", page "
                    + pages + "): " + why + "; the loop was stopped");
        }

        /** Shopify's id of the customer ({@code legacyResourceId}); -1 when it has none readable. */
        private static long id(JsonNode customer) {
            JsonNode id = customer.get("legacyResourceId");
            if (id == null || !(id.isTextual() || id.isIntegralNumber())) {
                return -1;
            }
            try {
                long value = Long.parseUnsignedLong(id.asText());
                return value < 0 ? -1 : value; // beyond 2^63: not deduplicated (Shopify's ids are far below)
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }
}
