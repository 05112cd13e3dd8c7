package com.shopifyjoorsync.dataservices;

import java.nio.file.Path;
import java.util.Locale;

/**
 * data-services.format: the file Data Services receives. JOOR's Customer Data Template is an Excel
 * workbook, the form brands hand to Data Services or upload in JOOR's web app (hence the default);
 * CSV is what JOOR's flat-file Customer Sync takes from its FTP drop.
 */
public enum DataServicesFormat {
    XLSX, CSV;

    /** The file name's extension, without the dot. */
    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format a setting names, or null when it names none. */
    public static DataServicesFormat of(String setting) {
        for (DataServicesFormat format : values()) {
            if (format.extension().equalsIgnoreCase(setting == null ? "" : setting.strip())) {
                return format;
            }
        }
        return null;
    }

    /** The format a file's name says (.xlsx or .csv), else {@code otherwise}. */
    public static DataServicesFormat ofFile(Path file, DataServicesFormat otherwise) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (DataServicesFormat format : values()) {
            if (name.endsWith("." + format.extension())) {
                return format;
            }
        }
        return otherwise;
    }
}
