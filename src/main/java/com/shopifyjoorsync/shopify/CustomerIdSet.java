package com.shopifyjoorsync.shopify;

/**
 * The Shopify customer ids a loop over customer pages has taken, 8 to 16 bytes an id (an open-addressing
 * table of {@code long}s, at most half full) instead of a hundred in a {@code HashSet<String>}: a
 * cycle over 100,000 customers holds about 2 MB. Not thread-safe: one loop, one thread.
 */
final class CustomerIdSet {
    private static final int FIRST_CAPACITY = 1024;

    private long[] slots = new long[FIRST_CAPACITY]; // 0 = free; the id 0 is kept apart
    private boolean hasZero;
    private int size;

    /** Adds the id; false when it was there already. */
    boolean add(long id) {
        if (id == 0) {
            boolean added = !hasZero;
            hasZero = true;
            size += added ? 1 : 0;
            return added;
        }
        if (2 * (size + 1) > slots.length) {
            grow();
        }
        if (!insert(slots, id)) {
            return false;
        }
        size++;
        return true;
    }

    int size() {
        return size;
    }

    private static boolean insert(long[] table, long id) {
        int mask = table.length - 1;
        for (int i = slot(id, mask);; i = (i + 1) & mask) {
            if (table[i] == id) {
                return false;
            }
            if (table[i] == 0) {
                table[i] = id;
                return true;
            }
        }
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (long id : slots) {
            if (id != 0) {
                insert(bigger, id);
            }
        }
        slots = bigger;
    }

    private static int slot(long id, int mask) {
        long h = id * 0x9E3779B97F4A7C15L; // Fibonacci hashing: ids close together spread out
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
