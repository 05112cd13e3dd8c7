package com.shopifyjoorsync.joor;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * JOOR's connection list is the account's: shops of one deployment that post to the same account
 * (shops=..., each in a Camel context of its own in this JVM) read it once between them. A shop
 * about to read takes the read another shop of the account has under way, or finished less than
 * {@link #FRESH} ago; otherwise it reads, and the others may take its read. A read that fails gives
 * nothing: whoever waited for it reads itself. Reads are never taken from the same shop (its own
 * last read is what a new cycle refreshes).
 */
public final class AccountListReads {
    /** How old another shop's read may be to be taken instead of reading: shops on one timer fire together. */
    public static final Duration FRESH = Duration.ofMinutes(1);
    private static final ConcurrentMap<String, Read> LAST = new ConcurrentHashMap<>();

    /** One read of an account's list, by one shop. */
    public static final class Read {
        private final String account;
        private final String shop;
        private final CompletableFuture<CustomerCodeSet> codes = new CompletableFuture<>();
        private volatile long doneAtNanos;

        private Read(String account, String shop) {
            this.account = account;
            this.shop = shop;
        }

        public String shop() {
            return shop;
        }

        /** The codes every page gave, for the shops that wait. */
        public void read(CustomerCodeSet set) {
            doneAtNanos = System.nanoTime();
            codes.complete(set);
        }

        /** Ended without a whole list (failed, stopped): the waiting shops read themselves. */
        public void ended() {
            if (codes.complete(null)) {
                LAST.remove(account, this);
            }
        }

        private boolean takeable(String by, long now) {
            if (shop.equals(by) || codes.isCompletedExceptionally()) {
                return false;
            }
            if (!codes.isDone()) {
                return true;
            }
            return codes.getNow(null) != null && now - doneAtNanos <= FRESH.toNanos();
        }
    }

    /** What a shop does: take another shop's read ({@link #taken}), or read itself ({@link #own}). */
    public record Start(Read taken, Read own) {
    }

    private AccountListReads() {
    }

    /** Another shop's read to take, or this shop's own read, registered for the others. */
    public static Start begin(String account, String shop) {
        long now = System.nanoTime();
        Read[] taken = new Read[1];
        Read own = LAST.compute(account, (k, last) -> {
            if (last != null && last.takeable(shop, now)) {
                taken[0] = last;
                return last;
            }
            return new Read(account, shop);
        });
        return taken[0] != null ? new Start(taken[0], null) : new Start(null, own);
    }

    /** The codes of another shop's read, once it ends; null when it gave none (or took longer than {@code wait}). */
    public static CustomerCodeSet await(Read read, Duration wait) throws InterruptedException {
        try {
            return read.codes.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }
}
