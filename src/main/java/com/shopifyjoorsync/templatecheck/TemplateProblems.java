package com.shopifyjoorsync.templatecheck;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems of a file as a person reads them: the first {@value #SHOWN} in row and column order
 * (a file of a million bad rows does not print a million lines, nor hold them), and how many there
 * are in all. Problems arrive in row order; a row's own are sorted by column.
 */
public final class TemplateProblems {
    /** How many problems are listed; the rest are counted. */
    public static final int SHOWN = 100;

    private final List<TemplateProblem> shown = new ArrayList<>();
    private long total;

    void add(TemplateProblem problem) {
        if (shown.size() < SHOWN) {
            shown.add(problem);
        }
        total++;
    }

    /** One row's problems (or the header's), in column order. */
    void addRow(List<TemplateProblem> row) {
        row.stream().sorted(TemplateProblem.ORDER).forEach(this::add);
    }

    /** The first {@value #SHOWN} problems. */
    public List<TemplateProblem> shown() {
        return List.copyOf(shown);
    }

    /** Every problem found, listed or not. */
    public long total() {
        return total;
    }

    public boolean isEmpty() {
        return total == 0;
    }
}
