package com.shopifyjoorsync.linkreport;

import java.nio.file.Path;
import java.util.List;

/** The counts printed after a link report, and where the report is. */
public record LinkReportSummary(int connectionsRead, int taggedCustomersRead, int unlinked, int likelyMatch,
        int ambiguous, int noMatch, int pendingListed, int pendingAfterBusinessDays, long joorCredits, Path report) {

    /** The greppable log line (counts only: no names or emails). */
    public String logLine() {
        return "LINK REPORT connections_read=" + connectionsRead + " shopify_tagged_read=" + taggedCustomersRead
                + " unlinked=" + unlinked + " likely_match=" + likelyMatch + " ambiguous=" + ambiguous
                + " no_match=" + noMatch + " pending_listed=" + pendingListed + " joor_credits=" + joorCredits
                + " report=" + report;
    }

    /** What the command prints for the person who ran it. */
    public List<String> lines() {
        return List.of(
                "JOOR connections read:                   " + connectionsRead,
                "  not linked to a Shopify customer:      " + unlinked,
                "    with a likely Shopify match:         " + likelyMatch,
                "    ambiguous (several candidates):      " + ambiguous,
                "    no match:                            " + noMatch,
                "Tagged Shopify customers read:           " + taggedCustomersRead,
                "  waiting at Data Services > " + pendingAfterBusinessDays + " business days: " + pendingListed,
                "JOOR credits spent:                      " + joorCredits,
                "Report: " + report);
    }
}
