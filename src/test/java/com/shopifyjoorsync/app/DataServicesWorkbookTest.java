package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import com.shopifyjoorsync.dataservices.TemplateSheets;
import com.shopifyjoorsync.sandbox.DemoData;
import com.shopifyjoorsync.sandbox.SandboxCustomer;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * data-services.format=xlsx (the default): a cycle delivers JOOR's workbook to the file endpoint,
 * each cell what the CSV of the same cycle holds, read back with Apache POI.
 */
class DataServicesWorkbookTest {
    private static final String TOKYO_CODE = "706405506930399301";

    private static SandboxHarness harness(Path dir) {
        SandboxHarness sandbox = new SandboxHarness(dir, DemoData.demo());
        SandboxCustomer tokyo = new SandboxCustomer(Long.parseLong(TOKYO_CODE)).setFirstName("花子").setLastName("山田")
                .setEmail("hanako@tokyo-select.example").setTags("JOOR");
        tokyo.setDefaultAddress(CustomerSyncTest.address("東京セレクト", "渋谷1-2-3", "東京", "JP-13", "JP", "150-0002"));
        sandbox.shopify.put(tokyo);
        return sandbox;
    }

    private static List<List<String>> sortedRows(List<CSVRecord> records) {
        return records.subList(1, records.size()).stream().map(CSVRecord::toList)
                .sorted(Comparator.comparing((List<String> r) -> r.get(0))).toList();
    }

    @Test
    void aCycleDeliversTheWorkbookWithTheCellsTheCsvWouldHold(@TempDir Path csvDir, @TempDir Path xlsxDir)
            throws Exception {
        List<CSVRecord> csv;
        try (SandboxHarness sandbox = harness(csvDir)) {
            sandbox.settings.put("data-services.format", "csv");
            assertThat(sandbox.runOnce().failed()).isFalse();
            Path file = sandbox.templateFiles().get(0);
            assertThat(TemplateSheets.isWorkbook(file)).isFalse();
            csv = SandboxHarness.parse(file);
        }

        try (SandboxHarness sandbox = harness(xlsxDir)) {
            SyncApplication.CycleResult result = sandbox.runOnce();

            assertThat(result.failed()).as(result.summary()).isFalse();
            assertThat(sandbox.templateFiles()).singleElement().satisfies(file -> {
                assertThat(file.getFileName().toString()).matches("customer-data-template-.+\\.xlsx");
                assertThat(TemplateSheets.isWorkbook(file)).isTrue();
                List<List<String>> cells = TemplateSheets.cells(file); // text cells only, no formula
                assertThat(cells.get(0)).isEqualTo(csv.get(0).toList());
                List<CSVRecord> workbook = SandboxHarness.parse(file);
                assertThat(sortedRows(workbook)).hasSize(csv.size() - 1).isEqualTo(sortedRows(csv));
                assertThat(workbook).extracting(r -> r.get(0))
                        .contains(TOKYO_CODE, Long.toString(DemoData.NON_ASCII_ID));
                assertThat(workbook).anySatisfy(r -> assertThat(r.toList()).contains("東京", "東京セレクト"))
                        .anySatisfy(r -> assertThat(r.get(1)).contains("Zürich"))
                        .anySatisfy(r -> assertThat(r.get(4)).isEqualTo("Montréal"))
                        .anySatisfy(r -> assertThat(r.get(6)).startsWith("0").hasSize(5))
                        .anySatisfy(r -> assertThat(r.get(1)).startsWith("'="));
                TemplateSheets.assertLayout(file);
            });
            // the working files went with the delivery
            assertThat(SandboxHarness.list(xlsxDir.resolve("work"))).noneMatch(f -> f.getFileName().toString()
                    .startsWith("template-"));
        }
    }
}
