package com.shopifyjoorsync.app;

import javax.sql.DataSource;

import com.shopifyjoorsync.state.StateStore;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;

/** The state store's connection pool, opened and migrated at start (sync.state.*). */
final class StateDataSource {
    private StateDataSource() {
    }

    /**
     * The state store's connection pool, its schema migrated before any route starts. Closed with the
     * CamelContext, after its routes stopped. An H2 file already opened by another process is refused
     * at once, naming the file: an embedded store is one process's (several nodes share a PostgreSQL one).
     */
    static DataSource open(CamelContext context, SyncSettings s) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(embeddedH2(s.stateJdbcUrl()));
        config.setUsername(s.stateUsername());
        config.setPassword(s.statePassword());
        config.setMaximumPoolSize(4);
        config.setPoolName("sjs-state");
        // an embedded file opens at once or not at all; a database server may need a moment
        config.setInitializationFailTimeout(h2File(s.stateJdbcUrl()) != null ? 1 : 10_000);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
            StateStore.migrate(dataSource);
        } catch (RuntimeException e) {
            if (h2File(s.stateJdbcUrl()) != null && h2InUse(e)) {
                throw new StateStoreInUseException(h2File(s.stateJdbcUrl()), s.stateJdbcUrl(), e);
            }
            throw new StateStoreUnavailableException("The state store at sync.state.jdbc-url=" + s.stateJdbcUrl()
                    + " cannot be opened: " + rootMessage(e), e);
        }
        try {
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() {
                    dataSource.close();
                }
            }, true, true);
        } catch (Exception e) {
            dataSource.close();
            throw new StateStoreUnavailableException("Could not register the state store with Camel", e);
        }
        return dataSource;
    }

    /**
     * An embedded H2 file writes a commit to disk at once, not up to a second later: a process killed
     * right after a JOOR batch was committed must not forget it (and send the batch again). And it is
     * closed by the sync, after its routes stopped, not by H2's own shutdown hook at the first SIGTERM
     * while the running cycle still records what it sent.
     */
    static String embeddedH2(String jdbcUrl) {
        if (h2File(jdbcUrl) == null) {
            return jdbcUrl;
        }
        String upper = jdbcUrl.toUpperCase(java.util.Locale.ROOT);
        return jdbcUrl + (upper.contains("WRITE_DELAY") ? "" : ";WRITE_DELAY=0")
                + (upper.contains("DB_CLOSE_ON_EXIT") ? "" : ";DB_CLOSE_ON_EXIT=FALSE");
    }

    /** The file of an embedded H2 store (data/state/sync.mv.db for jdbc:h2:file:./data/state/sync), else null. */
    static String h2File(String jdbcUrl) {
        String path;
        if (jdbcUrl.startsWith("jdbc:h2:file:")) {
            path = jdbcUrl.substring("jdbc:h2:file:".length());
        } else if (jdbcUrl.startsWith("jdbc:h2:./") || jdbcUrl.startsWith("jdbc:h2:/") || jdbcUrl.startsWith("jdbc:h2:~")) {
            path = jdbcUrl.substring("jdbc:h2:".length());
        } else {
            return null;
        }
        int options = path.indexOf(';');
        path = options < 0 ? path : path.substring(0, options);
        return (path.startsWith("./") ? path.substring(2) : path) + ".mv.db";
    }

    /** H2's "Database may be already in use" (error 90020): another process holds the file. */
    private static boolean h2InUse(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getErrorCode() == 90020) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
