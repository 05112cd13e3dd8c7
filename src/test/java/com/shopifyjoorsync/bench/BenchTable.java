package com.shopifyjoorsync.bench;

import java.util.List;

/** The runs side by side, for people. */
final class BenchTable {
    private static final String[][] COLUMNS = {
        {"scenario", "scenario"}, {"n", "n"}, {"seconds", "s"}, {"min_seconds", "min s"}, {"seconds_over_min", "x min"},
        {"customers_per_s", "cust/s"}, {"eligible", "eligible"}, {"joor_updated", "updated"},
        {"shopify_requests", "shop req"}, {"shopify_points", "points"}, {"throttled", "thr"},
        {"joor_requests", "joor req"}, {"joor_posts", "posts"}, {"joor_credits", "credits"},
        {"credits_per_updated_customer", "cr/upd"}, {"http_429", "429"}, {"heap_peak_mb", "heap MB"},
        {"sandbox_cpu_s", "sandbox cpu s"}, {"cpu_s", "cpu s"},
    };

    private BenchTable() {
    }

    static String render(List<BenchResult> results) {
        String[][] cells = new String[results.size() + 1][COLUMNS.length];
        for (int c = 0; c < COLUMNS.length; c++) {
            cells[0][c] = COLUMNS[c][1];
        }
        for (int i = 0; i < results.size(); i++) {
            BenchResult r = results.get(i);
            for (int c = 0; c < COLUMNS.length; c++) {
                String key = COLUMNS[c][0];
                String v = key.equals("scenario") ? r.scenario : key.equals("n") ? Integer.toString(r.n) : r.get(key);
                cells[i + 1][c] = v.isEmpty() ? "-" : v;
            }
        }
        int[] width = new int[COLUMNS.length];
        for (String[] row : cells) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            b.append('|');
            for (int c = 0; c < COLUMNS.length; c++) {
                String v = cells[i][c];
                b.append(' ').append(c < 1 ? pad(v, width[c]) : lpad(v, width[c])).append(" |");
            }
            b.append('\n');
            if (i == 0) {
                b.append('|');
                for (int c = 0; c < COLUMNS.length; c++) {
                    b.append(c < 1 ? "-".repeat(width[c] + 2) : "-".repeat(width[c] + 1) + ":").append('|');
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(w - s.length());
    }

    private static String lpad(String s, int w) {
        return " ".repeat(w - s.length()) + s;
    }
}
