package com.shopifyjoorsync.app;

/** The state store cannot be opened or migrated: nothing can run safely (exit code 1). */
public class StateStoreUnavailableException extends RuntimeException {
    public StateStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
