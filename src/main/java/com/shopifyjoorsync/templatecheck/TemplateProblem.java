package com.shopifyjoorsync.templatecheck;

import java.util.Comparator;

/**
 * One problem of a hand-filled template, where a spreadsheet user finds it: the row number as the
 * spreadsheet shows it (the header is row 1) and the column by letter and name.
 *
 * @param row    spreadsheet row, 0 for the file as a whole
 * @param column 0-based column index, -1 for the whole row
 * @param name   the column's name (empty when none)
 */
public record TemplateProblem(int row, int column, String name, String message) {

    static final Comparator<TemplateProblem> ORDER = Comparator.comparingInt((TemplateProblem p) -> p.row())
            .thenComparingInt(p -> p.column());

    static TemplateProblem file(String message) {
        return new TemplateProblem(0, -1, "", message);
    }

    static TemplateProblem wholeRow(int row, String message) {
        return new TemplateProblem(row, -1, "", message);
    }

    static TemplateProblem cell(int row, int column, String name, String message) {
        return new TemplateProblem(row, column, name == null ? "" : name, message);
    }

    /** The spreadsheet letter of a 0-based column: A, B, ... Z, AA, AB ... */
    public static String letter(int column) {
        StringBuilder letters = new StringBuilder();
        for (int n = column + 1; n > 0; n = (n - 1) / 26) {
            letters.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return letters.toString();
    }

    /** The line printed for the user, e.g. {@code row 4, column I (Email): ...}. */
    public String line() {
        if (row <= 0) {
            return "file: " + message;
        }
        if (column < 0) {
            return "row " + row + ": " + message;
        }
        return "row " + row + ", column " + letter(column) + (name.isEmpty() ? "" : " (" + name + ")") + ": " + message;
    }

    @Override
    public String toString() {
        return line();
    }
}
