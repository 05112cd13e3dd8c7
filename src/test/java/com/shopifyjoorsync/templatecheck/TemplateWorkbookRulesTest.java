package com.shopifyjoorsync.templatecheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.shopifyjoorsync.dataservices.TemplateColumns;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hand-filled template saved as an Excel workbook (made here with Apache POI, as a spreadsheet
 * saves it): the same rules and the same row and column messages as a CSV file, and what only a
 * workbook can get wrong (a formula, a code typed as a number).
 */
class TemplateWorkbookRulesTest {
    private static final String HEADER = String.join(",", TemplateColumns.NAMES) + "\r\n";
    private static final String CLEAN_ROW = "TS-1,Atelier Nord,12 Main Street,,Portland,OR,97205,US,"
            + "buyer@atelier-nord.example,(503) 555-0100,Ana Berg,USD,Wholesale USD\r\n";
    private static final TemplateRules RULES = new TemplateRules("Wholesale USD");

    /** A formula cell, as typed: =A1&B1. */
    private record Formula(String text) {
    }

    @TempDir
    Path dir;

    /** Rows by spreadsheet number (1 = header); a null row is a row never typed in; cells: String, Double, Formula. */
    private Path workbook(List<List<Object>> rows) throws Exception {
        Path file = Files.createTempFile(dir, "template", ".xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            workbook.createSheet("Instructions").createRow(0).createCell(0).setCellValue("Fill in the Template tab");
            Sheet sheet = workbook.createSheet("Template");
            for (int r = 0; r < rows.size(); r++) {
                if (rows.get(r) == null) {
                    continue;
                }
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    Object value = rows.get(r).get(c);
                    if (value instanceof String text && !text.isEmpty()) {
                        row.createCell(c).setCellValue(text);
                    } else if (value instanceof Double number) {
                        row.createCell(c).setCellValue(number);
                    } else if (value instanceof Formula formula) {
                        row.createCell(c).setCellFormula(formula.text());
                    }
                }
            }
            workbook.write(out);
        }
        return file;
    }

    private static List<List<Object>> rowsOf(String csv) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(csv, CSVFormat.DEFAULT)) {
            for (CSVRecord record : parser) {
                rows.add(new ArrayList<>(record.toList()));
            }
        }
        return rows;
    }

    private static List<String> lines(Path file) {
        return RULES.check(TemplateFile.read(file, ','), "USD", Set.of("706405506930370172")).shown().stream()
                .map(TemplateProblem::line).toList();
    }

    @Test
    void theSameProblemsAsTheCsvAtTheSameRowsAndColumns() throws Exception {
        String csv = HEADER
                + CLEAN_ROW
                + "TS-3,,,,   ,,,US,,,,USD,Wholesale USD\r\n"
                + "TS-4,Shop Four,1 Elm St,,Austin,,78701,US,four@shop.example,,,USD,Wholesale USD\r\n"
                + "TS-5,Shop Five,1 Elm St,,Austin,TX,78701,US,five@@shop,,,USD,Wholesale USD\r\n"
                + "TS-6,Shop Six,1 Elm St,,Austin,TX,78701,USA,six@shop.example,,,USD,Wholesale USD\r\n"
                + "TS-7,Shop Seven,1 Rue X,,Paris,,75001,FR,seven@shop.example,,,EUR,Wholesale EUR\r\n"
                + "TS-1,Shop Nine,1 Rue X,,Paris,,75001,FR,nine@shop.example,,,USD,Wholesale USD\r\n"
                + "706405506930370172,Shop Ten,1 Rue X,,Paris,,75001,FR,ten@shop.example,,,USD,Wholesale USD\r\n"
                + "TS-11,=HYPERLINK(\"\"),1 Rue X,,Paris,,75001,FR,el@shop.example,+33 1 55 55 01 00,,USD,Wholesale USD\r\n"
                + "Zoë-1,Librairie de Montréal,1 Rue X,,Montréal,QC,H2X 3K8,CA,mtl@shop.example,,,USD,Wholesale USD\r\n"
                + "東京-1,東京セレクト,渋谷1-2-3,,東京,JP-13,150-0002,JP,tokyo@shop.example,,,USD,Wholesale USD\r\n";
        Path csvFile = Files.writeString(dir.resolve("same.csv"), csv, StandardCharsets.UTF_8);

        List<String> fromCsv = lines(csvFile);
        List<String> fromWorkbook = lines(workbook(rowsOf(csv)));

        assertThat(fromCsv).hasSize(13);
        assertThat(fromWorkbook).isEqualTo(fromCsv);
        assertThat(fromWorkbook).contains("row 3, column B (Customer Name): empty, but mandatory",
                "row 8, column A (Customer Code): Customer Code 'TS-1' is also on row 2: every customer needs its own code");
    }

    @Test
    void aCodeTypedAsANumberThatLostDigitsIsNamedAndAFormulaIsReported() throws Exception {
        List<List<Object>> rows = rowsOf(HEADER + CLEAN_ROW + CLEAN_ROW + CLEAN_ROW + CLEAN_ROW);
        rows.get(1).set(0, 706405506930370958d);          // row 2: Excel kept 15 digits of it
        rows.get(1).set(6, 2134d);                        // its Zip, a number: read as the text it shows
        rows.get(2).set(0, 1001d);                        // row 3: a short number is exact
        rows.get(3).set(0, "TS-4");
        rows.get(3).set(1, new Formula("A4&\" Store\"")); // row 4: a formula
        rows.get(4).set(0, "TS-5");
        rows.add(2, null);                                // a row never typed in: the others keep their numbers
        Path file = workbook(rows);

        TemplateFile template = TemplateFile.read(file, ',');
        List<String> lines = lines(file);

        assertThat(template.isWorkbook()).isTrue();
        assertThat(template.rows()).isEqualTo(4);
        assertThat(lines).containsExactly(
                "row 2, column A (Customer Code): is a number cell holding 7.06405506930371E+17: the spreadsheet keeps "
                        + "15 digits of a number, so this code lost its last digits; format the column as Text and "
                        + "type the code again",
                "row 5, column B (Customer Name): is a formula (=A4&\" Store\"): Data Services takes values, not "
                        + "formulas; copy the cells and paste them as values",
                "row 5, column B (Customer Name): empty, but mandatory");
        List<TemplateFile.Row> read = new ArrayList<>();
        template.eachRow(read::add);
        assertThat(read).extracting(TemplateFile.Row::number).containsExactly(2, 4, 5, 6);
        assertThat(read.get(0).cell(6)).isEqualTo("2134");
        assertThat(read.get(1).cell(0)).isEqualTo("1001");
    }

    @Test
    void whatIsNoReadableWorkbookIsSaid() throws Exception {
        Path xls = Files.write(dir.resolve("old.xls"), new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0,
                (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0});
        Path zip = dir.resolve("notes.xlsx");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("notes.txt"));
            out.write("hello".getBytes(StandardCharsets.UTF_8));
        }
        Path empty = workbook(List.of());
        Path pasted = workbook(List.of(List.of(HEADER.strip()), List.of(CLEAN_ROW.strip())));

        assertThat(lines(xls)).singleElement().asString().startsWith("file: this is an Excel 97-2003 workbook (.xls)");
        assertThat(lines(zip)).singleElement().asString().startsWith("file: the workbook cannot be read (")
                .endsWith("save it again as Excel Workbook (.xlsx) or as CSV UTF-8");
        assertThat(lines(empty)).singleElement().asString().startsWith("file: the workbook is empty");
        assertThat(lines(pasted)).singleElement().asString().startsWith("row 1: the header row is one cell holding "
                + "the whole line");
    }
}
