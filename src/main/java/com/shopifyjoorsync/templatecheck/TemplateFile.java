package com.shopifyjoorsync.templatecheck;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import com.shopifyjoorsync.dataservices.TemplateColumns;
import com.shopifyjoorsync.dataservices.TemplateFormat;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;

/**
 * A hand-filled Customer Data Template, a CSV file or an Excel workbook (.xlsx, told by its content),
 * read as a stream (a file of any size is checked in a fixed amount of memory): its header, how many
 * rows it has, and the problems that stop it being read at all (not UTF-8, another delimiter, a wrong
 * header, a quote never closed, a workbook that cannot be opened). When those exist the rows are not
 * checked: every column would be misread. The rows themselves are read again, one at a time, by
 * {@link #eachRow}.
 */
public final class TemplateFile {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final char[] OTHER_DELIMITERS = {',', ';', '|', '\t'};
    private static final int CHUNK = 64 * 1024;
    /** Enough of the first line to tell its delimiter. */
    private static final int FIRST_LINE = 64 * 1024;

    private final Path path;
    private final char delimiter;
    private final boolean workbook;
    private final List<String> header;
    private final int rows;
    private final List<TemplateProblem> unreadable;

    /**
     * One data row: its spreadsheet row number, its cells as text (as many as the file has), and what
     * reading them found wrong (a workbook's formula, a number cell that lost digits).
     */
    public record Row(int number, List<String> cells, List<TemplateProblem> problems) {
        public Row(int number, List<String> cells) {
            this(number, cells, List.of());
        }

        /** The cell at {@code column}, "" when the row is shorter. */
        public String cell(int column) {
            return column < cells.size() ? cells.get(column) : "";
        }

        boolean blank() {
            return cells.stream().allMatch(String::isBlank);
        }
    }

    private TemplateFile(Path path, char delimiter, boolean workbook, List<String> header, int rows,
            List<TemplateProblem> unreadable) {
        this.path = path;
        this.delimiter = delimiter;
        this.workbook = workbook;
        this.header = List.copyOf(header);
        this.rows = rows;
        this.unreadable = List.copyOf(unreadable);
    }

    /**
     * Reads a file as a template: a workbook (its header and rows counted), else text with the
     * configured delimiter (whether it is UTF-8, its header, its rows counted). Bad content is a
     * problem, never an exception.
     *
     * @throws UncheckedIOException the file cannot be read at all
     */
    public static TemplateFile read(Path path, char delimiter) {
        try {
            byte[] start = new byte[8];
            try (InputStream in = Files.newInputStream(path)) {
                start = Arrays.copyOf(start, Math.max(0, in.readNBytes(start, 0, start.length)));
            }
            if (start.length == 8 && ReadableWorkbook.isOLE2Header(start)) {
                return new TemplateFile(path, delimiter, true, List.of(), 0, List.of(TemplateProblem.file("this is an "
                        + "Excel 97-2003 workbook (.xls): save it as Excel Workbook (.xlsx) or as CSV UTF-8")));
            }
            if (start.length == 8 && ReadableWorkbook.isOOXMLZipHeader(start)) {
                return TemplateSheet.read(path, delimiter);
            }
            TemplateProblem notText = utf8Problem(path, delimiter);
            if (notText != null) {
                return unreadable(path, delimiter, notText);
            }
            return parse(path, delimiter);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }

    private static TemplateFile unreadable(Path path, char delimiter, TemplateProblem problem) {
        return new TemplateFile(path, delimiter, false, List.of(), 0, List.of(problem));
    }

    /** A workbook's reading (see {@link TemplateSheet}). */
    static TemplateFile workbook(Path path, char delimiter, List<String> header, int rows,
            List<TemplateProblem> unreadable) {
        return new TemplateFile(path, delimiter, true, header, rows, unreadable);
    }

    /** True for an Excel workbook (.xlsx), false for a CSV file. */
    public boolean isWorkbook() {
        return workbook;
    }

    /** The file, unchanged: what is sent to Data Services when it is clean. */
    public Path path() {
        return path;
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

    /** How many rows follow the header (a last line break makes no row). */
    public int rows() {
        return rows;
    }

    /** Reads the rows again, one at a time, in order (none when the file is not readable). */
    public void eachRow(Consumer<Row> action) {
        if (!readable()) {
            return;
        }
        if (workbook) {
            TemplateSheet.eachRow(path, rows, action);
            return;
        }
        try (CSVParser parser = CSVParser.parse(reader(path), TemplateFormat.reading(delimiter))) {
            Iterator<CSVRecord> records = parser.iterator();
            records.next(); // the header
            for (int i = 0; i < rows && records.hasNext(); i++) {
                CSVRecord record = records.next();
                action.accept(new Row((int) record.getRecordNumber(), record.toList()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }

    /** The header checked, the rows counted, a quote never closed found (it would swallow the rest of the file). */
    private static TemplateFile parse(Path path, char delimiter) throws IOException {
        String firstLine = firstLine(path);
        try (CSVParser parser = CSVParser.parse(reader(path), TemplateFormat.reading(delimiter))) {
            Iterator<CSVRecord> records = parser.iterator();
            List<String> header = records.next().toList();
            List<TemplateProblem> headerProblems = checkHeader(header, firstLine, delimiter);
            if (!headerProblems.isEmpty()) {
                return new TemplateFile(path, delimiter, false, header, 0, headerProblems);
            }
            int rows = 0;
            boolean lastBlank = false;
            while (records.hasNext()) {
                CSVRecord record = records.next();
                rows++;
                lastBlank = record.size() == 1 && record.get(0).isBlank();
            }
            // a file ending with a line break would otherwise end with a phantom empty row
            if (lastBlank && endsWithLineBreak(path)) {
                rows--;
            }
            return new TemplateFile(path, delimiter, false, header, rows, List.of());
        } catch (UncheckedIOException e) {
            return unreadable(path, delimiter, TemplateProblem.file("a quote (\") opens a cell that is never closed: "
                    + "check the quotes (" + e.getCause().getMessage() + ")"));
        }
    }

    /** The text after a byte-order mark (spreadsheets save "CSV UTF-8" with one), as UTF-8. */
    private static Reader reader(Path path) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(path), CHUNK);
        in.mark(BOM.length);
        byte[] start = in.readNBytes(BOM.length);
        if (!java.util.Arrays.equals(start, BOM)) {
            in.reset();
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), CHUNK);
    }

    private static String firstLine(Path path) throws IOException {
        StringBuilder line = new StringBuilder();
        try (Reader in = reader(path)) {
            for (int c = in.read(); c >= 0 && c != '\n' && line.length() < FIRST_LINE; c = in.read()) {
                line.append((char) c);
            }
        }
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
    }

    private static boolean endsWithLineBreak(Path path) throws IOException {
        try (var file = Files.newByteChannel(path)) {
            if (file.size() == 0) {
                return false;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            file.position(file.size() - 1).read(last);
            return last.get(0) == '\n';
        }
    }

    /**
     * Decodes the whole file as UTF-8, a chunk at a time: the first byte that is not UTF-8, where it
     * is (line and, counting delimiters, column); or that the file holds no text at all; else null.
     */
    private static TemplateProblem utf8Problem(Path path, char delimiter) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(CHUNK);
        CharBuffer out = CharBuffer.allocate(CHUNK);
        long consumed = 0;
        boolean text = false;
        boolean start = true;
        try (InputStream file = Files.newInputStream(path)) {
            boolean end = false;
            while (!end) {
                int read = file.read(in.array(), in.position(), in.remaining());
                end = read < 0;
                in.position(in.position() + Math.max(read, 0));
                in.flip();
                if (start && in.remaining() >= BOM.length && in.get(0) == BOM[0] && in.get(1) == BOM[1]
                        && in.get(2) == BOM[2]) {
                    in.position(BOM.length);
                    consumed = BOM.length;
                }
                start = false;
                int before = in.position();
                CoderResult result = decoder.decode(in, out, end);
                if (end && !result.isError()) {
                    result = decoder.flush(out);
                }
                consumed += in.position() - before;
                if (result.isError()) {
                    return notUtf8(path, delimiter, consumed);
                }
                out.flip();
                for (int i = 0; i < out.length() && !text; i++) {
                    text = !Character.isWhitespace(out.charAt(i));
                }
                out.clear();
                in.compact();
            }
        }
        if (!text) {
            return TemplateProblem.file("the file is empty: it needs the header row ("
                    + String.join(", ", TemplateColumns.NAMES) + ") and one row per customer");
        }
        return null;
    }

    /** The byte at {@code offset}, and its line and (counting delimiters) column. */
    private static TemplateProblem notUtf8(Path path, char delimiter, long offset) throws IOException {
        int line = 1;
        int column = 0;
        int bad;
        try (InputStream file = new BufferedInputStream(Files.newInputStream(path), CHUNK)) {
            for (long i = 0; i < offset; i++) {
                int b = file.read();
                if (b == '\n') {
                    line++;
                    column = 0;
                } else if (b == delimiter) {
                    column++;
                }
            }
            bad = file.read();
        }
        String name = column < TemplateColumns.NAMES.size() ? TemplateColumns.NAMES.get(column) : "";
        return TemplateProblem.cell(line, column, name, String.format(Locale.ROOT, "the file is not UTF-8 (byte 0x%02X "
                + "here): save it as \"CSV UTF-8\" (in Excel: File > Save As > CSV UTF-8)", bad & 0xFF));
    }

    static List<TemplateProblem> checkHeader(List<String> header, String firstLine, char delimiter) {
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
