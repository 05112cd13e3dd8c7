package com.shopifyjoorsync.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.JsltException;
import com.schibsted.spt.data.jslt.Parser;
import com.schibsted.spt.data.jslt.filters.TrueJsonFilter;

/**
 * A JSLT mapping file (routes/customer-mapping.jslt), compiled once; with reload on, compiled again
 * when the file changes. Besides JSLT's own functions it may call {@code fit-to-joor(field, text)}. Keys whose value is null stay in the output (the template needs every
 * column on every row); the JOOR side leaves them out itself.
 */
public final class MappingFile {
    private final String location;
    private final Path file;
    private final boolean reload;
    private Expression expression;
    private FileTime compiledAt;

    /**
     * @param location file:path or classpath:path
     * @throws MappingFileException when the file cannot be read or is not valid JSLT
     */
    public MappingFile(String location, boolean reload) {
        this.location = location;
        this.file = location.startsWith("file:") ? Path.of(location.substring("file:".length())) : null;
        this.reload = reload && file != null;
        this.expression = compile();
    }

    public synchronized JsonNode apply(JsonNode input) {
        if (reload && changed()) {
            expression = compile();
        }
        try {
            return expression.apply(input);
        } catch (JsltException e) {
            throw new MalformedCustomerException("the mapping " + location + " failed: " + e.getMessage());
        }
    }

    private boolean changed() {
        try {
            return !Files.getLastModifiedTime(file).equals(compiledAt);
        } catch (IOException e) {
            return false; // keep the last good mapping while the file is being replaced
        }
    }

    private Expression compile() {
        String text = read();
        try {
            return new Parser(new StringReader(text)).withSource(location).withObjectFilter(new TrueJsonFilter())
                    .withFunctions(List.of(new FitToJoor())).compile();
        } catch (JsltException e) {
            throw new MappingFileException(location + " is not a valid JSLT mapping: " + e.getMessage());
        }
    }

    private String read() {
        try {
            if (file != null) {
                compiledAt = Files.getLastModifiedTime(file);
                return Files.readString(file, StandardCharsets.UTF_8);
            }
            String resource = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
            try (InputStream in = MappingFile.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new MappingFileException(location + " does not exist");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new MappingFileException(location + " cannot be read: " + e.getMessage());
        }
    }

    /** The mapping file cannot be used: a configuration problem, reported at start. */
    public static final class MappingFileException extends RuntimeException {
        public MappingFileException(String message) {
            super(message);
        }
    }
}
