package com.shopifyjoorsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The demo store holds every case the sync must get right. */
class ShopifySandboxDemoDataTest {

    private final Instant now = Instant.parse("2026-11-27T10:00:00Z");
    private final DemoData demo = DemoData.demo(now);

    private SandboxCustomer byId(long id) {
        return demo.customers().stream().filter(c -> c.getLegacyResourceId() == id).findFirst().orElseThrow();
    }

    @Test
    void isDeterministic() {
        assertThat(DemoData.demo(now).customers()).isEqualTo(demo.customers());
        assertThat(DemoData.demo(now).knownCodes()).isEqualTo(demo.knownCodes());
        assertThat(demo.shopCurrency()).isEqualTo("USD");
    }

    @Test
    void shapeOfTheStore() {
        List<SandboxCustomer> all = demo.customers();
        assertThat(all).hasSize(DemoData.DEMO_SIZE);
        assertThat(all).allMatch(c -> c.getLegacyResourceId() > (1L << 53));
        assertThat(all.stream().map(SandboxCustomer::getLegacyResourceId).collect(Collectors.toSet())).hasSize(300);
        assertThat(all).allMatch(c -> !c.getUpdatedAt().isAfter(now)
                && c.getUpdatedAt().isAfter(now.minus(Duration.ofDays(61))));
        assertThat(all).allMatch(c -> c.getCreatedAt().isBefore(c.getUpdatedAt()));
        Set<String> countries = all.stream().filter(c -> c.getDefaultAddress() != null)
                .map(c -> c.getDefaultAddress().getCountryCodeV2()).collect(Collectors.toSet());
        assertThat(countries).contains("US", "CA", "GB", "FR", "DE", "IT", "JP", "AU");
        assertThat(all).filteredOn(c -> c.getDefaultAddress() != null && "US".equals(c.getDefaultAddress().getCountryCodeV2()))
                .allMatch(c -> c.getDefaultAddress().getProvinceCode() != null);
        assertThat(all).anyMatch(c -> c.getPhone() != null && c.getPhone().startsWith("+"));

        List<Long> eligible = demo.eligibleIds();
        assertThat(eligible.size()).isBetween(180, 230);
        assertThat(all).anyMatch(c -> c.getTags().isEmpty());
        assertThat(all).anyMatch(c -> c.getTags().equals(List.of("VIP", "WHOLESALE")));
        assertThat(all).anyMatch(c -> c.getTags().equals(List.of("wholesale")));
        assertThat(all).anyMatch(c -> c.getTags().equals(List.of("Joor")));
        long known = eligible.stream().filter(id -> demo.knownCodes().contains(Long.toString(id))).count();
        assertThat(demo.knownCodes()).hasSize((int) known); // only eligible customers are known
        assertThat((double) known / eligible.size()).isBetween(0.35, 0.45);
    }

    @Test
    void trapsAndSpecialCases() {
        assertThat(DemoData.TRAP_IDS).hasSize(12);
        Set<String> trapTagsSeen = new HashSet<>();
        for (long id : DemoData.TRAP_IDS) {
            SandboxCustomer c = byId(id);
            assertThat(DemoData.isEligible(c)).as(c.toString()).isFalse();
            trapTagsSeen.addAll(c.getTags());
        }
        assertThat(trapTagsSeen).containsAll(DemoData.TRAP_TAGS);

        assertThat(byId(DemoData.NO_ADDRESS_ID).getDefaultAddress()).isNull();
        assertThat(demo.customers().stream().filter(c -> c.getDefaultAddress() == null && DemoData.isEligible(c))).hasSize(1);
        SandboxCustomer zoe = byId(DemoData.NON_ASCII_ID);
        assertThat(zoe.getFirstName() + " " + zoe.getLastName()).isEqualTo("Zoë Šimůnková");
        assertThat(zoe.getDefaultAddress().getCompany()).isEqualTo("Maison Élégance Zürich");
        assertThat(byId(DemoData.FORMULA_COMPANY_ID).getDefaultAddress().getCompany()).startsWith("=");
        assertThat(byId(DemoData.COMMA_QUOTE_COMPANY_ID).getDefaultAddress().getCompany()).contains(",").contains("\"");
        assertThat(byId(DemoData.MULTILINE_NOTE_ID).getNote()).contains("\n");
        for (long id : List.of(DemoData.NO_ADDRESS_ID, DemoData.NON_ASCII_ID, DemoData.FORMULA_COMPANY_ID,
                DemoData.COMMA_QUOTE_COMPANY_ID, DemoData.MULTILINE_NOTE_ID)) {
            assertThat(DemoData.isEligible(byId(id))).isTrue();
        }
        assertThat(DemoData.SAME_SECOND_IDS.stream().map(id -> byId(id).getUpdatedAt()).distinct()).hasSize(1);
    }

    @Test
    void generatedStoreHasTheAskedShape() {
        DemoData big = DemoData.generated(42, 100_000, 0.3, 0.5);

        assertThat(big.customers()).hasSize(100_000);
        double tagged = big.customers().stream().filter(DemoData::isEligible).count() / 100_000.0;
        assertThat(tagged).isBetween(0.28, 0.32);
        assertThat(big.knownCodes().size() / (tagged * 100_000)).isBetween(0.47, 0.53);
        SandboxCustomer c = big.customers().get(123);
        assertThat(c.getNote().length()).isBetween(90, 120);
        assertThat(c.getDefaultAddress().getAddress2()).isNotBlank();
        assertThat(c.getEmail()).contains("@");
        assertThat(DemoData.generated(42, 1000, 0.3, 0.5).customers().stream().map(SandboxCustomer::getEmail))
                .containsExactlyElementsOf(DemoData.generated(42, 1000, 0.3, 0.5).customers().stream()
                        .map(SandboxCustomer::getEmail).collect(Collectors.toList()));
    }
}
