package com.shopifyjoorsync.dataservices;

import org.apache.commons.csv.CSVFormat;

/**
 * The CSV dialect of Customer Data Template files: what camel-csv's {@code marshal: csv} step of the
 * template route writes (commons-csv's DEFAULT with {@code data-services.delimiter}), so that a file
 * written or read outside a route matches the sync's own byte for byte.
 */
public final class TemplateFormat {
    private TemplateFormat() {
    }

    /** For writing: exactly the route's format. */
    public static CSVFormat writing(char delimiter) {
        return CSVFormat.DEFAULT.builder().setDelimiter(delimiter).get();
    }

    /** For reading hand-filled files: blank lines are kept, so record numbers are the spreadsheet's row numbers. */
    public static CSVFormat reading(char delimiter) {
        return CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false).get();
    }
}
