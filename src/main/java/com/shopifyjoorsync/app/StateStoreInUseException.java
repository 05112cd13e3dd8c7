package com.shopifyjoorsync.app;

import java.util.List;

/**
 * The embedded H2 state store is open in another process: a second instance started by mistake.
 * Refused at once (exit 2), never waited for.
 */
public class StateStoreInUseException extends ConfigurationException {
    public StateStoreInUseException(String file, String jdbcUrl, Throwable cause) {
        super("another instance holds " + file + " (sync.state.jdbc-url=" + jdbcUrl + "): an embedded H2 state store"
                + " is one process's at a time. Stop the other instance first (its --once, --check or"
                + " --link-report included); several nodes need a PostgreSQL state store.", List.of(), cause);
    }
}
