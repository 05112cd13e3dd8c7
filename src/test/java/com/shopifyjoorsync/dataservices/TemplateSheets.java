package com.shopifyjoorsync.dataservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Template files as a test reads them, whichever format the sync wrote: a workbook is opened with
 * Apache POI (not the library that wrote it) and every cell must be a text cell, no formula.
 */
public final class TemplateSheets {
    private TemplateSheets() {
    }

    /** True when the file is a zip (a workbook), whatever its name. */
    public static boolean isWorkbook(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(4);
            return start.length == 4 && start[0] == 'P' && start[1] == 'K' && start[2] == 3 && start[3] == 4;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every record of a template file, header first, as CSV records: a workbook's cells as the CSV
     * would have held them.
     */
    public static List<CSVRecord> records(Path file) {
        try {
            if (!isWorkbook(file)) {
                try (CSVParser parser = CSVParser.parse(file, StandardCharsets.UTF_8, CSVFormat.DEFAULT)) {
                    return parser.getRecords();
                }
            }
            StringWriter csv = new StringWriter();
            try (CSVPrinter printer = new CSVPrinter(csv, CSVFormat.DEFAULT)) {
                for (List<String> row : cells(file)) {
                    printer.printRecord(row);
                }
            }
            try (CSVParser parser = CSVParser.parse(csv.toString(), CSVFormat.DEFAULT)) {
                return parser.getRecords();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A workbook's one sheet, row by row, each as wide as the header. Fails the test when a cell is
     * anything but text (a number, a formula).
     */
    public static List<List<String>> cells(Path file) {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
                XSSFWorkbook workbook = new XSSFWorkbook(pkg)) {
            assertThat(workbook.getNumberOfSheets()).as("sheets").isEqualTo(1);
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo(TemplateWorkbook.SHEET);
            int width = sheet.getRow(0).getLastCellNum();
            List<List<String>> rows = new ArrayList<>();
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                assertThat(row).as("row %d", r + 1).isNotNull();
                assertThat((int) row.getLastCellNum()).as("cells of row %d", r + 1).isLessThanOrEqualTo(width);
                List<String> cells = new ArrayList<>(width);
                for (int c = 0; c < width; c++) {
                    Cell cell = row.getCell(c);
                    if (cell != null && cell.getCellType() != CellType.BLANK) {
                        assertThat(cell.getCellType()).as("cell %s", cell.getAddress()).isEqualTo(CellType.STRING);
                        assertThat(cell.getCellStyle().getDataFormatString()).as("format of %s", cell.getAddress())
                                .isEqualTo("@");
                    }
                    cells.add(cell == null ? "" : cell.getStringCellValue());
                }
                rows.add(cells);
            }
            return rows;
        } catch (IOException | org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            throw new AssertionError("not a workbook POI opens: " + file, e);
        }
    }

    /**
     * What a person opening the workbook sees of its layout: the header row bold and frozen, each
     * column formatted as Text and as wide as its longest cell (in characters, within Excel's 8..60).
     */
    public static void assertLayout(Path file) {
        List<List<String>> rows = cells(file);
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
                XSSFWorkbook workbook = new XSSFWorkbook(pkg)) {
            Sheet sheet = workbook.getSheetAt(0);
            PaneInformation pane = sheet.getPaneInformation();
            assertThat(pane).as("a frozen pane").isNotNull();
            assertThat(pane.isFreezePane()).isTrue();
            assertThat(pane.getHorizontalSplitPosition()).as("rows frozen").isEqualTo((short) 1);
            assertThat(pane.getVerticalSplitPosition()).as("columns frozen").isEqualTo((short) 0);
            for (int c = 0; c < rows.get(0).size(); c++) {
                assertThat(workbook.getFontAt(sheet.getRow(0).getCell(c).getCellStyle().getFontIndex()).getBold())
                        .as("header cell %d bold", c).isTrue();
                assertThat(sheet.getColumnStyle(c).getDataFormatString()).as("column %d formatted as Text", c)
                        .isEqualTo("@");
                int longest = 0;
                for (List<String> row : rows) {
                    longest = Math.max(longest, TemplateWorkbook.longestLine(row.get(c)));
                }
                double width = sheet.getColumnWidth(c) / 256.0;
                assertThat(width).as("width of column %d (longest %d)", c, longest)
                        .isGreaterThanOrEqualTo(Math.min(60, longest)).isLessThanOrEqualTo(Math.max(8, longest * 1.15 + 3));
            }
        } catch (IOException | org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            throw new AssertionError("not a workbook POI opens: " + file, e);
        }
    }
}
