package com.shopifyjoorsync.joor;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import com.shopifyjoorsync.state.CreditLedger;
import com.shopifyjoorsync.state.StateStore;

import org.h2.jdbcx.JdbcDataSource;

/** A shared clock that sleeping advances; records every sleep. Pacers on it book into a state store of their own. */
final class FakeTime implements JoorCreditPacer.Sleeper {

    private final AtomicLong nanos = new AtomicLong(7_000_000_000_000L);
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    long now() {
        return nanos.get();
    }

    long advance(Duration d) {
        return nanos.addAndGet(d.toNanos());
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        advance(duration);
        Thread.yield();
    }

    /** A pacer alone on a fresh in-memory state store; gives up after three windows. */
    JoorCreditPacer pacer(int credits, Duration window) {
        return pacer(credits, window, ledger());
    }

    /** A pacer booking into {@code ledger}, as a process on that store does. */
    JoorCreditPacer pacer(int credits, Duration window, CreditLedger ledger) {
        return new JoorCreditPacer(credits, window, window.multipliedBy(3), ledger, this::now, this);
    }

    /** The ledger of a fresh in-memory state store (the real tables, migrated). */
    static CreditLedger ledger() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:ledger-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        StateStore.migrate(dataSource);
        return new CreditLedger(dataSource, "https://api.jooraccess.com/v2");
    }
}
