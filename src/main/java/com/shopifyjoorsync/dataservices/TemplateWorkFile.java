package com.shopifyjoorsync.dataservices;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.apache.camel.ExchangeProperty;

/**
 * The cycle's template rows collect in a working file, a CSV (never in memory, never where Data
 * Services looks), until the cycle publishes them as one file, in data-services.format, to
 * data-services.endpoint-uri.
 */
public final class TemplateWorkFile {
    private final Path workDir;
    private final DataServicesFormat format;
    private final char delimiter;

    /**
     * @param format    data-services.format: what Data Services receives
     * @param delimiter data-services.delimiter: the working file's (and a delivered CSV's)
     */
    public TemplateWorkFile(String workDir, DataServicesFormat format, char delimiter) {
        this.workDir = Path.of(workDir);
        this.format = format;
        this.delimiter = delimiter;
    }

    public static String fileName(String cycleId) {
        return "template-" + cycleId + ".csv";
    }

    /** True until the cycle's first row is written: the header goes first. */
    public boolean isNew(@ExchangeProperty("cycleId") String cycleId) {
        return !Files.exists(workDir.resolve(fileName(cycleId)));
    }

    public boolean hasRows(@ExchangeProperty("cycleId") String cycleId) {
        return !isNew(cycleId);
    }

    public File file(@ExchangeProperty("cycleId") String cycleId) {
        return workDir.resolve(fileName(cycleId)).toFile();
    }

    /**
     * The file Data Services receives: the working file itself for CSV, else the workbook streamed
     * from it (beside it in the work folder, removed with it).
     */
    public File delivered(@ExchangeProperty("cycleId") String cycleId) {
        Path csv = workDir.resolve(fileName(cycleId));
        if (format == DataServicesFormat.CSV) {
            return csv.toFile();
        }
        Path workbook = workDir.resolve(workbookName(cycleId));
        try {
            TemplateWorkbook.fromCsv(csv, delimiter, workbook);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + workbook, e);
        }
        return workbook.toFile();
    }

    /** data-services.format's extension, for the delivered file's name. */
    public String extension() {
        return format.extension();
    }

    private static String workbookName(String cycleId) {
        return "template-" + cycleId + ".xlsx";
    }

    /**
     * Working files of cycles that never published (the process died, or the cycle failed): their
     * customers were not committed, so the next cycles read them again.
     */
    public void discardStale(@ExchangeProperty("cycleId") String cycleId) {
        if (!Files.isDirectory(workDir)) {
            return;
        }
        try (Stream<Path> files = Files.list(workDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("template-")
                    && !f.getFileName().toString().equals(fileName(cycleId))).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void discard(@ExchangeProperty("cycleId") String cycleId) {
        try {
            Files.deleteIfExists(workDir.resolve(workbookName(cycleId)));
            Files.deleteIfExists(workDir.resolve(fileName(cycleId)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
