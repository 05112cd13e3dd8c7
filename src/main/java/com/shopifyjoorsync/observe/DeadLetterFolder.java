package com.shopifyjoorsync.observe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The dead letters waiting in a file dead-letter folder (sync.dead-letter-uri=file:...): one JSON
 * file each, replayed ones (in subfolders) not counted. Other endpoints cannot be counted from here.
 */
public final class DeadLetterFolder {
    private final Path folder;

    private DeadLetterFolder(Path folder) {
        this.folder = folder;
    }

    /** The folder of a file: URI, or null for any other endpoint. */
    public static DeadLetterFolder of(String deadLetterUri) {
        if (deadLetterUri == null || !deadLetterUri.startsWith("file:")) {
            return null;
        }
        String path = deadLetterUri.substring("file:".length());
        int query = path.indexOf('?');
        return new DeadLetterFolder(Path.of(query < 0 ? path : path.substring(0, query)));
    }

    public long waiting() {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".json")).count();
        } catch (IOException e) {
            return -1;
        }
    }
}
