package com.shopifyjoorsync.joor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class BulkBatchQueueTest {
    private static List<String> drainRejecting(BulkBatchQueue<String> queue, String bad, boolean named) {
        List<String> posts = new ArrayList<>();
        for (List<String> batch : queue) {
            posts.add(String.join(",", batch));
            if (batch.contains(bad) && batch.size() > 1) {
                queue.isolate(batch, named ? bad : null);
            }
        }
        return posts;
    }

    @Test
    void aNamedOffenderIsSentAloneAndTheRestTogether() {
        BulkBatchQueue<String> queue = new BulkBatchQueue<>(List.of("1", "2", "3", "4", "5"), Function.identity());

        assertThat(drainRejecting(queue, "3", true)).containsExactly("1,2,3,4,5", "1,2,4,5", "3");
    }

    @Test
    void withoutANameTheBatchIsHalvedUntilTheOffenderIsAlone() {
        BulkBatchQueue<String> queue = new BulkBatchQueue<>(List.of("1", "2", "3", "4", "5"), Function.identity());

        assertThat(drainRejecting(queue, "4", false))
                .containsExactly("1,2,3,4,5", "1,2,3", "4,5", "4", "5");
    }

    @Test
    void aSingleConnectionCannotBeSplit() {
        BulkBatchQueue<String> queue = new BulkBatchQueue<>(List.of("1"), Function.identity());
        assertThatThrownBy(() -> queue.isolate(List.of("1"), "1")).isInstanceOf(IllegalArgumentException.class);
    }
}
