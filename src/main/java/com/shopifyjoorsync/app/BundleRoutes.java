package com.shopifyjoorsync.app;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the bundle's routes (and the customer mapping next to them) are read from: the editable
 * ./routes/ folder of the working directory when it exists, else the copy inside the jar. A host
 * application includes {@link #INCLUDE_PATTERN} in its camel.main.routes-include-pattern.
 */
public final class BundleRoutes {
    /** The routes folder inside the jar. */
    public static final String CLASSPATH_FOLDER = "classpath:shopify-joor-sync/routes/";
    /** The routes inside the jar, as a camel.main.routes-include-pattern. */
    public static final String INCLUDE_PATTERN = CLASSPATH_FOLDER + "*.camel.yaml";
    /** The editable copy, relative to the working directory. */
    public static final Path FOLDER = Path.of("routes");

    private BundleRoutes() {
    }

    /** file:routes/ when the folder exists, else the jar's copy; ends with a slash. */
    public static String folder() {
        return Files.isDirectory(FOLDER) ? "file:" + FOLDER + "/" : CLASSPATH_FOLDER;
    }

    /** The routes include pattern of the standalone application. */
    public static String includePattern() {
        return folder() + "*.camel.yaml";
    }

    /** A file next to the routes (e.g. customer-mapping.jslt), from the same place as the routes. */
    public static String file(String name) {
        return Files.isRegularFile(FOLDER.resolve(name)) ? "file:" + FOLDER.resolve(name) : CLASSPATH_FOLDER + name;
    }
}
