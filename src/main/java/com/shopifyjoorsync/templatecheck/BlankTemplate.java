package com.shopifyjoorsync.templatecheck;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import com.shopifyjoorsync.dataservices.DataServicesFormat;
import com.shopifyjoorsync.dataservices.TemplateColumns;
import com.shopifyjoorsync.dataservices.TemplateFormat;
import com.shopifyjoorsync.dataservices.TemplateWorkbook;

import org.apache.commons.csv.CSVPrinter;

/**
 * An empty Customer Data Template for people to fill in: the header row exactly as the sync writes
 * it (same columns, order; a workbook like the sync's, or CSV with its delimiter, UTF-8), and no rows.
 */
public final class BlankTemplate {
    private BlankTemplate() {
    }

    /** The header alone, as a workbook or as CSV. */
    public static byte[] content(DataServicesFormat format, char delimiter, List<String> columns) {
        if (format == DataServicesFormat.CSV) {
            return content(delimiter, columns);
        }
        ByteArrayOutputStream workbook = new ByteArrayOutputStream();
        try {
            TemplateWorkbook.blank(workbook, columns);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return workbook.toByteArray();
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
     * @throws FileSystemException saying exactly why nothing was written ({@link FileSystemException#getReason()}):
     *                             another file is in the way ({@link FileAlreadyExistsException}), the path is a
     *                             folder, or the file cannot be written there
     */
    public static boolean write(Path file, DataServicesFormat format, char delimiter, List<String> columns)
            throws FileSystemException {
        byte[] blank = content(format, delimiter, columns);
        Path target = file.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new FileSystemException(target.toString(), null, "this is a folder, not a file: name a file in it, "
                    + "e.g. --template-blank " + target.resolve("customer-data-template." + format.extension()));
        }
        if (Files.exists(target)) {
            if (format == DataServicesFormat.CSV ? isBlank(target, blank) : isBlankWorkbook(target, delimiter, columns)) {
                return false;
            }
            throw new FileAlreadyExistsException(target.toString(), null, "a file is already there and it is not a "
                    + "blank template (it may be one someone is filling in). Move it away, or name another file: "
                    + "--template-blank new." + format.extension());
        }
        Path parent = target.getParent();
        for (Path folder = parent; folder != null; folder = folder.getParent()) {
            if (Files.exists(folder) && !Files.isDirectory(folder)) {
                throw new FileSystemException(target.toString(), null, "cannot be written: " + folder
                        + " is a file, not a folder: name a file in a folder");
            }
        }
        try {
            Files.createDirectories(parent);
            Path partial = Files.createTempFile(parent, ".inprogress-", "." + format.extension());
            try {
                Files.write(partial, blank);
                Files.move(partial, target);
            } finally {
                Files.deleteIfExists(partial);
            }
            return true;
        } catch (AccessDeniedException e) {
            throw new FileSystemException(target.toString(), null, "cannot be written: permission denied on "
                    + e.getFile() + ": name a file in a folder you may write to");
        } catch (IOException e) {
            String reason = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                    : e.getClass().getSimpleName();
            String where = e instanceof FileSystemException fs && fs.getFile() != null ? " (" + fs.getFile() + ")" : "";
            throw new FileSystemException(target.toString(), null, "cannot be written: " + reason + where
                    + ": name a file in a folder you may write to");
        }
    }

    /** A workbook's bytes differ each time (it records when it was made): its header and no row tell. */
    private static boolean isBlankWorkbook(Path file, char delimiter, List<String> columns) {
        try {
            TemplateFile template = Files.isRegularFile(file) ? TemplateFile.read(file, delimiter) : null;
            return template != null && template.isWorkbook() && template.readable() && template.rows() == 0
                    && template.header().equals(columns);
        } catch (UncheckedIOException unreadable) {
            return false;
        }
    }

    private static boolean isBlank(Path file, byte[] blank) {
        try {
            return Files.isRegularFile(file) && Files.size(file) == blank.length
                    && Arrays.equals(Files.readAllBytes(file), blank);
        } catch (IOException unreadable) {
            return false;
        }
    }
}
