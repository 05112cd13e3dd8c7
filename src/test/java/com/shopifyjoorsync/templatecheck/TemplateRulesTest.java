package com.shopifyjoorsync.templatecheck;

import com.shopifyjoorsync.dataservices.TemplateColumns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks a hand-filled template goes through, each reported at its row and column. */
class TemplateRulesTest {
    private static final String HEADER = "Customer Code,Customer Name,Address 1,Address 2,City,State,Zip,Country,"
            + "Email,Phone,Buyer Name,Price Currency,Price Label\r\n";
    private static final String CLEAN_ROW = "TS-1,Atelier Nord,12 Main Street,,Portland,OR,97205,US,"
            + "buyer@atelier-nord.example,(503) 555-0100,Ana Berg,USD,Wholesale USD\r\n";
    private static final TemplateRules RULES = new TemplateRules("Wholesale USD");

    @TempDir
    Path dir;

    private List<TemplateProblem> check(String text, Set<String> shopifyIds) {
        return check(text.getBytes(StandardCharsets.UTF_8), ',', shopifyIds);
    }

    private List<TemplateProblem> check(byte[] content, char delimiter, Set<String> shopifyIds) {
        return problems(content, delimiter, shopifyIds).shown();
    }

    private TemplateProblems problems(byte[] content, char delimiter, Set<String> shopifyIds) {
        try {
            Path file = Files.write(Files.createTempFile(dir, "template", ".csv"), content);
            return RULES.check(TemplateFile.read(file, delimiter), "USD", shopifyIds);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** "row:column letter" of each problem, for compact assertions. */
    private static List<String> where(List<TemplateProblem> problems) {
        return problems.stream().map(p -> p.row() + ":" + (p.column() < 0 ? "-" : TemplateProblem.letter(p.column())))
                .toList();
    }

    @Test
    void theBlankTemplateAndACleanFileHaveNoProblem() {
        assertThat(check(new String(BlankTemplate.content(',', TemplateColumns.NAMES), StandardCharsets.UTF_8), Set.of())).isEmpty();
        assertThat(check(HEADER + CLEAN_ROW, Set.of())).isEmpty();
        assertThat(check(HEADER + CLEAN_ROW.replace("OR,97205,US", ",75001,FR"), Set.of()))
                .as("State is optional outside US, CA, AU, JP").isEmpty();
    }

    @Test
    void everyKindOfProblemIsReportedAtItsRowAndColumn() {
        String file = HEADER
                + CLEAN_ROW                                                                                  // row 2
                + "TS-3,,,,   ,,,US,,,,USD,Wholesale USD\r\n"                                              // row 3
                + "TS-4,Shop Four,1 Elm St,,Austin,,78701,US,four@shop.example,,,USD,Wholesale USD\r\n"     // row 4
                + "TS-5,Shop Five,1 Elm St,,Austin,TX,78701,US,five@@shop,,,USD,Wholesale USD\r\n"          // row 5
                + "TS-6,Shop Six,1 Elm St,,Austin,TX,78701,USA,six@shop.example,,,USD,Wholesale USD\r\n"    // row 6
                + "TS-7,Shop Seven,1 Rue X,,Paris,,75001,FR,seven@shop.example,,,EUR,Wholesale EUR\r\n"     // row 7
                + "TS-8,Shop Eight,1 Rue X,,Paris,,75001,FR,eight@shop.example,,,USD,Retail USD\r\n"        // row 8
                + "TS-1,Shop Nine,1 Rue X,,Paris,,75001,FR,nine@shop.example,,,USD,Wholesale USD\r\n"       // row 9
                + "706405506930370172,Shop Ten,1 Rue X,,Paris,,75001,FR,ten@shop.example,,,USD,Wholesale USD\r\n"
                + "TS-11,\"=HYPERLINK(\"\"https://x.example\"\")\",1 Rue X,,Paris,,75001,FR,el@shop.example,"
                + "+33 1 55 55 01 00,,USD,Wholesale USD\r\n"                                                // row 11
                + ",,,,,,,,,,,,\r\n"                                                                         // row 12
                + "7.06406E+17,Shop Thirteen,1 Rue X,,Paris,,75001,FR,th@shop.example,,,USD,Wholesale USD\r\n";

        List<TemplateProblem> problems = check(file, Set.of("706405506930370172"));

        assertThat(where(problems)).containsExactly(
                "3:B", "3:C", "3:E", "3:F", "3:I",   // mandatory cells empty (State because the country is US)
                "4:F",                               // State empty for a US customer
                "5:I",                               // malformed email
                "6:H",                               // not an ISO code
                "7:L",                               // another currency (and its label)
                "8:M",                               // the right currency with another price label
                "9:A",                               // duplicate Customer Code
                "10:A",                              // the code of a Shopify customer
                "11:B", "11:J",                      // formulas: '=' and '+'
                "12:-",                              // empty row
                "13:A");                             // a code the spreadsheet turned into a number
        assertThat(problems.get(0).line()).isEqualTo("row 3, column B (Customer Name): empty, but mandatory");
        assertThat(problems.get(3).line()).isEqualTo("row 3, column F (State): empty, but mandatory for customers in US");
        assertThat(problems).filteredOn(p -> p.row() == 5).singleElement().extracting(TemplateProblem::line)
                .asString().contains("'five@@shop' is not an email address");
        assertThat(problems).filteredOn(p -> p.row() == 6).singleElement().extracting(TemplateProblem::line)
                .asString().contains("'USA' is not a country code", "'US'");
        assertThat(problems).filteredOn(p -> p.row() == 7).singleElement().extracting(TemplateProblem::line)
                .asString().contains("'EUR' with 'Wholesale EUR'", "'USD' with 'Wholesale USD'");
        assertThat(problems).filteredOn(p -> p.row() == 9).singleElement().extracting(TemplateProblem::line)
                .asString().contains("'TS-1' is also on row 2");
        assertThat(problems).filteredOn(p -> p.row() == 10).singleElement().extracting(TemplateProblem::line)
                .asString().contains("706405506930370172 is the id of a customer in Shopify");
        assertThat(problems).filteredOn(p -> p.row() == 11).extracting(TemplateProblem::line)
                .anySatisfy(l -> assertThat(l).startsWith("row 11, column J (Phone): starts with '+'"));
        assertThat(problems).filteredOn(p -> p.row() == 12).singleElement().extracting(TemplateProblem::line)
                .isEqualTo("row 12: the row is empty: delete it");
    }

    @Test
    void aCellStartingWithATabOrAtSignIsAFormulaToo() {
        String file = HEADER + CLEAN_ROW.replace("Ana Berg", "\"\tAna\"").replace("12 Main Street", "@Main");

        assertThat(where(check(file, Set.of()))).containsExactly("2:C", "2:K");
    }

    @Test
    void aFileThatIsNotUtf8IsReportedWhereTheFirstBadByteIs() {
        byte[] latin1 = (HEADER + CLEAN_ROW + CLEAN_ROW.replace("Portland", "Montréal").replace("TS-1", "TS-2"))
                .getBytes(StandardCharsets.ISO_8859_1);

        List<TemplateProblem> problems = check(latin1, ',', Set.of());

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.row()).isEqualTo(3);
            assertThat(p.name()).isEqualTo("City");
            assertThat(p.line()).startsWith("row 3, column E (City): the file is not UTF-8 (byte 0xE9 here)");
        });
    }

    @Test
    void anotherDelimiterIsNamed() {
        String semicolons = (HEADER + CLEAN_ROW).replace(',', ';');

        assertThat(check(semicolons, Set.of())).singleElement().extracting(TemplateProblem::line).asString()
                .startsWith("row 1: the cells are separated by semicolons (;), but Data Services gets files "
                        + "separated by commas (,)");
        assertThat(check(semicolons.replace(';', '|').getBytes(StandardCharsets.UTF_8), '|', Set.of()))
                .as("the same file with the configured pipe").isEmpty();
    }

    @Test
    void aMissingOrWrongHeaderIsReported() {
        assertThat(check(CLEAN_ROW + CLEAN_ROW, Set.of())).singleElement().extracting(TemplateProblem::line).asString()
                .startsWith("row 1: the header row is missing");
        assertThat(where(check(HEADER.replace("Customer Name", "Name").replace(",Price Label", "") + CLEAN_ROW, Set.of())))
                .containsExactly("1:B", "1:M");
        assertThat(check("", Set.of())).singleElement().extracting(TemplateProblem::line).asString()
                .startsWith("file: the file is empty");
    }

    @Test
    void extraColumnsAfterTheTemplatesAreAllowedButTheirCellsAreChecked() {
        String file = HEADER.replace("Price Label", "Price Label,Sales Rep") + CLEAN_ROW.replace("Wholesale USD",
                "Wholesale USD,-Jo");

        assertThat(check(file, Set.of())).singleElement().satisfies(p -> {
            assertThat(p.line()).startsWith("row 2, column N (Sales Rep): starts with '-'");
        });
    }

    @Test
    void rowNumbersAreTheSpreadsheetsEvenWithALineBreakInACell() {
        String file = HEADER + CLEAN_ROW.replace(",,Portland", ",\"Floor 2\r\nBack door\",Portland")
                + CLEAN_ROW.replace("TS-1", "TS-2").replace("buyer@atelier-nord.example", "nope");

        assertThat(where(check(file, Set.of()))).containsExactly("3:I");
    }

    @Test
    void excelsByteOrderMarkIsAccepted() {
        byte[] withBom = ("\uFEFF" + HEADER + CLEAN_ROW).getBytes(StandardCharsets.UTF_8);

        assertThat(check(withBom, ',', Set.of())).isEmpty();
    }

    @Test
    void anUnclosedQuoteStopsTheCheck() {
        assertThat(check(HEADER + CLEAN_ROW.replace("Atelier Nord", "\"Atelier Nord"), Set.of())).singleElement()
                .extracting(TemplateProblem::line).asString().startsWith("file: a quote (\") opens a cell");
    }

    @Test
    void aFormulaInTheHeaderRowIsAProblemLikeInAnyCell() {
        String file = HEADER.replace("Price Label", "Price Label,\"=HYPERLINK(\"\"https://x.example\"\")\"")
                + CLEAN_ROW.replace("Wholesale USD", "Wholesale USD,notes");

        assertThat(check(file, Set.of())).singleElement().extracting(TemplateProblem::line).asString()
                .startsWith("row 1, column N (=HYPERLINK(\"https://x.example\")): starts with '='");
    }

    @Test
    void aControlCharacterOrABidirectionalOverrideIsAProblemWhereverItIs() {
        String file = HEADER.replace("Price Label", "Price Label,Not\u0000es")
                + CLEAN_ROW.replace("Atelier Nord", "Atelier \u202EdroN").replace("Wholesale USD", "Wholesale USD,x")
                + CLEAN_ROW.replace("TS-1", "TS-2").replace("Portland", "Port\u001Bland");

        List<TemplateProblem> problems = check(file, Set.of());

        assertThat(where(problems)).containsExactly("1:N", "2:B", "3:E");
        assertThat(problems.get(1).line()).isEqualTo("row 2, column B (Customer Name): holds U+202E RIGHT-TO-LEFT "
                + "OVERRIDE (character 9), an invisible control character that changes how the text shows or is "
                + "read: delete it (retype the cell)");
        assertThat(problems.get(0).line()).contains("U+0000 NULL");
    }

    @Test
    void theFirstProblemsAreListedAndTheRestCounted() {
        StringBuilder file = new StringBuilder(HEADER);
        for (int i = 0; i < 250; i++) {
            file.append(CLEAN_ROW.replace("TS-1", "TS-" + i).replace("buyer@atelier-nord.example", "nope"));
        }

        TemplateProblems problems = problems(file.toString().getBytes(StandardCharsets.UTF_8), ',', Set.of());

        assertThat(problems.total()).isEqualTo(250);
        assertThat(problems.shown()).hasSize(TemplateProblems.SHOWN);
        assertThat(where(problems.shown()).get(TemplateProblems.SHOWN - 1)).isEqualTo((TemplateProblems.SHOWN + 1) + ":I");
    }

    @Test
    void spreadsheetColumnLetters() {
        assertThat(TemplateProblem.letter(0)).isEqualTo("A");
        assertThat(TemplateProblem.letter(12)).isEqualTo("M");
        assertThat(TemplateProblem.letter(25)).isEqualTo("Z");
        assertThat(TemplateProblem.letter(26)).isEqualTo("AA");
    }
}
