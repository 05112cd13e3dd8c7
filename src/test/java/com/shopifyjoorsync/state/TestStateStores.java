package com.shopifyjoorsync.state;

import java.nio.file.Path;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** The state store's pool as the tests open it, on H2 (a file in the test's folder) or the tests' PostgreSQL. */
public final class TestStateStores {
    private TestStateStores() {
    }

    /** A new store: an H2 file under {@code dir}, or a new database on {@link TestPostgres}. */
    public static String newStore(String database, Path dir) {
        return database.equals("h2") ? "jdbc:h2:file:" + dir.resolve("state").toAbsolutePath() : TestPostgres.newDatabase();
    }

    /** A pool on {@code jdbcUrl} (PostgreSQL: as {@link TestPostgres#USER}), the schema migrated. */
    public static HikariDataSource migratedPool(String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            config.setUsername(TestPostgres.USER);
            config.setPassword(TestPostgres.PASSWORD);
        }
        HikariDataSource pool = new HikariDataSource(config);
        StateStore.migrate(pool);
        return pool;
    }
}
