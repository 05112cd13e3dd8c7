package com.shopifyjoorsync.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;

/**
 * The sync's durable state over JDBC (H2 by default, PostgreSQL too), every row keyed by shop: the
 * watermark, each customer's status and the hashes of what it was last sent, the template rows
 * waiting for their file to reach Data Services, and the customers sent to JOOR whose job has not
 * confirmed them yet. Nothing is kept in memory between cycles.
 */
public final class StateStore {
    private static final String STREAM = "customers";
    /** sjs_joor_unconfirmed.status: sent in a job whose result is not known yet. */
    private static final String AWAITING = "AWAITING";
    /** sjs_joor_unconfirmed.status: its job did not confirm it; it goes again. */
    private static final String RESEND = "RESEND";

    private final DataSource dataSource;
    private final String shop;
    private final Clock clock;

    public StateStore(DataSource dataSource, String shop, Clock clock) {
        this.dataSource = dataSource;
        this.shop = shop;
        this.clock = clock;
    }

    /** Creates or upgrades the schema; the bundle's own history table keeps it apart from a host's. */
    public static void migrate(DataSource dataSource) {
        flyway(dataSource).migrate();
    }

    /** The schema version the store is at (Flyway's), and how many migrations it still lacks. */
    public SchemaVersion schemaVersion() {
        MigrationInfoService info = flyway(dataSource).info();
        MigrationInfo current = info.current();
        return new SchemaVersion(current == null ? null : current.getVersion().getVersion(), info.pending().length);
    }

    /** @param version null when no migration ran; @param pending migrations not applied yet */
    public record SchemaVersion(String version, int pending) {
    }

    private static Flyway flyway(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:shopify-joor-sync/db/migration")
                .table("sjs_schema_history").baselineOnMigrate(true).baselineVersion("0").load();
    }

    public String shop() {
        return shop;
    }

    /**
     * The window of a cycle starting now: from the watermark minus the overlap (or the initial lower
     * bound, or everything), to now; a full sweep when the last one is older than {@code fullSweepEvery}.
     */
    public CycleWindow openWindow(Instant now, Duration overlap, Duration fullSweepEvery, Instant initialSince) {
        return inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT watermark, last_full_sweep FROM sjs_watermark WHERE shop = ? AND stream = ?")) {
                s.setString(1, shop);
                s.setString(2, STREAM);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return new CycleWindow(initialSince, now, initialSince == null);
                    }
                    Instant watermark = instant(r, 1);
                    Instant lastSweep = instant(r, 2);
                    boolean sweep = lastSweep == null || !lastSweep.plus(fullSweepEvery).isAfter(now);
                    return new CycleWindow(watermark.minus(overlap), now, sweep);
                }
            }
        });
    }

    /**
     * Closes a completed cycle: the watermark moves to the window's end. After a full sweep, exported
     * customers the sweep did not see have lost their tag (or were deleted): they become UNTAGGED.
     * Also drops staged template rows of cycles that never published (their file was never sent).
     *
     * @return how many customers the sweep found untagged
     */
    public int closeWindow(String cycleId, CycleWindow window) {
        return inTransaction(c -> {
            int untagged = 0;
            if (window.fullSweep()) {
                try (PreparedStatement s = c.prepareStatement("UPDATE sjs_customer_state SET status = ?, updated_at = ?"
                        + " WHERE shop = ? AND status IN (?, ?) AND (last_seen_cycle IS NULL OR last_seen_cycle <> ?)")) {
                    s.setString(1, CustomerState.Status.UNTAGGED.name());
                    time(s, 2, now());
                    s.setString(3, shop);
                    s.setString(4, CustomerState.Status.JOOR.name());
                    s.setString(5, CustomerState.Status.DATA_SERVICES_PENDING.name());
                    s.setString(6, cycleId);
                    untagged = s.executeUpdate();
                }
            }
            int updated;
            try (PreparedStatement s = c.prepareStatement("UPDATE sjs_watermark SET watermark = ?, last_cycle_id = ?,"
                    + " updated_at = ?" + (window.fullSweep() ? ", last_full_sweep = ?" : "")
                    + " WHERE shop = ? AND stream = ?")) {
                int i = 1;
                time(s, i++, at(window.end()));
                s.setString(i++, cycleId);
                time(s, i++, now());
                if (window.fullSweep()) {
                    time(s, i++, at(window.end()));
                }
                s.setString(i++, shop);
                s.setString(i, STREAM);
                updated = s.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO sjs_watermark (shop, stream, watermark,"
                        + " last_full_sweep, last_cycle_id, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                    s.setString(1, shop);
                    s.setString(2, STREAM);
                    time(s, 3, at(window.end()));
                    time(s, 4, window.fullSweep() ? at(window.end()) : null);
                    s.setString(5, cycleId);
                    time(s, 6, now());
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM sjs_template_staging WHERE shop = ? AND cycle_id <> ?")) {
                s.setString(1, shop);
                s.setString(2, cycleId);
                s.executeUpdate();
            }
            return untagged;
        });
    }

    /** The state of the given customers (those never delivered are absent), in one query. */
    public Map<String, CustomerState> load(Collection<String> customerIds) {
        Map<String, CustomerState> states = new HashMap<>();
        if (customerIds.isEmpty()) {
            return states;
        }
        return inTransaction(c -> {
            List<String> ids = new ArrayList<>(customerIds);
            for (int from = 0; from < ids.size(); from += 500) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
                // (shop, customer_id) pairs: H2 seeks the primary key for each pair, where
                // "shop = ? AND customer_id IN (...)" scans the shop's every row (a cycle grew with the store)
                String pairs = String.join(",", java.util.Collections.nCopies(chunk.size(), "(?, ?)"));
                try (PreparedStatement s = c.prepareStatement("SELECT customer_id, status, joor_hash, template_hash,"
                        + " dead_letter_hash, pending_since FROM sjs_customer_state WHERE (shop, customer_id) IN ("
                        + pairs + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        s.setString(2 * i + 1, shop);
                        s.setString(2 * i + 2, chunk.get(i));
                    }
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            states.put(r.getString(1), new CustomerState(r.getString(1),
                                    CustomerState.Status.valueOf(r.getString(2)), r.getString(3), r.getString(4),
                                    r.getString(5), instant(r, 6), null));
                        }
                    }
                }
                // content sent to JOOR whose job has not confirmed it yet
                try (PreparedStatement s = c.prepareStatement("SELECT customer_id, joor_hash FROM sjs_joor_unconfirmed"
                        + " WHERE (shop, customer_id) IN (" + pairs + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        s.setString(2 * i + 1, shop);
                        s.setString(2 * i + 2, chunk.get(i));
                    }
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            String id = r.getString(1);
                            CustomerState known = states.get(id);
                            states.put(id, known != null ? known.withJoorSentHash(r.getString(2))
                                    : new CustomerState(id, null, null, null, null, null, r.getString(2)));
                        }
                    }
                }
            }
            return states;
        });
    }

    /** Records that a full sweep saw these (eligible) customers, so it does not take them for untagged. */
    public void markSeen(Collection<String> customerIds, String cycleId) {
        if (customerIds.isEmpty()) {
            return;
        }
        inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE sjs_customer_state SET last_seen_cycle = ? WHERE shop = ? AND customer_id = ?")) {
                for (String id : customerIds) {
                    s.setString(1, cycleId);
                    s.setString(2, shop);
                    s.setString(3, id);
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    /**
     * JOOR accepted a bulk-connection POST as this job: its customers await the job's result (nothing
     * is delivered yet). A customer held already is replaced by what was sent now; its sends go on
     * counting while its content stays the same.
     */
    public void jobPosted(long jobId, String cycleId, List<UnconfirmedCustomer> sent) {
        inTransaction(c -> {
            OffsetDateTime now = now();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO sjs_joor_job (shop, job_id, record_count,"
                    + " cycle_id, posted_at) VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, shop);
                s.setLong(2, jobId);
                s.setInt(3, sent.size());
                s.setString(4, cycleId);
                time(s, 5, now);
                s.executeUpdate();
            }
            // a customer twice in one batch (Shopify showed it on two pages) is held once, as last sent
            Map<String, UnconfirmedCustomer> latest = new java.util.LinkedHashMap<>();
            sent.forEach(u -> latest.put(u.code(), u));
            Map<String, Held> held = heldByCode(c, List.copyOf(latest.keySet()));
            try (PreparedStatement d = c.prepareStatement(
                    "DELETE FROM sjs_joor_unconfirmed WHERE shop = ? AND customer_id = ?")) {
                for (String code : held.keySet()) {
                    d.setString(1, shop);
                    d.setString(2, code);
                    d.addBatch();
                }
                d.executeBatch();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO sjs_joor_unconfirmed (shop, customer_id, job_id,"
                    + " status, joor_hash, sends, connection_json, customer_json, replay_file, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (UnconfirmedCustomer u : latest.values()) {
                    Held before = held.get(u.code());
                    boolean same = before != null && before.contentHash().equals(u.contentHash());
                    s.setString(1, shop);
                    s.setString(2, u.code());
                    s.setLong(3, jobId);
                    s.setString(4, AWAITING);
                    s.setString(5, u.contentHash());
                    s.setInt(6, same ? before.sends() + 1 : 1);
                    s.setString(7, u.connectionJson());
                    s.setString(8, u.customerJson());
                    s.setString(9, u.replayFile());
                    time(s, 10, now);
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    /** The jobs nobody has read back finished yet, oldest first. */
    public List<Long> awaitingJobs() {
        return inTransaction(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT job_id FROM sjs_joor_job WHERE shop = ? ORDER BY posted_at, job_id")) {
                s.setString(1, shop);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getLong(1));
                    }
                }
            }
            return ids;
        });
    }

    /** The job if it awaits its result, else null (decided already, or never recorded). */
    public AwaitingJob awaitingJob(long jobId) {
        return inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT j.record_count, j.posted_at,"
                    + " (SELECT MAX(u.sends) FROM sjs_joor_unconfirmed u WHERE u.shop = j.shop AND u.job_id = j.job_id)"
                    + " FROM sjs_joor_job j WHERE j.shop = ? AND j.job_id = ?")) {
                s.setString(1, shop);
                s.setLong(2, jobId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? new AwaitingJob(jobId, r.getInt(1), instant(r, 2), r.getInt(3)) : null;
                }
            }
        });
    }

    /** The customers held for this job (those sent again since in another job are not), by code. */
    public List<UnconfirmedCustomer> jobCustomers(long jobId) {
        return inTransaction(c -> unconfirmedOf(c, jobId));
    }

    /**
     * Who the job carries (code, content hash, replay file), without what was sent: a confirmed job
     * needs no more. Its customers' JSON read and parsed for nothing, held by the exchanges reading
     * the jobs, was most of a first cycle's live heap (149 MB at 100,000; 49 MB without).
     */
    public List<Delivery> jobDeliveries(long jobId) {
        return inTransaction(c -> deliveriesOf(c, jobId));
    }

    /** JOOR finished the job with every record processed: its customers are delivered with this content. */
    public void jobConfirmed(long jobId, String cycleId) {
        inTransaction(c -> {
            Map<String, String> hashes = new java.util.LinkedHashMap<>();
            for (Delivery d : deliveriesOf(c, jobId)) {
                hashes.put(d.code(), d.contentHash());
            }
            upsertAll(c, hashes, CustomerState.Status.JOOR, now(), cycleId);
            forget(c, jobId);
            return null;
        });
    }

    /** The job did not confirm its customers: they are sent again, the job's customers in two halves. */
    public void jobToResend(long jobId) {
        inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE sjs_joor_unconfirmed SET status = ?, updated_at = ?"
                    + " WHERE shop = ? AND job_id = ?")) {
                s.setString(1, RESEND);
                time(s, 2, now());
                s.setString(3, shop);
                s.setLong(4, jobId);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM sjs_joor_job WHERE shop = ? AND job_id = ?")) {
                s.setString(1, shop);
                s.setLong(2, jobId);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** The job and the customers still held for it are done with (dead-lettered). */
    public void jobForgotten(long jobId) {
        inTransaction(c -> {
            forget(c, jobId);
            return null;
        });
    }

    /** The failed jobs whose customers are to be sent again, oldest first. */
    public List<Long> jobsToResend() {
        return inTransaction(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT job_id FROM sjs_joor_unconfirmed"
                    + " WHERE shop = ? AND status = ? ORDER BY job_id")) {
                s.setString(1, shop);
                s.setString(2, RESEND);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getLong(1));
                    }
                }
            }
            return ids;
        });
    }

    public UnconfirmedCounts unconfirmedCounts() {
        return inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(SUM(CASE WHEN status = ? THEN 1 ELSE 0 END), 0),"
                    + " COALESCE(SUM(CASE WHEN status = ? THEN 1 ELSE 0 END), 0) FROM sjs_joor_unconfirmed WHERE shop = ?")) {
                s.setString(1, AWAITING);
                s.setString(2, RESEND);
                s.setString(3, shop);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return new UnconfirmedCounts(r.getInt(1), r.getInt(2));
                }
            }
        });
    }

    private static final String UNCONFIRMED_COLUMNS = "SELECT customer_id, joor_hash, connection_json, customer_json,"
            + " replay_file, sends FROM sjs_joor_unconfirmed WHERE ";

    /** The customers held for a job, by code. */
    private List<UnconfirmedCustomer> unconfirmedOf(Connection c, long jobId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(UNCONFIRMED_COLUMNS + "shop = ? AND job_id = ? ORDER BY customer_id")) {
            s.setString(1, shop);
            s.setLong(2, jobId);
            return unconfirmed(s);
        }
    }

    /** The customers held for a job, by code: who they are, not what was sent. */
    private List<Delivery> deliveriesOf(Connection c, long jobId) throws SQLException {
        List<Delivery> found = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT customer_id, joor_hash, replay_file"
                + " FROM sjs_joor_unconfirmed WHERE shop = ? AND job_id = ? ORDER BY customer_id")) {
            s.setString(1, shop);
            s.setLong(2, jobId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.add(new Held(r.getString(1), r.getString(2), r.getString(3), 0));
                }
            }
        }
        return found;
    }

    /** A customer held for a job, without what was sent (sends: 0 where not read). */
    private record Held(String code, String contentHash, String replayFile, int sends) implements Delivery {
    }

    /** Which of these customers are held (a batch: at most joor.batch-size codes), with their hash and sends. */
    private Map<String, Held> heldByCode(Connection c, List<String> codes) throws SQLException {
        Map<String, Held> held = new HashMap<>();
        if (codes.isEmpty()) {
            return held;
        }
        String pairs = String.join(",", java.util.Collections.nCopies(codes.size(), "(?, ?)"));
        try (PreparedStatement s = c.prepareStatement("SELECT customer_id, joor_hash, sends FROM sjs_joor_unconfirmed"
                + " WHERE (shop, customer_id) IN (" + pairs + ")")) {
            for (int i = 0; i < codes.size(); i++) {
                s.setString(2 * i + 1, shop);
                s.setString(2 * i + 2, codes.get(i));
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    held.put(r.getString(1), new Held(r.getString(1), r.getString(2), null, r.getInt(3)));
                }
            }
        }
        return held;
    }

    private static List<UnconfirmedCustomer> unconfirmed(PreparedStatement s) throws SQLException {
        List<UnconfirmedCustomer> found = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                found.add(new UnconfirmedCustomer(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                        r.getString(5), r.getInt(6)));
            }
        }
        return found;
    }

    private void forget(Connection c, long jobId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM sjs_joor_unconfirmed WHERE shop = ? AND job_id = ?")) {
            s.setString(1, shop);
            s.setLong(2, jobId);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM sjs_joor_job WHERE shop = ? AND job_id = ?")) {
            s.setString(1, shop);
            s.setLong(2, jobId);
            s.executeUpdate();
        }
    }


    /**
     * Template rows appended to the cycle's working file, in one transaction (a customer staged twice
     * keeps its last row); they count as sent once the file is published.
     */
    public void stageTemplateRows(String cycleId, Collection<? extends Delivery> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Map<String, Delivery> byCode = new java.util.LinkedHashMap<>();
        for (Delivery row : rows) {
            byCode.put(row.code(), row);
        }
        inTransaction(c -> {
            try (PreparedStatement d = c.prepareStatement(
                    "DELETE FROM sjs_template_staging WHERE shop = ? AND cycle_id = ? AND customer_id = ?")) {
                for (String code : byCode.keySet()) {
                    d.setString(1, shop);
                    d.setString(2, cycleId);
                    d.setString(3, code);
                    d.addBatch();
                }
                d.executeBatch();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO sjs_template_staging (shop, cycle_id,"
                    + " customer_id, template_hash, replay_file) VALUES (?, ?, ?, ?, ?)")) {
                for (Delivery row : byCode.values()) {
                    s.setString(1, shop);
                    s.setString(2, cycleId);
                    s.setString(3, row.code());
                    s.setString(4, row.contentHash());
                    s.setString(5, row.replayFile());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    /**
     * The cycle's template file reached Data Services: its customers are pending there (since the
     * first time they were sent), with this content.
     *
     * @return the dead-letter files replayed into this file, now delivered
     */
    public List<String> templatePublished(String cycleId) {
        return inTransaction(c -> {
            List<String> replayed = new ArrayList<>();
            Map<String, String> rows = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT customer_id, template_hash, replay_file"
                    + " FROM sjs_template_staging WHERE shop = ? AND cycle_id = ?")) {
                s.setString(1, shop);
                s.setString(2, cycleId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        rows.put(r.getString(1), r.getString(2));
                        if (r.getString(3) != null) {
                            replayed.add(r.getString(3));
                        }
                    }
                }
            }
            upsertAll(c, rows, CustomerState.Status.DATA_SERVICES_PENDING, now(), cycleId);
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM sjs_template_staging WHERE shop = ? AND cycle_id = ?")) {
                s.setString(1, shop);
                s.setString(2, cycleId);
                s.executeUpdate();
            }
            return replayed;
        });
    }

    /**
     * A customer dead-lettered as it is now (its fingerprint): until it changes or is replayed, later
     * cycles do not dead-letter it again.
     */
    public void deadLettered(String customerId, String customerHash) {
        inTransaction(c -> {
            // no longer held for a JOOR job either: nothing sends it again before a change or a replay
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM sjs_joor_unconfirmed WHERE shop = ? AND customer_id = ?")) {
                s.setString(1, shop);
                s.setString(2, customerId);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE sjs_customer_state SET dead_letter_hash = ?,"
                    + " updated_at = ? WHERE shop = ? AND customer_id = ?")) {
                s.setString(1, customerHash);
                time(s, 2, now());
                s.setString(3, shop);
                s.setString(4, customerId);
                if (s.executeUpdate() > 0) {
                    return null;
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO sjs_customer_state (shop, customer_id, status,"
                    + " dead_letter_hash, updated_at) VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, shop);
                s.setString(2, customerId);
                s.setString(3, CustomerState.Status.DEAD_LETTERED.name());
                s.setString(4, customerHash);
                time(s, 5, now());
                s.executeUpdate();
            }
            return null;
        });
    }

    /** A customer that lost its tag: no longer exported. */
    public void untag(String customerId) {
        inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE sjs_customer_state SET status = ?, updated_at = ?"
                    + " WHERE shop = ? AND customer_id = ?")) {
                s.setString(1, CustomerState.Status.UNTAGGED.name());
                time(s, 2, now());
                s.setString(3, shop);
                s.setString(4, customerId);
                s.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Customers pending at Data Services whose code JOOR's connection list now shows: Data Services
     * created them, later changes go through the API.
     *
     * @return how many became known
     */
    public int promoteKnown(Predicate<String> knownToJoor) {
        return inTransaction(c -> {
            List<String> promoted = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT customer_id FROM sjs_customer_state WHERE shop = ? AND status = ?")) {
                s.setString(1, shop);
                s.setString(2, CustomerState.Status.DATA_SERVICES_PENDING.name());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        if (knownToJoor.test(r.getString(1))) {
                            promoted.add(r.getString(1));
                        }
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE sjs_customer_state SET status = ?, pending_since = NULL,"
                    + " updated_at = ? WHERE shop = ? AND customer_id = ?")) {
                for (String id : promoted) {
                    s.setString(1, CustomerState.Status.JOOR.name());
                    time(s, 2, now());
                    s.setString(3, shop);
                    s.setString(4, id);
                    s.addBatch();
                }
                s.executeBatch();
            }
            return promoted.size();
        });
    }

    public PendingSubmissions pendingAtDataServices() {
        return inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*), MIN(pending_since) FROM sjs_customer_state"
                    + " WHERE shop = ? AND status = ?")) {
                s.setString(1, shop);
                s.setString(2, CustomerState.Status.DATA_SERVICES_PENDING.name());
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return new PendingSubmissions(r.getInt(1), instant(r, 2));
                }
            }
        });
    }

    /** Customers pending at Data Services since before the given time, oldest first. */
    public List<CustomerState> pendingSince(Instant before) {
        return pendingSince(before, Integer.MAX_VALUE);
    }

    /** The oldest {@code limit} customers pending at Data Services since before the given time, oldest first. */
    public List<CustomerState> pendingSince(Instant before, int limit) {
        return inTransaction(c -> {
            List<CustomerState> pending = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT customer_id, status, joor_hash, template_hash,"
                    + " dead_letter_hash, pending_since FROM sjs_customer_state WHERE shop = ? AND status = ?"
                    + " AND pending_since < ?"
                    + " ORDER BY pending_since, customer_id FETCH FIRST ? ROWS ONLY")) {
                s.setString(1, shop);
                s.setString(2, CustomerState.Status.DATA_SERVICES_PENDING.name());
                time(s, 3, at(before));
                s.setInt(4, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        pending.add(new CustomerState(r.getString(1), CustomerState.Status.valueOf(r.getString(2)),
                                r.getString(3), r.getString(4), r.getString(5), instant(r, 6), null));
                    }
                }
            }
            return pending;
        });
    }

    /** How many customers are pending at Data Services since before the given time. */
    public int pendingCountSince(Instant before) {
        return inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM sjs_customer_state"
                    + " WHERE shop = ? AND status = ? AND pending_since < ?")) {
                s.setString(1, shop);
                s.setString(2, CustomerState.Status.DATA_SERVICES_PENDING.name());
                time(s, 3, at(before));
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }
        });
    }

    /**
     * The customers other shops of this state store have delivered, dead-lettered or sent to Data
     * Services (shops=...: a JOOR account shared by several stores holds their connections too).
     */
    public java.util.Set<String> customersOfOtherShops() {
        return inTransaction(c -> {
            java.util.Set<String> codes = new java.util.HashSet<>();
            try (PreparedStatement s = c.prepareStatement("SELECT customer_id FROM sjs_customer_state WHERE shop <> ?")) {
                s.setString(1, shop);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        codes.add(r.getString(1));
                    }
                }
            }
            return codes;
        });
    }

    /** How many codes the last known-code index the sync routed on held; null before the first. */
    public Integer lastGoodIndex() {
        return inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT known_codes FROM sjs_joor_index WHERE shop = ?")) {
                s.setString(1, shop);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? r.getInt(1) : null;
                }
            }
        });
    }

    /** The sync routes on a known-code index of this many codes: the next one is compared with it. */
    public void goodIndex(int knownCodes) {
        inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE sjs_joor_index SET known_codes = ?, read_at = ? WHERE shop = ?")) {
                s.setInt(1, knownCodes);
                time(s, 2, now());
                s.setString(3, shop);
                if (s.executeUpdate() > 0) {
                    return null;
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO sjs_joor_index (shop, known_codes, read_at) VALUES (?, ?, ?)")) {
                s.setString(1, shop);
                s.setInt(2, knownCodes);
                time(s, 3, now());
                s.executeUpdate();
            }
            return null;
        });
    }

    /** How many customers stand as delivered to JOOR (known to JOOR, last sent through its API). */
    public int customersDeliveredToJoor() {
        return inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT COUNT(*) FROM sjs_customer_state WHERE shop = ? AND status = ?")) {
                s.setString(1, shop);
                s.setString(2, CustomerState.Status.JOOR.name());
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }
        });
    }

    /** The cluster's Quartz scheduler (SCHED_NAME): the same on every node. */
    public static final String CLUSTER_SCHEDULER = "shopify-joor-sync";

    /** The scheduler of one shop entry of several (each shop is failed over on its own), or the one shop's. */
    public static String clusterScheduler(String shopEntry) {
        return shopEntry == null ? CLUSTER_SCHEDULER : CLUSTER_SCHEDULER + "-" + shopEntry;
    }

    /** A node of a cluster as Quartz records its check-ins (sync.cluster.enabled, migration V6). */
    public record ClusterNode(String name, long lastCheckinMillis, long checkinIntervalMillis) {
        /** Quartz takes a node for dead once it has not checked in for its interval plus 7.5 s (ClusterManager). */
        public boolean alive(long nowMillis) {
            return nowMillis - lastCheckinMillis <= checkinIntervalMillis + 7_500;
        }
    }

    /** The nodes of a cluster's scheduler that have checked in, by name. */
    public java.util.List<ClusterNode> clusterNodes(String scheduler) {
        return inTransaction(c -> {
            java.util.List<ClusterNode> nodes = new java.util.ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT instance_name, last_checkin_time, checkin_interval"
                    + " FROM sjs_qrtz_scheduler_state WHERE sched_name = ? ORDER BY instance_name")) {
                s.setString(1, scheduler);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        nodes.add(new ClusterNode(r.getString(1), r.getLong(2), r.getLong(3)));
                    }
                }
            }
            return nodes;
        });
    }

    /** The watermark, or null before the first completed cycle. */
    public Instant watermark() {
        return inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT watermark FROM sjs_watermark WHERE shop = ? AND stream = ?")) {
                s.setString(1, shop);
                s.setString(2, STREAM);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? instant(r, 1) : null;
                }
            }
        });
    }

    /**
     * Delivered to JOOR (hashes are JOOR hashes) or pending at Data Services (template hashes), as JDBC
     * batches: one UPDATE per customer, then one INSERT for each customer the UPDATE did not find.
     */
    private void upsertAll(Connection c, Map<String, String> hashesById, CustomerState.Status status,
            OffsetDateTime now, String cycleId) throws SQLException {
        if (hashesById.isEmpty()) {
            return;
        }
        boolean joor = status == CustomerState.Status.JOOR;
        OffsetDateTime pendingSince = joor ? null : now;
        // which rows exist, read first: an update that finds no row costs nearly an insert, and a
        // first cycle's customers have none
        Set<String> existing = existing(c, hashesById.keySet());
        // pending_since keeps the first submission; a hash left null keeps the one stored
        if (!existing.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("UPDATE sjs_customer_state SET status = ?,"
                    + " joor_hash = COALESCE(?, joor_hash), template_hash = COALESCE(?, template_hash),"
                    + " dead_letter_hash = NULL,"
                    + " pending_since = CASE WHEN ? = 'JOOR' THEN NULL ELSE COALESCE(pending_since, ?) END,"
                    + " last_delivered_at = ?, last_seen_cycle = ?, updated_at = ? WHERE shop = ? AND customer_id = ?")) {
                for (String id : existing) {
                    s.setString(1, status.name());
                    s.setString(2, joor ? hashesById.get(id) : null);
                    s.setString(3, joor ? null : hashesById.get(id));
                    s.setString(4, status.name());
                    time(s, 5, pendingSince);
                    time(s, 6, now);
                    s.setString(7, cycleId);
                    time(s, 8, now);
                    s.setString(9, shop);
                    s.setString(10, id);
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
        if (existing.size() == hashesById.size()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO sjs_customer_state (shop, customer_id, status,"
                + " joor_hash, template_hash, pending_since, last_delivered_at, last_seen_cycle, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Map.Entry<String, String> row : hashesById.entrySet()) {
                String id = row.getKey();
                if (existing.contains(id)) {
                    continue;
                }
                s.setString(1, shop);
                s.setString(2, id);
                s.setString(3, status.name());
                s.setString(4, joor ? row.getValue() : null);
                s.setString(5, joor ? null : row.getValue());
                time(s, 6, pendingSince);
                time(s, 7, now);
                s.setString(8, cycleId);
                time(s, 9, now);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Which of these customers have a row, read by key in chunks ((shop, id) pairs seek the key). */
    private Set<String> existing(Connection c, Collection<String> customerIds) throws SQLException {
        Set<String> found = new HashSet<>();
        List<String> ids = new ArrayList<>(customerIds);
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            String pairs = String.join(",", java.util.Collections.nCopies(chunk.size(), "(?, ?)"));
            try (PreparedStatement s = c.prepareStatement("SELECT customer_id FROM sjs_customer_state"
                    + " WHERE (shop, customer_id) IN (" + pairs + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    s.setString(2 * i + 1, shop);
                    s.setString(2 * i + 2, chunk.get(i));
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.add(r.getString(1));
                    }
                }
            }
        }
        return found;
    }

    /** Binds a timestamp, typed even when null (PostgreSQL cannot infer an untyped null). */
    private static void time(PreparedStatement s, int index, OffsetDateTime value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            s.setObject(index, value);
        }
    }

    private OffsetDateTime now() {
        return at(clock.instant());
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
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
