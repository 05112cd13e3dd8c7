package com.shopifyjoorsync.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class CustomerIdSearchTest {
    @Test
    void idsAreOredAndNothingElseGetsIn() {
        assertThat(CustomerIdSearch.build(List.of("706405506930370172", "42"))).isEqualTo("id:706405506930370172 OR id:42");
        assertThatThrownBy(() -> CustomerIdSearch.build(List.of("42 OR tag:x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CustomerIdSearch.build(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
