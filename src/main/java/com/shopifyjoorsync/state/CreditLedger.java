package com.shopifyjoorsync.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

import javax.sql.DataSource;

/**
 * What every process on the state store spent of one JOOR account's credit budget, and JOOR's last
 * pause (tables {@code sjs_joor_credit_*}, migration V4). A process books a request here before it
 * sends it, under a lock all processes take, so that the sync and a command run beside it (or several
 * nodes on one PostgreSQL) are paced as one. How the window is counted is the pacer's business: the
 * ledger stores spends and runs the pacer's decision under its lock. Times are the caller's clock
 * (nanoseconds since the epoch in production). One booking is a short transaction; an answer, a
 * cancel or a pause one statement: a write or two per JOOR request, at most about one a second.
 */
public final class CreditLedger {
    /** SQLState of a unique-key violation, on H2 and PostgreSQL alike. */
    private static final String DUPLICATE_KEY = "23505";

    /** A request's credits, sent at {@code sentAt}; {@code answeredAt} null while no answer came. */
    public record Spend(int credits, long sentAt, Long answeredAt) {
    }

    /** JOOR's last pause: no request before {@code until}; requests answered before {@code resetAt} were in the window it closed. */
    public record Pause(long until, long resetAt) {
    }

    /** The spends that may still count, and the last pause (null when JOOR never paused us). */
    public record Entries(List<Spend> spends, Pause pause) {
    }

    /** A booking at {@code at}: the request's id when it may go, else how long to wait before asking again. */
    public record Booking(Long id, long at, long waitNanos) {
        public boolean booked() {
            return id != null;
        }
    }

    private final DataSource dataSource;
    private final String account;
    private volatile boolean accountRow;

    /** @param account the JOOR account the budget is ({@link #account(String, String)}) */
    public CreditLedger(DataSource dataSource, String account) {
        this.dataSource = dataSource;
        this.account = account;
    }

    /**
     * The key of a JOOR account's budget: its API URL and a digest of its token. JOOR publishes no
     * account id, so the token stands for the account (assumed: one token per account in a
     * deployment): shops and processes posting with it share one budget, shops on other accounts
     * (the same production URL, another token) never wait for them. Only a digest is stored, never
     * the token.
     */
    public static String account(String apiUrl, String token) {
        if (token == null || token.isEmpty()) {
            return apiUrl;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return apiUrl + "#" + java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * Under the account's lock: reads the clock, forgets the spends expired by then, reads the rest and
     * the pause, asks {@code wait} how long the request must wait, and when that is 0 or less books
     * it, sent now and counting for {@code countsFor} nanoseconds unless an answer says otherwise.
     * The clock is read under the lock: a booking's time is never older than one booked before it.
     */
    public Booking book(int credits, LongSupplier clock, long countsFor, Decision wait) {
        ensureAccountRow();
        synchronized (this) { // this process's threads queue here; the row lock is for the other processes
            return inTransaction(c -> bookLocked(c, credits, clock, countsFor, wait));
        }
    }

    private Booking bookLocked(Connection c, int credits, LongSupplier clock, long countsFor, Decision wait)
            throws SQLException {
        Pause pause;
        try (PreparedStatement s = c.prepareStatement("SELECT paused_until, reset_at FROM sjs_joor_credit_account"
                + " WHERE account = ? FOR UPDATE")) {
            s.setString(1, account);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                pause = pause(r);
            }
        }
        long now = clock.getAsLong();
        // every account's: a JOOR URL no longer used (a sandbox's port) leaves nothing behind
        try (PreparedStatement s = c.prepareStatement("DELETE FROM sjs_joor_credit_spend WHERE expires_at <= ?")) {
            s.setLong(1, now);
            s.executeUpdate();
        }
        long waitNanos = wait.nanos(now, new Entries(spends(c), pause));
        if (waitNanos > 0) {
            return new Booking(null, now, waitNanos);
        }
        long id = ThreadLocalRandom.current().nextLong();
        try (PreparedStatement s = c.prepareStatement("INSERT INTO sjs_joor_credit_spend (id, account, credits,"
                + " sent_at, answered_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, id);
            s.setString(2, account);
            s.setInt(3, credits);
            s.setLong(4, now);
            s.setNull(5, Types.BIGINT);
            s.setLong(6, now + countsFor);
            s.executeUpdate();
        }
        return new Booking(id, now, 0);
    }

    /** The pacer's decision: how long a request must wait at {@code now}, given what the ledger holds. */
    @FunctionalInterface
    public interface Decision {
        long nanos(long now, Entries entries);
    }

    /** What the ledger holds now, without the lock (for estimates). */
    public Entries read() {
        ensureAccountRow();
        return inTransaction(c -> {
            Pause pause;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT paused_until, reset_at FROM sjs_joor_credit_account WHERE account = ?")) {
                s.setString(1, account);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    pause = pause(r);
                }
            }
            return new Entries(spends(c), pause);
        });
    }

    /** JOOR answered the request {@code id} at {@code at}: its credits count until {@code expiresAt}. */
    public void answered(long id, long at, long expiresAt) {
        inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE sjs_joor_credit_spend SET answered_at = ?, expires_at = ? WHERE id = ?")) {
                s.setLong(1, at);
                s.setLong(2, expiresAt);
                s.setLong(3, id);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** The request {@code id} cost nothing (JOOR answered 429). */
    public void cancel(long id) {
        inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM sjs_joor_credit_spend WHERE id = ?")) {
                s.setLong(1, id);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** JOOR paused the account: kept unless a later pause is there already. */
    public void pause(long until, long resetAt) {
        ensureAccountRow();
        inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE sjs_joor_credit_account SET paused_until = ?,"
                    + " reset_at = ? WHERE account = ? AND (paused_until IS NULL OR paused_until < ?)")) {
                s.setLong(1, until);
                s.setLong(2, resetAt);
                s.setString(3, account);
                s.setLong(4, until);
                s.executeUpdate();
            }
            return null;
        });
    }

    private List<Spend> spends(Connection c) throws SQLException {
        List<Spend> spends = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT credits, sent_at, answered_at FROM sjs_joor_credit_spend WHERE account = ?")) {
            s.setString(1, account);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long answered = r.getLong(3);
                    Long answeredAt = r.wasNull() ? null : answered;
                    spends.add(new Spend(r.getInt(1), r.getLong(2), answeredAt));
                }
            }
        }
        return spends;
    }

    private static Pause pause(ResultSet r) throws SQLException {
        long until = r.getLong(1);
        return r.wasNull() ? null : new Pause(until, r.getLong(2));
    }

    /** The account's row, inserted once; another process inserting it at the same time is no error. */
    private void ensureAccountRow() {
        if (accountRow) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO sjs_joor_credit_account (account)"
                        + " SELECT ? WHERE NOT EXISTS (SELECT 1 FROM sjs_joor_credit_account WHERE account = ?)")) {
            c.setAutoCommit(true);
            s.setString(1, account);
            s.setString(2, account);
            s.executeUpdate();
        } catch (SQLException e) {
            if (!DUPLICATE_KEY.equals(e.getSQLState())) {
                throw new StateStoreException("state store (sync.state.jdbc-url) failed: " + e.getMessage(), e);
            }
        }
        accountRow = true;
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StateStoreException("state store (sync.state.jdbc-url) failed: " + e.getMessage(), e);
        }
    }
}
