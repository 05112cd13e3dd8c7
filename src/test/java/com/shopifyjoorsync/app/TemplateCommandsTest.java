package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import com.shopifyjoorsync.dataservices.TemplateColumns;
import com.shopifyjoorsync.dataservices.TemplateSheets;
import com.shopifyjoorsync.sandbox.DemoData;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --template-blank and --validate-template [--submit] as a user runs them, with the real configuration
 * against the sandbox Shopify store (its currency, its customers' ids).
 */
class TemplateCommandsTest {
    private static final String HEADER = "Customer Code,Customer Name,Address 1,Address 2,City,State,Zip,Country,"
            + "Email,Phone,Buyer Name,Price Currency,Price Label\r\n";

    @TempDir
    Path dir;
    SandboxHarness sandbox;

    @BeforeEach
    void start() {
        sandbox = new SandboxHarness(dir, DemoData.demo());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private Run launch(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Launcher.run(args, sandbox.settings, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path dataServices() {
        return dir.resolve("data-services");
    }

    private List<Path> everythingInDataServices() throws Exception {
        if (!Files.isDirectory(dataServices())) {
            return List.of();
        }
        try (var files = Files.list(dataServices())) {
            return files.toList();
        }
    }

    @Test
    void theBlankTemplateRoundTripsThroughTheValidator() {
        Path blank = dir.resolve("templates/blank.csv");

        Run written = launch("--template-blank", blank.toString());
        Run checked = launch("--validate-template", blank.toString());

        assertThat(written.exit()).as(written.err()).isZero();
        assertThat(written.out()).contains("Blank Customer Data Template written to " + blank.toAbsolutePath());
        assertThat(checked.exit()).as(checked.out() + checked.err()).isZero();
        assertThat(checked.lines()).containsExactly("blank.csv is clean (0 customers). Add --submit to send it to "
                + "JOOR Data Services.");
    }

    @Test
    void theBlankTemplateHasTheHeaderOfTheSyncsOwnFilesWithThePipeDelimiter() throws Exception {
        sandbox.settings.put("data-services.delimiter", "|");
        sandbox.settings.put("data-services.format", "csv");
        assertThat(sandbox.runOnce().failed()).isFalse();
        byte[] synced = Files.readAllBytes(sandbox.templateFiles().get(0));
        Path blank = dir.resolve("blank.csv");

        assertThat(launch("--template-blank", blank.toString()).exit()).isZero();

        byte[] header = Files.readAllBytes(blank);
        assertThat(Arrays.copyOf(synced, header.length)).isEqualTo(header);
        // the contract columns, then the optional ones the default mapping adds
        assertThat(new String(header, StandardCharsets.UTF_8)).isEqualTo(HEADER.replace(',', '|').replace("\r\n",
                "|Payment Method|Shipping Method|Sales Rep|Discount\r\n"));
    }

    @Test
    void aFileWithProblemsIsReportedLineByLineAndNotSent() throws Exception {
        String shopifyCustomer = Long.toString(DemoData.demoId(1));
        Path file = dir.resolve("tradeshow.csv");
        Files.writeString(file, HEADER
                + "TS-1,Atelier Nord,12 Main Street,,Portland,,97205,US,buyer@atelier-nord.example,,,USD,Wholesale USD\r\n"
                + shopifyCustomer + ",Shop Two,1 Rue X,,Paris,,75001,FR,two@shop.example,,,EUR,Wholesale EUR\r\n"
                + "TS-1,=cmd,1 Rue X,,Paris,,75001,France,three@shop,,,USD,Wholesale USD\r\n", StandardCharsets.UTF_8);

        Run run = launch("--validate-template", file.toString(), "--submit");

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.lines()).filteredOn(l -> l.startsWith("row ")).extracting(l -> l.substring(0, l.indexOf(':')))
                .containsExactly(
                        "row 2, column F (State)",
                        "row 3, column A (Customer Code)",
                        "row 3, column L (Price Currency)",
                        "row 4, column A (Customer Code)",
                        "row 4, column B (Customer Name)",
                        "row 4, column H (Country)",
                        "row 4, column I (Email)");
        assertThat(run.out()).contains("row 3, column A (Customer Code): Customer Code " + shopifyCustomer
                + " is the id of a customer in Shopify", "'EUR' with 'Wholesale EUR' is not the currency and price "
                + "label this shop loads into JOOR: 'USD' with 'Wholesale USD'", "'France' is not a country code: "
                + "write the two-letter ISO code, 'FR'");
        assertThat(run.lines().get(run.lines().size() - 1)).isEqualTo("7 problems in tradeshow.csv: fix them in the "
                + "spreadsheet, save it as CSV UTF-8 and run --validate-template again. Nothing was sent.");
        assertThat(everythingInDataServices()).isEmpty();
    }

    @Test
    void aCleanFileIsSentToDataServicesByteForByteUnderTheSyncsAtomicWrite() throws Exception {
        Path file = dir.resolve("tradeshow.csv");
        byte[] content = (HEADER
                + "TS-1,Atelier Nord,12 Main Street,,Portland,OR,97205,US,buyer@atelier-nord.example,,Ana Berg,USD,"
                + "Wholesale USD\r\n"
                + "TS-2,\"Maison Élégance, Zürich\",Bahnhofstrasse 42,3. Stock,Zürich,ZH,8001,CH,zoe@maison.example,"
                + "'+41 44 555 01 23,Zoë Šimůnková,USD,Wholesale USD\r\n").getBytes(StandardCharsets.UTF_8);
        Files.write(file, content);

        Run run = launch("--validate-template", file.toString(), "--submit");

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        List<Path> sent = everythingInDataServices();
        assertThat(sent).singleElement().satisfies(p -> {
            assertThat(p.getFileName().toString()).matches("customer-data-template-manual-\\d{8}-\\d{6}-\\d{3}-\\d{6}\\.csv");
            assertThat(Files.readAllBytes(p)).isEqualTo(content);
        });
        assertThat(run.lines()).containsExactly("tradeshow.csv is clean (2 customers) and was sent to JOOR Data "
                + "Services as " + sent.get(0).getFileName() + ".");
    }

    @Test
    void aSubmitNeverReplacesAFileAtTheEndpoint() throws Exception {
        Path first = dir.resolve("first.csv");
        Path second = dir.resolve("second.csv");
        String row = "TS-1,Atelier Nord,12 Main Street,,Portland,OR,97205,US,buyer@atelier-nord.example,,Ana Berg,USD,"
                + "Wholesale USD\r\n";
        Files.writeString(first, HEADER + row, StandardCharsets.UTF_8);
        Files.writeString(second, HEADER + row.replace("TS-1", "TS-2"), StandardCharsets.UTF_8);

        // one after the other, in the same second or not: two names
        assertThat(launch("--validate-template", first.toString(), "--submit").exit()).isZero();
        assertThat(launch("--validate-template", first.toString(), "--submit").exit()).isZero();
        assertThat(everythingInDataServices()).hasSize(2);

        // an endpoint that names every file the same: the file already there is kept, the submit fails
        Path fixed = dir.resolve("fixed");
        sandbox.settings.put("data-services.endpoint-uri", "file:" + fixed + "?fileName=customers.csv");
        assertThat(launch("--validate-template", first.toString(), "--submit").exit()).isZero();
        Run again = launch("--validate-template", second.toString(), "--submit");

        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("File already exist", fixed.resolve("customers.csv").toString());
        assertThat(Files.readString(fixed.resolve("customers.csv"), StandardCharsets.UTF_8)).contains("TS-1")
                .doesNotContain("TS-2");
    }

    @Test
    void aBlankTemplateToAFolderOrWhereNoFileCanBeWrittenSaysExactlyThat() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("templates"));
        Path aFile = Files.writeString(dir.resolve("notes.txt"), "not a folder");

        Run toFolder = launch("--template-blank", folder.toString());
        Run underAFile = launch("--template-blank", aFile.resolve("blank.csv").toString());

        assertThat(toFolder.exit()).isEqualTo(1);
        assertThat(toFolder.err()).isEqualTo(folder.toAbsolutePath() + ": this is a folder, not a file: name a file in "
                + "it, e.g. --template-blank " + folder.toAbsolutePath().resolve("customer-data-template.xlsx")
                + ". Nothing was written." + System.lineSeparator());
        assertThat(underAFile.exit()).isEqualTo(1);
        assertThat(underAFile.err()).startsWith(aFile.resolve("blank.csv").toAbsolutePath() + ": cannot be written: "
                + aFile.toAbsolutePath() + " is a file, not a folder");
        assertThat(Files.readString(aFile)).isEqualTo("not a folder");
        try (var files = Files.list(folder)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void aCleanFileWithoutCustomersIsNotSent() throws Exception {
        Path blank = dir.resolve("blank.csv");
        launch("--template-blank", blank.toString());

        Run run = launch("--validate-template", blank.toString(), "--submit");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("file: the file has no customer rows: nothing to send");
        assertThat(everythingInDataServices()).isEmpty();
    }

    @Test
    void aMissingFileOrAWrongCombinationStopsBeforeAnythingStarts() {
        Run missing = launch("--validate-template", dir.resolve("nope.csv").toString());
        Run submitAlone = launch("--submit");
        Run two = launch("--once", "--validate-template", "x.csv");
        Run noFile = launch("--validate-template");

        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("Cannot read " + dir.resolve("nope.csv"));
        assertThat(submitAlone.exit()).isEqualTo(2);
        assertThat(submitAlone.err()).contains("--submit goes with --validate-template FILE");
        assertThat(two.exit()).isEqualTo(2);
        assertThat(noFile.exit()).isEqualTo(2);
        assertThat(noFile.err()).contains("--validate-template needs the file to check");
    }

    @Test
    void aBadDelimiterSettingStopsTheBlankTemplate() {
        sandbox.settings.put("data-services.delimiter", ";;");

        Run run = launch("--template-blank", dir.resolve("blank.csv").toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("data-services.delimiter=;;");
        assertThat(dir.resolve("blank.csv")).doesNotExist();
    }

    /** A workbook as a spreadsheet saves it: a header row, then rows of cells (String: text, Double: a number). */
    private Path workbook(String name, List<List<Object>> rows) throws Exception {
        Path file = dir.resolve(name);
        try (XSSFWorkbook workbook = new XSSFWorkbook(); var out = Files.newOutputStream(file)) {
            var sheet = workbook.createSheet("Template");
            Row header = sheet.createRow(0);
            for (int c = 0; c < TemplateColumns.NAMES.size(); c++) {
                header.createCell(c).setCellValue(TemplateColumns.NAMES.get(c));
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 1);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    Object value = rows.get(r).get(c);
                    if (value instanceof Double number) {
                        row.createCell(c).setCellValue(number);
                    } else if (!value.toString().isEmpty()) {
                        row.createCell(c).setCellValue(value.toString());
                    }
                }
            }
            workbook.write(out);
        }
        return file;
    }

    @Test
    void theBlankWorkbookRoundTripsThroughTheValidator() throws Exception {
        Path blank = dir.resolve("templates/blank.xlsx");

        Run written = launch("--template-blank", blank.toString());
        Run checked = launch("--validate-template", blank.toString());

        assertThat(written.exit()).as(written.err()).isZero();
        assertThat(written.out()).contains("Blank Customer Data Template written to " + blank.toAbsolutePath(),
                "an Excel workbook, every cell formatted as Text");
        assertThat(TemplateSheets.cells(blank)).containsExactly(List.of("Customer Code", "Customer Name", "Address 1",
                "Address 2", "City", "State", "Zip", "Country", "Email", "Phone", "Buyer Name", "Price Currency",
                "Price Label", "Payment Method", "Shipping Method", "Sales Rep", "Discount"));
        assertThat(checked.exit()).as(checked.out() + checked.err()).isZero();
        assertThat(checked.lines()).containsExactly("blank.xlsx is clean (0 customers). Add --submit to send it to "
                + "JOOR Data Services.");
    }

    @Test
    void theFormatSettingChoosesTheBlankTemplateAndTheFileNameWins() {
        sandbox.settings.put("data-services.format", "csv");
        Path named = dir.resolve("named.xlsx");
        Path other = dir.resolve("other.txt");

        assertThat(launch("--template-blank", named.toString()).exit()).isZero();
        assertThat(launch("--template-blank", other.toString()).exit()).isZero();

        assertThat(TemplateSheets.isWorkbook(named)).isTrue();
        assertThat(TemplateSheets.isWorkbook(other)).isFalse();
        sandbox.settings.put("data-services.format", "ods");
        Run wrong = launch("--template-blank", dir.resolve("x.xlsx").toString());
        assertThat(wrong.exit()).isEqualTo(2);
        assertThat(wrong.err()).contains("data-services.format=ods must be 'xlsx' (the default");
    }

    @Test
    void aCleanWorkbookIsSentAsItWasSaved() throws Exception {
        Path file = workbook("tradeshow.xlsx", List.of(
                List.of("806405506930370958", "Zoë's Boutique", "1 Main St", "", "Boston", "MA", "02134", "US",
                        "zoe@example.com", "", "Zoë Šimůnková", "USD", "Wholesale USD"),
                List.of("TS-2", "Librairie de Montréal", "12 rue Saint-Denis", "", "Montréal", "QC", "H2X 3K8", "CA",
                        "mtl@example.com", "", "", "USD", "Wholesale USD"),
                List.of(1001d, "東京セレクト", "渋谷1-2-3", "", "東京", "JP-13", "150-0002", "JP",
                        "tokyo@example.com", "", "", "USD", "Wholesale USD")));
        byte[] saved = Files.readAllBytes(file);

        Run run = launch("--validate-template", file.toString(), "--submit");

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        List<Path> sent = everythingInDataServices();
        assertThat(sent).singleElement().satisfies(p -> {
            assertThat(p.getFileName().toString()).matches("customer-data-template-manual-\\d{8}-\\d{6}-\\d{3}-\\d{6}\\.xlsx");
            assertThat(Files.readAllBytes(p)).isEqualTo(saved);
        });
        assertThat(run.lines()).containsExactly("tradeshow.xlsx is clean (3 customers) and was sent to JOOR Data "
                + "Services as " + sent.get(0).getFileName() + ".");
    }

    @Test
    void aCodeTheSpreadsheetCutTo15DigitsIsNamedAndNothingIsSent() throws Exception {
        Path file = workbook("numbers.xlsx", List.of(
                List.of(706405506930370958d, "Zoë's Boutique", "1 Main St", "", "Boston", "MA", "02134", "US",
                        "zoe@example.com", "", "", "USD", "Wholesale USD")));

        Run run = launch("--validate-template", file.toString(), "--submit");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.lines()).containsExactly("row 2, column A (Customer Code): is a number cell holding "
                + "7.06405506930371E+17: the spreadsheet keeps 15 digits of a number, so this code lost its last "
                + "digits; format the column as Text and type the code again",
                "1 problem in numbers.xlsx: fix it in the spreadsheet, save it and run --validate-template again. "
                        + "Nothing was sent.");
        assertThat(everythingInDataServices()).isEmpty();
    }
}
