package com.shopifyjoorsync.linkreport;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.shopifyjoorsync.dataservices.CellNeutraliser;

/**
 * The report as spreadsheet rows: one per JOOR connection to link (one per candidate when several
 * Shopify customers match), then one per customer to chase at Data Services, each saying what to do.
 * Cells come from JOOR and Shopify, so they are neutralised like the template's.
 */
final class LinkReportRows {
    static final List<String> HEADER = List.of("Finding", "Match", "JOOR Customer Code", "JOOR Customer Name",
            "JOOR Email", "JOOR City", "Shopify Customer Id", "Shopify Customer Name", "Shopify Email", "Shopify City",
            "Pending Since", "Business Days Pending", "What To Do");
    static final String NOT_LINKED = "JOOR connection not linked";
    static final String WAITING = "Waiting at Data Services";
    static final String REMOVED = "Removed in Shopify";

    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private LinkReportRows() {
    }

    static List<List<String>> rows(LinkReportRun run, Set<String> joorCodes, List<String> tags, ZoneId zone) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (UnlinkedConnection u : run.unlinked) {
            ListedConnection c = u.connection();
            LikelyMatch m = u.match();
            String city = String.join(" / ", c.cities());
            if (m.candidates().isEmpty()) {
                rows.add(row(NOT_LINKED, m.basis().label(), c.code(), c.displayName(), c.email(), city, "", "", "", "",
                        "", "", "No tagged Shopify customer matches. If the retailer is in Shopify, tag it ("
                                + String.join(", ", tags) + ") or correct its email, and run the report again; if it "
                                + "is not, run an Orders sync from JOOR into Shopify to create it. Then type its "
                                + "Shopify customer id in this connection's Customer Code in JOOR."));
                continue;
            }
            String match = m.ambiguous() ? "ambiguous: " + m.candidates().size() + " candidates, " + m.basis().label()
                    : m.basis().label();
            for (TaggedCustomer s : m.candidates()) {
                rows.add(row(NOT_LINKED, match, c.code(), c.displayName(), c.email(), city, s.id(), s.name(), s.email(),
                        s.city(), "", "", whatToDo(c, m, s, joorCodes)));
            }
        }
        for (LinkReportRun.Removed r : run.removed) {
            ListedConnection c = r.connection();
            RemovedCustomer gone = r.customer();
            String when = gone.removedAt() == null ? "" : " on " + SINCE.format(gone.removedAt().atZone(zone));
            String todo = gone.whatToDo(when, gone.merged() && joorCodes.contains(gone.mergedInto()));
            rows.add(row(REMOVED, gone.merged() ? "merged" : "deleted", c.code(), c.displayName(), c.email(),
                    String.join(" / ", c.cities()), gone.merged() ? gone.mergedInto() : "", "", "", "", "", "", todo));
        }
        for (OverdueSubmission o : run.overdue) {
            TaggedCustomer s = o.customer();
            rows.add(row(WAITING, "", "", "", "", "", s.id(), s.name(), s.email(), s.city(),
                    SINCE.format(o.pendingSince().atZone(zone)), Integer.toString(o.businessDays()),
                    "Sent to JOOR Data Services and still not in JOOR after " + o.businessDays() + " business days: "
                            + "ask JOOR Data Services about Customer Code " + s.id() + "."));
        }
        return rows;
    }

    private static String whatToDo(ListedConnection c, LikelyMatch m, TaggedCustomer s, Set<String> joorCodes) {
        String where = "open the connection '" + c.displayName() + "' in JOOR, click Customer Code and Alias, and "
                + "type " + s.id() + " in Customer Code";
        if (joorCodes.contains(s.id())) {
            return "Shopify customer " + s.id() + " is already linked to another JOOR connection: this one is "
                    + "probably a duplicate of it; ask JOOR to merge the two rather than typing the code twice.";
        }
        if (m.ambiguous()) {
            return "Several Shopify customers match (one row each): find out which one this retailer is, then: "
                    + where + ".";
        }
        String todo = Character.toUpperCase(where.charAt(0)) + where.substring(1);
        return m.basis() == LikelyMatch.Basis.EMAIL ? todo + "."
                : todo + " (matched on company and city only: check it is the same retailer first).";
    }

    private static List<String> row(String... cells) {
        List<String> row = new ArrayList<>(cells.length);
        for (String cell : cells) {
            row.add(CellNeutraliser.neutralise(cell));
        }
        return row;
    }
}
