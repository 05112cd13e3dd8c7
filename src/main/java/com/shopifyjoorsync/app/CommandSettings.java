package com.shopifyjoorsync.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The settings of the commands that run outside the sync cycle (--link-report), read and checked at
 * start like the sync's own: a wrong one stops the start, named.
 *
 * @param linkReportDir            link-report.dir: where reports are written
 * @param pendingAfterBusinessDays link-report.pending-business-days: a customer waiting at Data
 *                                 Services longer than this is listed
 */
public record CommandSettings(String linkReportDir, int pendingAfterBusinessDays) {

    public static CommandSettings read(Function<String, Optional<String>> lookup) {
        List<String> problems = new ArrayList<>();
        String dir = lookup.apply("link-report.dir").map(String::strip).filter(v -> !v.isEmpty()).orElse("data/reports");
        String days = lookup.apply("link-report.pending-business-days").map(String::strip).filter(v -> !v.isEmpty())
                .orElse("3");
        int pendingDays = 3;
        try {
            pendingDays = Integer.parseInt(days);
            if (pendingDays < 0 || pendingDays > 365) {
                problems.add("link-report.pending-business-days=" + days + " is out of range (0..365)");
            }
        } catch (NumberFormatException e) {
            problems.add("link-report.pending-business-days=" + days + " is not a whole number of business days");
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return new CommandSettings(dir, pendingDays);
    }
}
