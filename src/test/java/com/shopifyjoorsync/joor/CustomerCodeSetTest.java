package com.shopifyjoorsync.joor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The compact index of known codes: exact text semantics, whatever the storage. */
class CustomerCodeSetTest {

    private static CustomerCodeSet of(String... codes) {
        CustomerCodeSet.Builder b = new CustomerCodeSet.Builder();
        for (String code : codes) {
            b.add(code);
        }
        return b.build();
    }

    @Test
    void containsExactlyTheCodesAddedAsText() {
        CustomerCodeSet set = of("706405506930391394", "9007199254740993", "TS-2026-014", "007", "0", "7");

        assertThat(set).containsExactlyInAnyOrder("706405506930391394", "9007199254740993", "TS-2026-014", "007", "0",
                "7");
        assertThat(set.contains("706405506930391394")).isTrue();
        assertThat(set.contains("9007199254740992")).isFalse();
        assertThat(set.contains("07")).as("a leading zero is another code").isFalse();
        assertThat(set.contains("ts-2026-014")).isFalse();
        assertThat(set.contains("")).isFalse();
        assertThat(set.contains(null)).isFalse();
    }

    @Test
    void duplicatesCountOnceAndLongNumbersStayExact() {
        String big = "123456789012345678901234567890";
        CustomerCodeSet set = of("42", "42", big, "-42", "+42");

        assertThat(set).hasSize(4).contains("42", big, "-42", "+42");
        assertThat(set.contains("123456789012345678901234567891")).isFalse();
    }

    @Test
    void anEmptySetKnowsNothing() {
        assertThat(CustomerCodeSet.EMPTY).isEmpty();
        assertThat(CustomerCodeSet.EMPTY.contains("1")).isFalse();
    }
}
