package com.shopifyjoorsync.dataservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workbook Data Services receives, read back with Apache POI. */
class TemplateWorkbookTest {
    private static final List<String> COLUMNS = new ArrayList<>(TemplateColumns.NAMES);

    static {
        COLUMNS.add("Sales Rep");
    }

    @TempDir
    Path dir;

    private Path workingFile(char delimiter, List<List<String>> rows) throws Exception {
        Path csv = dir.resolve("template-c1.csv");
        try (CSVPrinter printer = new CSVPrinter(Files.newBufferedWriter(csv), TemplateFormat.writing(delimiter))) {
            printer.printRecord(COLUMNS);
            for (List<String> row : rows) {
                printer.printRecord(row);
            }
        }
        return csv;
    }

    @Test
    void everyCellIsTextInTheTemplatesColumnsAndNothingIsAFormula() throws Exception {
        List<List<String>> rows = List.of(
                List.of("706405506930370958", "Zoë's Boutique", "1 Main St", "", "Boston", "MA", "02134", "US",
                        "zoe@example.com", "'+1 617 555 0100", "Zoë Šimůnková", "USD", "Wholesale USD", "R-7"),
                List.of("706405506930370959", "Librairie de Montréal", "12 rue Saint-Denis", "Suite 4\nBack door",
                        "Montréal", "QC", "H2X 3K8", "CA", "mtl@example.com", "", "", "USD", "Wholesale USD", ""),
                List.of("706405506930370960", "東京セレクトショップ", "渋谷1-2-3", "", "東京", "JP-13", "150-0002", "JP",
                        "tokyo@example.com", "0081 3 5555 0100", "山田 花子", "USD", "Wholesale USD", ""),
                // as the working file holds them: neutralised, and one that is not (never a formula either)
                List.of("000123", "'=HYPERLINK(\"https://x.example\")", "'@SUM(A1)", "", "Austin", "TX", "1.50E+3",
                        "US", "a@example.com", "'-5", "", "USD", "Wholesale USD", "=1+1"));
        Path csv = workingFile(',', rows);
        Path xlsx = dir.resolve("template-c1.xlsx");

        TemplateWorkbook.fromCsv(csv, ',', xlsx);

        List<List<String>> cells = TemplateSheets.cells(xlsx);
        assertThat(cells.get(0)).isEqualTo(COLUMNS);
        assertThat(cells.subList(1, cells.size())).isEqualTo(rows);
        assertThat(cells.get(1).get(0)).isEqualTo("706405506930370958");
        assertThat(cells.get(1).get(6)).isEqualTo("02134");
        assertThat(cells.get(4).get(13)).isEqualTo("=1+1");
        // what the CSV holds, cell for cell
        assertThat(TemplateSheets.records(xlsx)).map(CSVRecord::toList)
                .isEqualTo(TemplateSheets.records(csv).stream().map(CSVRecord::toList).toList());
        TemplateSheets.assertLayout(xlsx);
    }

    @Test
    void thePipeDelimitedWorkingFileGivesTheSameWorkbook() throws Exception {
        List<List<String>> rows = List.of(List.of("1", "A|B Store", "1 Main St", "", "Boston", "MA", "02134", "US",
                "a@example.com", "", "", "USD", "Wholesale USD", ""));
        Path csv = workingFile('|', rows);
        Path xlsx = dir.resolve("t.xlsx");

        TemplateWorkbook.fromCsv(csv, '|', xlsx);

        assertThat(TemplateSheets.cells(xlsx).subList(1, 2)).isEqualTo(rows);
    }

    @Test
    void theBlankWorkbookIsTheHeaderAloneEveryColumnText() throws Exception {
        Path xlsx = dir.resolve("blank.xlsx");
        try (OutputStream out = Files.newOutputStream(xlsx)) {
            TemplateWorkbook.blank(out, COLUMNS);
        }

        assertThat(TemplateSheets.cells(xlsx)).containsExactly(COLUMNS);
        TemplateSheets.assertLayout(xlsx);
    }

    @Test
    void wideCharactersCountTwice() {
        assertThat(TemplateWorkbook.longestLine("東京")).isEqualTo(4);
        assertThat(TemplateWorkbook.longestLine("Zoë")).isEqualTo(3);
        assertThat(TemplateWorkbook.longestLine("Suite 4\nBack door")).isEqualTo(9);
    }
}
