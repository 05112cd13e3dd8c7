package com.shopifyjoorsync.templatecheck;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.shopifyjoorsync.dataservices.TemplateColumns;
import com.shopifyjoorsync.dataservices.TemplateFormat;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A hand-filled Customer Data Template as read: its bytes (sent unchanged when it is clean), its
 * rows, and the problems that stop it being read at all (not UTF-8, another delimiter, a wrong
 * header). When those exist the rows are not checked: every column would be misread.
 */
public final class TemplateFile {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final char[] OTHER_DELIMITERS = {',', ';', '|', '\t'};

    private final byte[] content;
    private final List<String> header;
    private final List<Row> rows;
    private final List<TemplateProblem> unreadable;

    /** One data row: its spreadsheet row number and its cells (as many as the file has). */
    public record Row(int number, List<String> cells) {
        /** The cell at {@code column}, "" when the row is shorter. */
        public String cell(int column) {
            return column < cells.size() ? cells.get(column) : "";
        }

        boolean blank() {
            return cells.stream().allMatch(String::isBlank);
        }
    }

    private TemplateFile(byte[] content, List<String> header, List<Row> rows, List<TemplateProblem> unreadable) {
        this.content = content;
        this.header = List.copyOf(header);
        this.rows = List.copyOf(rows);
        this.unreadable = List.copyOf(unreadable);
    }

    /** Reads a file's bytes as a template with the configured delimiter; never throws for bad content. */
    public static TemplateFile read(byte[] content, char delimiter) {
        byte[] bytes = content.clone();
        String text;
        try {
            text = decode(bytes);
        } catch (MalformedInputException e) {
            return unreadable(bytes, notUtf8(bytes, delimiter));
        } catch (CharacterCodingException e) {
            return unreadable(bytes, TemplateProblem.file("the file is not UTF-8 text: save it as \"CSV UTF-8\""));
        }
        if (text.isBlank()) {
            return unreadable(bytes, TemplateProblem.file("the file is empty: it needs the header row ("
                    + String.join(", ", TemplateColumns.NAMES) + ") and one row per customer"));
        }
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), TemplateFormat.reading(delimiter))) {
            records = parser.getRecords();
        } catch (IOException | UncheckedIOException e) {
            return unreadable(bytes, TemplateProblem.file("a quote (\") opens a cell that is never closed: "
                    + "check the quotes (" + e.getMessage() + ")"));
        }
        List<String> header = records.get(0).toList();
        List<TemplateProblem> headerProblems = checkHeader(header, firstLine(text), delimiter);
        if (!headerProblems.isEmpty()) {
            return new TemplateFile(bytes, header, List.of(), headerProblems);
        }
        List<Row> rows = new ArrayList<>();
        for (CSVRecord record : records.subList(1, records.size())) {
            rows.add(new Row((int) record.getRecordNumber(), record.toList()));
        }
        // a file ending with a line break would otherwise end with a phantom empty row
        if (!rows.isEmpty() && rows.get(rows.size() - 1).cells().size() == 1 && rows.get(rows.size() - 1).blank()
                && text.endsWith("\n")) {
            rows.remove(rows.size() - 1);
        }
        return new TemplateFile(bytes, header, rows, List.of());
    }

    private static TemplateFile unreadable(byte[] bytes, TemplateProblem problem) {
        return new TemplateFile(bytes, List.of(), List.of(), List.of(problem));
    }

    /** The bytes as read; what is sent to Data Services when the file is clean. */
    public byte[] content() {
        return content.clone();
    }

    /** False when the file cannot be read as a template at all (see {@link #unreadableProblems()}). */
    public boolean readable() {
        return unreadable.isEmpty();
    }

    public List<TemplateProblem> unreadableProblems() {
        return unreadable;
    }

    public List<String> header() {
        return header;
    }

    public List<Row> rows() {
        return rows;
    }

    /** Spreadsheets save "CSV UTF-8" with a byte-order mark: accepted, and not part of the first cell. */
    private static String decode(byte[] bytes) throws CharacterCodingException {
        int skip = startsWithBom(bytes) ? BOM.length : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return decoder.decode(ByteBuffer.wrap(bytes, skip, bytes.length - skip)).toString();
    }

    private static boolean startsWithBom(byte[] bytes) {
        return bytes.length >= 3 && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2];
    }

    /** Where the first byte that is not UTF-8 is: its line and (counting delimiters) its column. */
    private static TemplateProblem notUtf8(byte[] bytes, char delimiter) {
        int at = firstMalformedByte(bytes);
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = 0;
        for (int i = lineStart; i < at; i++) {
            if (bytes[i] == (byte) delimiter) {
                column++;
            }
        }
        String name = column < TemplateColumns.NAMES.size() ? TemplateColumns.NAMES.get(column) : "";
        return TemplateProblem.cell(line, column, name, String.format(Locale.ROOT, "the file is not UTF-8 (byte 0x%02X "
                + "here): save it as \"CSV UTF-8\" (in Excel: File > Save As > CSV UTF-8)", bytes[at] & 0xFF));
    }

    /** Offset of the first byte that is not UTF-8 (the decoder's exception does not say where). */
    private static int firstMalformedByte(byte[] bytes) {
        int skip = startsWithBom(bytes) ? BOM.length : 0;
        ByteBuffer in = ByteBuffer.wrap(bytes, skip, bytes.length - skip);
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in, CharBuffer.allocate(bytes.length), true);
        return Math.min(in.position(), bytes.length - 1);
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static List<TemplateProblem> checkHeader(List<String> header, String firstLine, char delimiter) {
        List<TemplateProblem> problems = new ArrayList<>();
        List<String> expected = TemplateColumns.NAMES;
        if (header.size() == 1) {
            for (char other : OTHER_DELIMITERS) {
                if (other != delimiter && firstLine.indexOf(other) >= 0) {
                    problems.add(TemplateProblem.wholeRow(1, "the cells are separated by " + describe(other)
                            + ", but Data Services gets files separated by " + describe(delimiter)
                            + " (data-services.delimiter): save the file again with " + describe(delimiter)));
                    return problems;
                }
            }
        }
        boolean anyKnown = header.stream().map(String::strip).anyMatch(expected::contains);
        if (!anyKnown) {
            problems.add(TemplateProblem.wholeRow(1, "the header row is missing: the first row must name the columns, "
                    + "in this order: " + String.join(", ", expected)));
            return problems;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (i >= header.size()) {
                problems.add(TemplateProblem.cell(1, i, expected.get(i), "this header is missing: the columns must be, "
                        + "in this order: " + String.join(", ", expected)));
            } else if (!header.get(i).strip().equals(expected.get(i))) {
                problems.add(TemplateProblem.cell(1, i, expected.get(i), "the header is '" + header.get(i)
                        + "' where the template has '" + expected.get(i) + "' (same names, same order; "
                        + "columns of your own may follow the last one)"));
            }
        }
        return problems;
    }

    static String describe(char delimiter) {
        return switch (delimiter) {
            case ',' -> "commas (,)";
            case ';' -> "semicolons (;)";
            case '|' -> "pipes (|)";
            case '\t' -> "tabs";
            default -> "'" + delimiter + "'";
        };
    }
}
