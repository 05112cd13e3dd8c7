package com.shopifyjoorsync.linkreport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Which customers waiting at Data Services are listed for chasing, counted in business days. */
class PendingAtDataServicesTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final TaggedCustomer ANA = new TaggedCustomer("201", "Atelier Ana", "Atelier Ana", "ana@a.example", "Boston");
    private static final TaggedCustomer BO = new TaggedCustomer("202", "Bo's", "Bo's", "bo@b.example", "Boston");

    /** Friday 2026-11-20, 17:00 in New York. */
    private static final Instant FRIDAY_EVENING = Instant.parse("2026-11-20T22:00:00Z");

    @Test
    void weekendsDoNotCount() {
        LocalDate friday = LocalDate.of(2026, 11, 20);

        assertThat(BusinessDays.between(friday, friday)).isZero();
        assertThat(BusinessDays.between(friday, friday.plusDays(2))).as("to Sunday").isZero();
        assertThat(BusinessDays.between(friday, friday.plusDays(3))).as("to Monday").isEqualTo(1);
        assertThat(BusinessDays.between(friday, friday.plusDays(5))).as("to Wednesday").isEqualTo(3);
        assertThat(BusinessDays.between(friday, friday.plusDays(6))).as("to Thursday").isEqualTo(4);
    }

    @Test
    void aCustomerIsListedOnceLongerThanTheSettingAndOnlyWhileStillWaiting() {
        List<PendingSubmission> pending = List.of(new PendingSubmission("201", FRIDAY_EVENING),
                new PendingSubmission("202", FRIDAY_EVENING.minusSeconds(86_400)),
                new PendingSubmission("203", FRIDAY_EVENING), // no longer tagged
                new PendingSubmission("204", FRIDAY_EVENING)); // JOOR has it now
        Map<String, TaggedCustomer> tagged = Map.of("201", ANA, "202", BO, "204", ANA);
        Set<String> joorCodes = Set.of("204");

        List<OverdueSubmission> wednesday = OverdueSubmission.select(pending, tagged, joorCodes, 3,
                LocalDate.of(2026, 11, 25), NEW_YORK);
        List<OverdueSubmission> thursday = OverdueSubmission.select(pending, tagged, joorCodes, 3,
                LocalDate.of(2026, 11, 26), NEW_YORK);

        assertThat(wednesday).extracting(o -> o.customer().id()).containsExactly("202");
        assertThat(thursday).extracting(o -> o.customer().id() + ":" + o.businessDays())
                .containsExactly("202:5", "201:4");
    }

    @Test
    void theReportSaysWhomToChaseAndSinceWhen() {
        LinkReportRun run = new LinkReportRun(0);
        run.overdue = List.of(new OverdueSubmission(ANA, FRIDAY_EVENING, 4));

        List<List<String>> rows = LinkReportRows.rows(run, Set.of(), List.of("JOOR_ENABLED"), NEW_YORK);

        assertThat(rows).hasSize(2);
        List<String> row = rows.get(1);
        assertThat(row.get(LinkReportRows.HEADER.indexOf("Finding"))).isEqualTo("Waiting at Data Services");
        assertThat(row.get(LinkReportRows.HEADER.indexOf("Shopify Customer Id"))).isEqualTo("201");
        assertThat(row.get(LinkReportRows.HEADER.indexOf("Pending Since"))).isEqualTo("2026-11-20 17:00");
        assertThat(row.get(LinkReportRows.HEADER.indexOf("Business Days Pending"))).isEqualTo("4");
        assertThat(row.get(LinkReportRows.HEADER.indexOf("What To Do"))).contains("ask JOOR Data Services about "
                + "Customer Code 201");
    }
}
