package com.shopifyjoorsync.linkreport;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A tagged customer waiting at Data Services for longer than the setting: someone should chase it.
 *
 * @param businessDays business days since it was sent, weekends not counted
 */
public record OverdueSubmission(TaggedCustomer customer, Instant pendingSince, int businessDays) {

    /**
     * The submissions still worth chasing: the customer is still tagged, JOOR does not have its code
     * yet (once it does, Data Services is done), and more than {@code afterBusinessDays} business
     * days have passed. Oldest first.
     */
    static List<OverdueSubmission> select(List<PendingSubmission> pending, Map<String, TaggedCustomer> tagged,
            Set<String> joorCodes, int afterBusinessDays, LocalDate today, ZoneId zone) {
        return pending.stream()
                .filter(p -> p.customerId() != null && p.pendingSince() != null)
                .filter(p -> !joorCodes.contains(p.customerId()))
                .map(p -> {
                    TaggedCustomer customer = tagged.get(p.customerId());
                    return customer == null ? null : new OverdueSubmission(customer, p.pendingSince(),
                            BusinessDays.between(p.pendingSince().atZone(zone).toLocalDate(), today));
                })
                .filter(Objects::nonNull)
                .filter(o -> o.businessDays() > afterBusinessDays)
                .sorted(Comparator.comparing(OverdueSubmission::pendingSince))
                .toList();
    }
}
