package com.shopifyjoorsync.dataservices;

/**
 * People open template files in spreadsheet software: a cell starting with = + - @ tab or CR would be
 * read as a formula (CSV injection). Such cells get a leading apostrophe, phone numbers included.
 */
public final class CellNeutraliser {
    private CellNeutraliser() {
    }

    public static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell == null ? "" : cell;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell : cell;
    }
}
