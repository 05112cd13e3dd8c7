package com.shopifyjoorsync.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox's customers, with one sorted index per sort key so that keyset pages cost
 * O(page + skipped non-matching entries) and never a copy of the whole store.
 *
 * <p>Stored customers are private copies that are never mutated once stored: an update replaces
 * the object. Readers need no lock; a page read while a writer moves a customer sees it at its old
 * or its new place (as Shopify's search index may), which is what keyset paging implies.
 */
final class ShopifySandboxStore {

    /** The sort keys the sandbox serves ({@code RELEVANCE} is served as {@code ID}). */
    enum Sort { ID, UPDATED_AT, CREATED_AT }

    /** Index key: (sort value, id); for ID the sort value is constant. */
    record Key(long seconds, int nanos, long id) implements Comparable<Key> {
        static Key of(Instant at, long id) {
            return new Key(at.getEpochSecond(), at.getNano(), id);
        }

        @Override
        public int compareTo(Key o) {
            int c = Long.compare(seconds, o.seconds);
            if (c == 0) {
                c = Integer.compare(nanos, o.nanos);
            }
            return c != 0 ? c : Long.compare(id, o.id);
        }

        Instant instant() {
            return Instant.ofEpochSecond(seconds, nanos);
        }
    }

    /** One customer of a page with its opaque cursor. */
    record Hit(SandboxCustomer customer, String cursor) { }

    record Page(List<Hit> hits, boolean hasNextPage, boolean hasPreviousPage) { }

    /** Thrown for a cursor that cannot be decoded; answered as a GraphQL error. */
    static final class BadCursorException extends RuntimeException {
        BadCursorException(String message) {
            super(message);
        }
    }

    private final Map<Long, SandboxCustomer> byId = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Key, SandboxCustomer> idIndex = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<Key, SandboxCustomer> updatedIndex = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<Key, SandboxCustomer> createdIndex = new ConcurrentSkipListMap<>();
    private final Object writeLock = new Object();

    /** Stores a private copy of {@code c}; fills in missing timestamps; times are kept to the second. */
    SandboxCustomer put(SandboxCustomer c) {
        SandboxCustomer stored = c.copy();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        if (stored.getUpdatedAt() == null) {
            stored.setUpdatedAt(now);
        }
        stored.setUpdatedAt(stored.getUpdatedAt().truncatedTo(ChronoUnit.SECONDS));
        if (stored.getCreatedAt() == null) {
            stored.setCreatedAt(stored.getUpdatedAt());
        }
        stored.setCreatedAt(stored.getCreatedAt().truncatedTo(ChronoUnit.SECONDS));
        if (stored.getState() == null) {
            stored.setState("ENABLED");
        }
        synchronized (writeLock) {
            SandboxCustomer old = byId.get(stored.getLegacyResourceId());
            // new places first, then drop the old ones: a concurrent reader never loses the customer
            index(stored);
            byId.put(stored.getLegacyResourceId(), stored);
            if (old != null) {
                unindex(old, stored);
            }
        }
        return stored;
    }

    /** Stores copies of many customers (used at start). */
    void putAll(List<SandboxCustomer> customers) {
        for (SandboxCustomer c : customers) {
            put(c);
        }
    }

    boolean remove(long id) {
        synchronized (writeLock) {
            SandboxCustomer old = byId.remove(id);
            if (old == null) {
                return false;
            }
            unindex(old, null);
            return true;
        }
    }

    private void index(SandboxCustomer c) {
        long id = c.getLegacyResourceId();
        idIndex.put(new Key(0, 0, id), c);
        updatedIndex.put(Key.of(c.getUpdatedAt(), id), c);
        createdIndex.put(Key.of(c.getCreatedAt(), id), c);
    }

    private void unindex(SandboxCustomer old, SandboxCustomer replacement) {
        long id = old.getLegacyResourceId();
        if (replacement == null) {
            idIndex.remove(new Key(0, 0, id));
        }
        Key u = Key.of(old.getUpdatedAt(), id);
        if (replacement == null || !u.equals(Key.of(replacement.getUpdatedAt(), id))) {
            updatedIndex.remove(u);
        }
        Key k = Key.of(old.getCreatedAt(), id);
        if (replacement == null || !k.equals(Key.of(replacement.getCreatedAt(), id))) {
            createdIndex.remove(k);
        }
    }

    /** The stored object itself (never mutated; callers outside the package get copies). */
    SandboxCustomer get(long id) {
        return byId.get(id);
    }

    int size() {
        return byId.size();
    }

    /** All customers in id order (the stored objects). */
    List<SandboxCustomer> all() {
        return new ArrayList<>(idIndex.values());
    }

    int count(Predicate<SandboxCustomer> filter, int limit) {
        if (filter == null) {
            return byId.size();
        }
        int n = 0;
        for (SandboxCustomer c : idIndex.values()) {
            if (filter.test(c) && ++n > limit) {
                return n;
            }
        }
        return n;
    }

    /**
     * Every matching customer in the connection's order, as a bulk operation reads them: the
     * stored objects (never mutated), so the list is a snapshot that later writes do not change.
     */
    List<SandboxCustomer> matching(Sort sort, boolean reverse, Predicate<SandboxCustomer> filter) {
        NavigableMap<Key, SandboxCustomer> view = reverse ? index(sort).descendingMap() : index(sort);
        List<SandboxCustomer> out = new ArrayList<>();
        for (SandboxCustomer c : view.values()) {
            if (filter == null || filter.test(c)) {
                out.add(c);
            }
        }
        return out;
    }

    /** The cursor of a customer's edge in a connection sorted by {@code sort}. */
    static String cursorOf(Sort sort, SandboxCustomer c) {
        long id = c.getLegacyResourceId();
        return encode(sort, switch (sort) {
            case ID -> new Key(0, 0, id);
            case UPDATED_AT -> Key.of(c.getUpdatedAt(), id);
            case CREATED_AT -> Key.of(c.getCreatedAt(), id);
        });
    }

    private NavigableMap<Key, SandboxCustomer> index(Sort sort) {
        return switch (sort) {
            case ID -> idIndex;
            case UPDATED_AT -> updatedIndex;
            case CREATED_AT -> createdIndex;
        };
    }

    /**
     * One page, keyset style: {@code after}/{@code before} are cursors naming (sort value, id) of a
     * node; the page starts strictly after / ends strictly before it, wherever that node is now.
     */
    Page page(Sort sort, boolean reverse, Integer first, String after, Integer last, String before,
              Predicate<SandboxCustomer> filter) {
        Predicate<SandboxCustomer> match = filter == null ? c -> true : filter;
        NavigableMap<Key, SandboxCustomer> view = reverse ? index(sort).descendingMap() : index(sort);
        Key afterKey = after == null ? null : decode(sort, after);
        Key beforeKey = before == null ? null : decode(sort, before);
        NavigableMap<Key, SandboxCustomer> range = view;
        if (afterKey != null) {
            range = range.tailMap(afterKey, false);
        }
        if (beforeKey != null) {
            range = range.headMap(beforeKey, false);
        }
        List<Hit> hits = new ArrayList<>();
        boolean more = false;
        if (first != null) {
            for (Map.Entry<Key, SandboxCustomer> e : range.entrySet()) {
                if (!match.test(e.getValue())) {
                    continue;
                }
                if (hits.size() == first) {
                    more = true;
                    break;
                }
                hits.add(new Hit(e.getValue(), encode(sort, e.getKey())));
            }
            boolean hasPrevious = afterKey != null && anyMatch(view.headMap(afterKey, true).descendingMap(), match);
            return new Page(hits, more, hasPrevious);
        }
        int n = last == null ? 0 : last;
        for (Map.Entry<Key, SandboxCustomer> e : range.descendingMap().entrySet()) {
            if (!match.test(e.getValue())) {
                continue;
            }
            if (hits.size() == n) {
                more = true;
                break;
            }
            hits.add(new Hit(e.getValue(), encode(sort, e.getKey())));
        }
        Collections.reverse(hits);
        boolean hasNext = beforeKey != null && anyMatch(view.tailMap(beforeKey, true), match);
        return new Page(hits, hasNext, more);
    }

    private static boolean anyMatch(NavigableMap<Key, SandboxCustomer> m, Predicate<SandboxCustomer> match) {
        for (SandboxCustomer c : m.values()) {
            if (match.test(c)) {
                return true;
            }
        }
        return false;
    }

    // Cursor: base64url of {"last_id":<id>,"last_value":"<sort value>"}, like Shopify's own cursors.
    private static final Pattern CURSOR = Pattern.compile(
            "\\{\"last_id\":(\\d+),\"last_value\":\"([^\"]*)\"}");

    static String encode(Sort sort, Key key) {
        String value = sort == Sort.ID ? Long.toString(key.id()) : key.instant().toString();
        String json = "{\"last_id\":" + key.id() + ",\"last_value\":\"" + value + "\"}";
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static Key decode(Sort sort, String cursor) {
        String json;
        try {
            json = new String(Base64.getUrlDecoder().decode(cursor.trim().replace('+', '-').replace('/', '_')
                    .replace("=", "")), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadCursorException("Invalid cursor for current pagination sort.");
        }
        Matcher m = CURSOR.matcher(json);
        if (!m.matches()) {
            throw new BadCursorException("Invalid cursor for current pagination sort.");
        }
        try {
            long id = Long.parseLong(m.group(1));
            if (sort == Sort.ID) {
                return new Key(0, 0, id);
            }
            return Key.of(Instant.parse(m.group(2)), id);
        } catch (RuntimeException e) {
            throw new BadCursorException("Invalid cursor for current pagination sort.");
        }
    }
}
