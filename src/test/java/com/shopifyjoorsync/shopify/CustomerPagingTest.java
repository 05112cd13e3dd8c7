package com.shopifyjoorsync.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

/** The rules that end a loop over customer pages, and take each customer once. */
class CustomerPagingTest {
    private final CustomerPaging paging = new CustomerPaging();

    private static List<ObjectNode> customers(long from, long to) {
        List<ObjectNode> page = new ArrayList<>();
        LongStream.range(from, to).forEach(id -> page.add(JsonNodeFactory.instance.objectNode()
                .put("legacyResourceId", Long.toString(id))));
        return page;
    }

    private List<ObjectNode> page(CustomerPaging.Reading reading, String cursor, boolean hasNext, List<ObjectNode> customers) {
        return paging.newCustomers(reading, cursor, hasNext, customers);
    }

    @Test
    void customersServedAgainAreDroppedAndCounted() {
        CustomerPaging.Reading reading = paging.begin("loop-a", new CustomerCount(300, false));

        assertThat(page(reading, "c1", true, customers(1, 101))).hasSize(100);
        List<ObjectNode> second = new ArrayList<>(customers(90, 190));
        second.add(second.get(0)); // twice on the same page too
        assertThat(page(reading, "c2", false, second)).extracting(c -> c.get("legacyResourceId").asText())
                .hasSize(89).doesNotHaveDuplicates().doesNotContain("90", "100");
        assertThat(reading.repeated()).isEqualTo(12);
    }

    @Test
    void aCursorThatStaysWhereItWasAskedEndsTheLoop() {
        CustomerPaging.Reading reading = paging.begin("loop-a", null);
        page(reading, "c1", true, customers(1, 11));

        assertThatThrownBy(() -> page(reading, "c1", true, customers(11, 21)))
                .isInstanceOf(ShopifyPagingException.class)
                .hasMessageContaining("loop loop-a, page 2").hasMessageContaining("after cursor c1 ends at the same cursor");
    }

    @Test
    void theLastPageMayRepeatItsCursor() {
        CustomerPaging.Reading reading = paging.begin("loop-a", null);
        page(reading, "c1", true, customers(1, 11));

        assertThat(page(reading, "c1", false, List.of())).isEmpty();
    }

    @Test
    void fiveEmptyPagesInARowAreTakenTheSixthIsNot() {
        CustomerPaging.Reading reading = paging.begin("loop-a", null);
        for (int i = 1; i <= CustomerPaging.MAX_EMPTY_PAGES_IN_A_ROW; i++) {
            page(reading, "e" + i, true, List.of());
        }
        page(reading, "p", true, customers(1, 3)); // a page with customers starts the count again
        for (int i = 1; i <= CustomerPaging.MAX_EMPTY_PAGES_IN_A_ROW; i++) {
            page(reading, "f" + i, true, List.of());
        }

        assertThatThrownBy(() -> page(reading, "f6", true, List.of()))
                .isInstanceOf(ShopifyPagingException.class).hasMessageContaining("6 empty pages in a row");
    }

    @Test
    void anExactCountBoundsTheNodesReadWithAMarginOfATenthOrAThousand() {
        CustomerPaging.Reading reading = paging.begin("loop-a", new CustomerCount(20_000, false));
        page(reading, "a", true, customers(0, 22_000)); // 20,000 + 2,000: the limit

        assertThatThrownBy(() -> page(reading, "b", true, customers(22_000, 22_001)))
                .isInstanceOf(ShopifyPagingException.class)
                .hasMessageContaining("more than Shopify's count of 20000 allows for (22000 with the margin)");
    }

    @Test
    void aLowerBoundOrNoCountBoundsWhatIsServedAgainNotWhatIsNew() {
        CustomerPaging.Reading atLeast = paging.begin("loop-a", new CustomerCount(10_000, true));
        page(atLeast, "a", true, customers(0, 30_000)); // more than the lower bound: all new, all taken
        page(atLeast, "b", true, customers(0, 3_000)); // 3,000 again: within a tenth of the 30,000 taken
        assertThatThrownBy(() -> page(atLeast, "c", true, customers(0, 1)))
                .isInstanceOf(ShopifyPagingException.class)
                .hasMessageContaining("3001 of them again").hasMessageContaining("count of at least 10000");

        CustomerPaging.Reading unknown = paging.begin("loop-b", null);
        page(unknown, "a", true, customers(0, 50));
        for (int i = 0; i < 20; i++) {
            page(unknown, "r" + i, true, customers(0, 50)); // the same 50 again: 1,000 repeats, the least margin
        }
        assertThatThrownBy(() -> page(unknown, "x", true, customers(0, 1)))
                .isInstanceOf(ShopifyPagingException.class).hasMessageContaining("the 50 different ones it served");
    }
}
