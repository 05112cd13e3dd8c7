package com.shopifyjoorsync.app;

import java.util.List;

/** A setting is missing or wrong: the process stops before anything is sent (exit code 2). */
public class ConfigurationException extends RuntimeException {
    private final List<String> problems;

    public ConfigurationException(List<String> problems) {
        super("Configuration refused:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** A refusal that is one sentence of its own rather than a list of settings. */
    protected ConfigurationException(String message, List<String> problems, Throwable cause) {
        super(message, cause);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
