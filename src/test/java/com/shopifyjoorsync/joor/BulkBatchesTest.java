package com.shopifyjoorsync.joor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class BulkBatchesTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private ObjectNode c(String code) {
        return mapper.createObjectNode().put("customer_code", code);
    }

    @Test
    void splitsInOrderedHalvesTheFirstTakingTheOddOne() {
        List<ObjectNode> batch = List.of(c("1"), c("2"), c("3"), c("4"), c("5"));

        List<List<ObjectNode>> halves = BulkBatches.halves(batch);

        assertThat(halves).containsExactly(List.of(c("1"), c("2"), c("3")), List.of(c("4"), c("5")));
        assertThat(BulkBatches.halves(List.of(c("1"), c("2")))).containsExactly(List.of(c("1")), List.of(c("2")));
    }

    @Test
    void isolatesTheOffenderInLog2Rounds() {
        List<ObjectNode> batch = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            batch.add(c(String.valueOf(i)));
        }
        ObjectNode bad = batch.get(71);
        int rounds = 0;
        List<ObjectNode> rejected = batch;
        while (rejected.size() > 1) {
            rounds++;
            rejected = BulkBatches.halves(rejected).stream().filter(h -> h.contains(bad)).findFirst().orElseThrow();
        }
        assertThat(rejected).containsExactly(bad);
        assertThat(rounds).isLessThanOrEqualTo(7); // ceil(log2(100))
    }

    @Test
    void aSingleConnectionCannotBeSplit() {
        assertThatThrownBy(() -> BulkBatches.halves(List.of(c("1")))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offender");
    }
}
