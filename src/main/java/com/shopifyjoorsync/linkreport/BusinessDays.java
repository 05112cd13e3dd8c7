package com.shopifyjoorsync.linkreport;

import java.time.DayOfWeek;
import java.time.LocalDate;

/** Business days as Data Services counts its turnaround: Monday to Friday (public holidays are not known here). */
public final class BusinessDays {
    private BusinessDays() {
    }

    /** Business days after {@code from} up to and including {@code to}: Friday to the next Wednesday is 3. */
    public static int between(LocalDate from, LocalDate to) {
        int days = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days++;
            }
        }
        return days;
    }
}
