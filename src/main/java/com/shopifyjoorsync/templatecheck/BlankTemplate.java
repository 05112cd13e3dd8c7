package com.shopifyjoorsync.templatecheck;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import com.shopifyjoorsync.dataservices.TemplateColumns;
import com.shopifyjoorsync.dataservices.TemplateFormat;

import org.apache.commons.csv.CSVPrinter;

/**
 * An empty Customer Data Template for people to fill in: the header row exactly as the sync writes
 * it (same columns, order, delimiter, UTF-8), and no rows.
 */
public final class BlankTemplate {
    private BlankTemplate() {
    }

    /** The header alone: the contract columns, then the optional ones the customer mapping adds. */
    public static byte[] content(char delimiter, List<String> columns) {
        StringWriter text = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(text, TemplateFormat.writing(delimiter))) {
            printer.printRecord(columns);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes the blank template to {@code file}. An existing blank template is left as it is; any other
     * existing file is refused, because it may be a template someone has started filling in.
     *
     * @return false when the same blank template was already there
     * @throws FileAlreadyExistsException when another file is in the way
     */
    public static boolean write(Path file, char delimiter, List<String> columns) throws IOException {
        byte[] blank = content(delimiter, columns);
        if (Files.exists(file)) {
            if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), blank)) {
                return false;
            }
            throw new FileAlreadyExistsException(file.toString(), null, "a file is already there and it is not a "
                    + "blank template (it may be one someone is filling in)");
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path partial = Files.createTempFile(parent, ".inprogress-", ".csv");
        try {
            Files.write(partial, blank);
            Files.move(partial, file);
        } finally {
            Files.deleteIfExists(partial);
        }
        return true;
    }
}
