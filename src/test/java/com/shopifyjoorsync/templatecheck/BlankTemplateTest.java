package com.shopifyjoorsync.templatecheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.shopifyjoorsync.dataservices.TemplateColumns;

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

        assertThat(BlankTemplate.write(file, ',', TemplateColumns.NAMES)).isTrue();
        assertThat(BlankTemplate.write(file, ',', TemplateColumns.NAMES)).as("the same blank again: left alone").isFalse();
        Files.writeString(file, "Customer Code,...\r\n42,filled in\r\n");
        assertThatThrownBy(() -> BlankTemplate.write(file, ',', TemplateColumns.NAMES)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(file)).contains("filled in");
        try (var files = Files.list(file.getParent())) {
            assertThat(files.toList()).containsExactly(file);
        }
    }
}
