package com.shopifyjoorsync.templatecheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.shopifyjoorsync.dataservices.DataServicesFormat;
import com.shopifyjoorsync.dataservices.TemplateColumns;
import com.shopifyjoorsync.dataservices.TemplateSheets;

import org.apache.camel.Exchange;
import org.apache.camel.dataformat.csv.CsvDataFormat;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlankTemplateTest {
    @TempDir
    Path dir;

    /** What the template route's {@code marshal: csv: delimiter} step writes for the header record. */
    private static byte[] marshalledByCamelCsv(char delimiter) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.start();
            CsvDataFormat csv = new CsvDataFormat();
            csv.setDelimiter(delimiter);
            csv.start();
            Exchange exchange = new DefaultExchange(context);
            exchange.setProperty(Exchange.CHARSET_NAME, "UTF-8");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            csv.marshal(exchange, List.of(TemplateColumns.NAMES), out);
            return out.toByteArray();
        }
    }

    @Test
    void theBlankTemplateIsTheHeaderTheSyncWrites() throws Exception {
        assertThat(BlankTemplate.content(',', TemplateColumns.NAMES)).isEqualTo(marshalledByCamelCsv(','));
        assertThat(BlankTemplate.content('|', TemplateColumns.NAMES)).isEqualTo(marshalledByCamelCsv('|'));
        assertThat(new String(BlankTemplate.content('|', TemplateColumns.NAMES), "UTF-8")).startsWith("Customer Code|Customer Name|");
    }

    @Test
    void aFileSomeoneMayHaveFilledInIsNeverReplaced() throws Exception {
        Path file = dir.resolve("templates/customers.csv");

        assertThat(BlankTemplate.write(file, DataServicesFormat.CSV, ',', TemplateColumns.NAMES)).isTrue();
        assertThat(BlankTemplate.write(file, DataServicesFormat.CSV, ',', TemplateColumns.NAMES)).as("the same blank again: left alone").isFalse();
        Files.writeString(file, "Customer Code,...\r\n42,filled in\r\n");
        assertThatThrownBy(() -> BlankTemplate.write(file, DataServicesFormat.CSV, ',', TemplateColumns.NAMES)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(file)).contains("filled in");
        try (var files = Files.list(file.getParent())) {
            assertThat(files.toList()).containsExactly(file);
        }
    }

    @Test
    void aBlankWorkbookIsLeftAloneButAFilledInOneIsNeverReplaced() throws Exception {
        Path file = dir.resolve("templates/customers.xlsx");

        assertThat(BlankTemplate.write(file, DataServicesFormat.XLSX, ',', TemplateColumns.NAMES)).isTrue();
        assertThat(TemplateSheets.cells(file)).containsExactly(TemplateColumns.NAMES);
        TemplateSheets.assertLayout(file);
        byte[] blank = Files.readAllBytes(file);
        assertThat(BlankTemplate.write(file, DataServicesFormat.XLSX, ',', TemplateColumns.NAMES))
                .as("the same blank again: left alone").isFalse();
        assertThat(Files.readAllBytes(file)).isEqualTo(blank);

        try (org.apache.poi.xssf.usermodel.XSSFWorkbook filled = new org.apache.poi.xssf.usermodel.XSSFWorkbook()) {
            var sheet = filled.createSheet("Template");
            var header = sheet.createRow(0);
            for (int c = 0; c < TemplateColumns.NAMES.size(); c++) {
                header.createCell(c).setCellValue(TemplateColumns.NAMES.get(c));
            }
            sheet.createRow(1).createCell(0).setCellValue("TS-1");
            try (var out = Files.newOutputStream(file)) {
                filled.write(out);
            }
        }
        byte[] filledIn = Files.readAllBytes(file);
        assertThatThrownBy(() -> BlankTemplate.write(file, DataServicesFormat.XLSX, ',', TemplateColumns.NAMES))
                .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("--template-blank new.xlsx");
        assertThat(Files.readAllBytes(file)).isEqualTo(filledIn);
    }
}
