package com.shopifyjoorsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The search syntax, without HTTP. */
class ShopifySandboxSearchTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    private static SandboxCustomer customer(String... tags) {
        return new SandboxCustomer(1).setFirstName("Ada").setLastName("Lovelace").setEmail("ada@analytical.example")
                .setPhone("+14155550100").setTags(tags).setUpdatedAt(Instant.parse("2026-11-20T23:00:00Z"))
                .setCreatedAt(Instant.parse("2025-01-02T03:04:05Z"))
                .setDefaultAddress(new SandboxAddress().setCompany("Analytical Engines").setCountryCodeV2("GB")
                        .setCountry("United Kingdom"));
    }

    private static boolean matches(String query, SandboxCustomer c) {
        Predicate<SandboxCustomer> p = ShopifySandboxSearch.parse(query, TODAY).filter();
        return p == null || p.test(c);
    }

    @Test
    void booleanStructure() {
        SandboxCustomer vip = customer("VIP", "WHOLESALE");
        SandboxCustomer none = customer();
        assertThat(matches("tag:JOOR OR tag:wholesale", vip)).isTrue();
        assertThat(matches("tag:JOOR tag:wholesale", vip)).isFalse();
        assertThat(matches("(tag:JOOR OR tag:WHOLESALE) tag:vip", vip)).isTrue();
        assertThat(matches("(tag:JOOR OR tag:WHOLESALE) -tag:vip", vip)).isFalse();
        assertThat(matches("NOT tag:vip", none)).isTrue();
        assertThat(matches("tag:JOOR OR tag:WHOLESALE AND tag:VIP", vip)).isTrue();
        assertThat(matches("", none)).isTrue();
    }

    @Test
    void tagsMatchWholeAndIgnoringCase() {
        assertThat(matches("tag:JOOR_ENABLED", customer("joor_enabled"))).isTrue();
        assertThat(matches("tag:JOOR_ENABLED", customer("JOOR_ENABLED_OLD"))).isFalse();
        assertThat(matches("tag:JOOR_ENABLED", customer("joor-enabled"))).isFalse();
        assertThat(matches("tag:WHOLESALE", customer("NOT_WHOLESALE", "WHOLESALE2"))).isFalse();
        assertThat(matches("tag:'Wholesale,Repeat'", customer("repeat"))).isTrue();
        assertThat(matches("tag_not:'VIP,Test'", customer("test"))).isFalse();
        assertThat(matches("tag:\"Spring Buyer\"", customer("spring buyer"))).isTrue();
    }

    @Test
    void datesAreComparedByUtcDay() {
        SandboxCustomer c = customer(); // updated 2026-11-20T23:00Z
        assertThat(matches("updated_at:>'2026-11-20T23:30:00Z'", c)).isTrue();
        assertThat(matches("updated_at:>=2026-11-21", c)).isFalse();
        assertThat(matches("updated_at:<'2026-11-20T00:00:01Z'", c)).isTrue();
        assertThat(matches("updated_at:'2026-11-20'", c)).isTrue();
        assertThat(matches("updated_at: >='2026-11-01'", c)).isTrue();
        assertThat(matches("updated_at:'2026-11-01..2026-11-19'", c)).isFalse();
        assertThat(matches("updated_at:<=2026", c)).isTrue();
        assertThat(matches("updated_at:<now", c)).isTrue();
        assertThat(matches("updated_at:>'2026-11-21T01:00:00+02:00'", c)).isTrue(); // = 2026-11-20T23:00Z
        assertThat(matches("created_at:<2025-01-02", c)).isTrue();
        assertThat(matches("customer_date:>2025-01-03", c)).isFalse();
    }

    @Test
    void otherFieldsFreeTextAndUnknownFields() {
        SandboxCustomer c = customer();
        assertThat(matches("id:1", c)).isTrue();
        assertThat(matches("id:>1", c)).isFalse();
        assertThat(matches("email:analytical.example", c)).isTrue();
        assertThat(matches("email:\"ada@analytical.example\"", c)).isTrue();
        assertThat(matches("first_name:ad*", c)).isTrue();
        assertThat(matches("country:GB", c)).isTrue();
        assertThat(matches("state:enabled", c)).isTrue();
        assertThat(matches("engines", c)).isTrue();
        assertThat(matches("babbage", c)).isFalse();

        ShopifySandboxSearch.Parsed unknown = ShopifySandboxSearch.parse("orders_count:5 tag:VIP", TODAY);
        assertThat(unknown.warnings()).extracting(w -> w.get("field")).containsExactly("orders_count");
        assertThat(unknown.filter().test(customer("VIP"))).isTrue();
        assertThat(ShopifySandboxSearch.parse("updated_at:>yesterday-ish", TODAY).warnings()).hasSize(1);
    }
}
