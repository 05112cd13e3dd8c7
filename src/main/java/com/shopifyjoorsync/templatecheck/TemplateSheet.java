package com.shopifyjoorsync.templatecheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.shopifyjoorsync.dataservices.TemplateColumns;
import com.shopifyjoorsync.dataservices.TemplateWorkbook;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * A hand-filled template saved as an Excel workbook (.xlsx), read as a stream (fastexcel-reader):
 * the sheet named like JOOR's tab ("Template"), else the first. Rows keep the numbers the
 * spreadsheet shows; empty rows are no customers and are skipped. Every cell is read as the text a
 * CSV would hold, and what a workbook alone can get wrong is named: a formula, an error value, a
 * Customer Code typed as a number that the spreadsheet kept only 15 digits of.
 */
final class TemplateSheet {
    /** Excel keeps 15 significant digits of a number: an integer from here on may have lost some. */
    private static final BigDecimal EXACT_BELOW = BigDecimal.TEN.pow(15);
    private static final int CODE = TemplateColumns.NAMES.indexOf("Customer Code");

    private TemplateSheet() {
    }

    static TemplateFile read(Path path, char delimiter) throws IOException {
        try (ReadableWorkbook workbook = new ReadableWorkbook(path.toFile());
                Stream<Row> stream = sheet(workbook).openStream()) {
            Iterator<Row> rows = stream.iterator();
            List<String> header = null;
            while (header == null && rows.hasNext()) {
                List<String> cells = texts(rows.next(), null);
                header = cells.isEmpty() ? null : cells;
            }
            if (header == null) {
                return TemplateFile.workbook(path, delimiter, List.of(), 0, List.of(TemplateProblem.file("the workbook is "
                        + "empty: it needs the header row (" + String.join(", ", TemplateColumns.NAMES)
                        + ") and one row per customer")));
            }
            List<TemplateProblem> headerProblems = header.size() == 1 && pasted(header.get(0))
                    ? List.of(TemplateProblem.wholeRow(1, "the header row is one cell holding the whole line: text "
                            + "was pasted into column A; split it into columns (Excel: Data > Text to Columns) or start "
                            + "from a blank template"))
                    : TemplateFile.checkHeader(header, "", delimiter);
            if (!headerProblems.isEmpty()) {
                return TemplateFile.workbook(path, delimiter, header, 0, headerProblems);
            }
            int count = 0;
            while (rows.hasNext()) {
                if (!texts(rows.next(), null).isEmpty()) {
                    count++;
                }
            }
            return TemplateFile.workbook(path, delimiter, header, count, List.of());
        } catch (IOException | RuntimeException e) {
            return TemplateFile.workbook(path, delimiter, List.of(), 0, List.of(TemplateProblem.file("the workbook cannot "
                    + "be read (" + e.getMessage() + "): open it in the spreadsheet and save it again as Excel "
                    + "Workbook (.xlsx) or as CSV UTF-8")));
        }
    }

    /** The first {@code count} rows after the header that hold anything, one at a time. */
    static void eachRow(Path path, int count, Consumer<TemplateFile.Row> action) {
        try (ReadableWorkbook workbook = new ReadableWorkbook(path.toFile());
                Stream<Row> stream = sheet(workbook).openStream()) {
            Iterator<Row> rows = stream.iterator();
            boolean header = true;
            int done = 0;
            while (done < count && rows.hasNext()) {
                Row row = rows.next();
                List<TemplateProblem> problems = new ArrayList<>();
                List<String> cells = texts(row, problems);
                if (cells.isEmpty()) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                action.accept(new TemplateFile.Row(row.getRowNum(), cells, problems));
                done++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }

    private static Sheet sheet(ReadableWorkbook workbook) {
        return workbook.findSheet(TemplateWorkbook.SHEET).orElseGet(workbook::getFirstSheet);
    }

    private static boolean pasted(String cell) {
        return cell.indexOf(',') >= 0 || cell.indexOf(';') >= 0 || cell.indexOf('|') >= 0 || cell.indexOf('\t') >= 0;
    }

    /**
     * The row's cells as text, up to its last one that holds anything (empty when none does).
     *
     * @param problems where a cell's problems go (null: not collected)
     */
    private static List<String> texts(Row row, List<TemplateProblem> problems) {
        List<String> cells = new ArrayList<>(row.getCellCount());
        int last = -1;
        for (int c = 0; c < row.getCellCount(); c++) {
            String text = text(row.getCell(c), row.getRowNum(), c, problems);
            cells.add(text);
            if (!text.isEmpty()) {
                last = c;
            }
        }
        return last < 0 ? List.of() : cells.subList(0, last + 1);
    }

    private static String text(Cell cell, int row, int c, List<TemplateProblem> problems) {
        if (cell == null) {
            return "";
        }
        return switch (cell.getType()) {
            case EMPTY -> "";
            case STRING -> cell.asString() == null ? "" : cell.asString();
            case BOOLEAN -> Boolean.TRUE.equals(cell.asBoolean()) ? "TRUE" : "FALSE";
            case NUMBER -> number(cell.asNumber(), row, c, problems);
            case FORMULA -> {
                add(problems, row, c, "is a formula (=" + cell.getFormula() + "): Data Services takes values, not "
                        + "formulas; copy the cells and paste them as values");
                yield cell.getRawValue() == null ? "" : cell.getRawValue();
            }
            case ERROR -> {
                add(problems, row, c, "shows the error " + cell.getRawValue() + ": type the value instead");
                yield "";
            }
        };
    }

    /** A number cell as the text typed; a Customer Code the spreadsheet cut to 15 digits is named. */
    private static String number(BigDecimal number, int row, int c, List<TemplateProblem> problems) {
        BigDecimal plain = number.stripTrailingZeros();
        if (c == CODE && plain.abs().compareTo(EXACT_BELOW) >= 0) {
            add(problems, row, c, "is a number cell holding " + asExcelShows(number) + ": the spreadsheet keeps 15 "
                    + "digits of a number, so this code lost its last digits; format the column as Text and type "
                    + "the code again");
        }
        return plain.scale() < 0 ? plain.setScale(0).toPlainString() : plain.toPlainString();
    }

    /** A long number the way a spreadsheet shows it: 7.06405506930371E+17. */
    static String asExcelShows(BigDecimal number) {
        return String.format(Locale.ROOT, "%.14E", number).replaceAll("\\.?0+E", "E");
    }

    private static void add(List<TemplateProblem> problems, int row, int c, String message) {
        if (problems != null) {
            problems.add(TemplateProblem.cell(row, c, c < TemplateColumns.NAMES.size() ? TemplateColumns.NAMES.get(c)
                    : "", message));
        }
    }
}
