package com.shopifyjoorsync.dataservices;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The Customer Data Template as an Excel workbook, the form JOOR's own template has: one sheet
 * ("Template"), the header row bold, shaded and frozen, every cell a text cell formatted as Text (so
 * that a Customer Code like 706405506930370958 stays exact and a Zip like 02134 keeps its zero, also
 * when someone retypes it), columns as wide as their content, no formula anywhere. Written as a
 * stream (fastexcel, inline strings, rows flushed as they go): memory stays flat however many rows.
 */
public final class TemplateWorkbook {
    /** The tab's name in JOOR's template. */
    public static final String SHEET = "Template";
    /** Excel's number format "Text". */
    private static final String TEXT = "@";
    private static final String HEADER_FILL = "D9E1F2";
    /** Rows kept in memory before they go to the stream. */
    private static final int FLUSH_EVERY = 500;
    private static final double MIN_WIDTH = 8;
    /** Wider than this a column is hard to read; the cell shows whole when selected. */
    private static final double MAX_WIDTH = 60;

    private TemplateWorkbook() {
    }

    /**
     * The cycle's working file (the CSV its batches appended to) as a workbook, read twice as a
     * stream: once for the column widths (written before the rows), once for the cells.
     */
    public static void fromCsv(Path csv, char delimiter, Path workbook) throws IOException {
        double[] widths;
        List<String> header;
        try (CSVParser parser = parse(csv, delimiter)) {
            Iterator<CSVRecord> records = parser.iterator();
            header = records.next().toList();
            widths = new double[header.size()];
            fit(widths, header, true);
            while (records.hasNext()) {
                fit(widths, records.next().toList(), false);
            }
        }
        try (CSVParser parser = parse(csv, delimiter); OutputStream out = Files.newOutputStream(workbook)) {
            Iterator<CSVRecord> records = parser.iterator();
            records.next();
            write(out, header, widths, new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return records.hasNext();
                }

                @Override
                public List<String> next() {
                    return records.next().toList();
                }
            });
        }
    }

    /** A workbook holding the header alone, for people to fill in (--template-blank). */
    public static void blank(OutputStream out, List<String> columns) throws IOException {
        double[] widths = new double[columns.size()];
        fit(widths, columns, true);
        write(out, columns, widths, List.<List<String>>of().iterator());
    }

    private static CSVParser parse(Path csv, char delimiter) throws IOException {
        Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
        return CSVParser.parse(reader, TemplateFormat.writing(delimiter));
    }

    private static void write(OutputStream out, List<String> header, double[] widths, Iterator<List<String>> rows)
            throws IOException {
        Workbook workbook = new Workbook(out, "shopify-joor-sync", "1.0");
        Worksheet sheet = workbook.newWorksheet(SHEET);
        for (int c = 0; c < header.size(); c++) {
            sheet.width(c, widths[c]);
            // cells typed later into the column are text too
            sheet.style(c).format(TEXT).set();
            sheet.inlineString(0, c, header.get(c));
            sheet.style(0, c).bold().fillColor(HEADER_FILL).format(TEXT).set();
        }
        sheet.freezePane(0, 1);
        int r = 1;
        while (rows.hasNext()) {
            List<String> cells = rows.next();
            for (int c = 0; c < cells.size(); c++) {
                sheet.inlineString(r, c, cells.get(c));
                sheet.style(r, c).format(TEXT).set();
            }
            if (r++ % FLUSH_EVERY == 0) {
                sheet.flush();
            }
        }
        sheet.finish();
        workbook.finish();
    }

    /** Widens each column to its longest line (header cells are bold: a little wider). */
    private static void fit(double[] widths, List<String> cells, boolean header) {
        for (int c = 0; c < cells.size() && c < widths.length; c++) {
            double width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longestLine(cells.get(c)) * (header ? 1.15 : 1) + 2));
            widths[c] = Math.max(widths[c], width);
        }
    }

    /** In character widths: East Asian wide characters take two. */
    static int longestLine(String text) {
        int longest = 0;
        int line = 0;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            int cp = text.codePointAt(i);
            if (cp == '\n') {
                line = 0;
                continue;
            }
            line += wide(cp) ? 2 : 1;
            longest = Math.max(longest, line);
        }
        return longest;
    }

    private static boolean wide(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL
                || cp >= 0xFF01 && cp <= 0xFF60 || cp >= 0x3000 && cp <= 0x303F;
    }
}
