package com.shopifyjoorsync.joor;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The Customer Codes JOOR knows, kept small: the codes that are Shopify customer ids (decimal numbers,
 * all the sync ever looks up) as a sorted {@code long[]}, 8 bytes a code instead of a hundred in a
 * {@code HashSet<String>}; any other code (a tradeshow customer's) as text. So the index stays a
 * fraction of the heap at hundreds of thousands of wholesale customers. Immutable once built.
 */
final class CustomerCodeSet extends AbstractSet<String> {
    static final CustomerCodeSet EMPTY = new Builder().build();

    private final long[] numbers;
    private final Set<String> others;

    private CustomerCodeSet(long[] numbers, Set<String> others) {
        this.numbers = numbers;
        this.others = others;
    }

    @Override
    public boolean contains(Object code) {
        if (!(code instanceof String text)) {
            return false;
        }
        long number = number(text);
        return number >= 0 ? Arrays.binarySearch(numbers, number) >= 0 : others.contains(text);
    }

    @Override
    public int size() {
        return numbers.length + others.size();
    }

    @Override
    public Iterator<String> iterator() {
        Iterator<String> rest = others.iterator();
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < numbers.length || rest.hasNext();
            }

            @Override
            public String next() {
                if (next < numbers.length) {
                    return Long.toString(numbers[next++]);
                }
                if (!rest.hasNext()) {
                    throw new NoSuchElementException();
                }
                return rest.next();
            }
        };
    }

    /** The code as a number when it is written as one canonically (digits, no leading zero, fits a long); else -1. */
    static long number(String code) {
        int length = code.length();
        if (length == 0 || length > 18 || (code.charAt(0) == '0' && length > 1)) {
            return -1; // 18 digits always fit a long; longer ones are kept as text
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    static final class Builder {
        private long[] numbers = new long[1024];
        private int count;
        private final Set<String> others = new HashSet<>();

        Builder add(String code) {
            long number = number(code);
            if (number < 0) {
                others.add(code);
            } else {
                if (count == numbers.length) {
                    numbers = Arrays.copyOf(numbers, count * 2);
                }
                numbers[count++] = number;
            }
            return this;
        }

        CustomerCodeSet build() {
            long[] sorted = Arrays.copyOf(numbers, count);
            Arrays.sort(sorted);
            int distinct = 0;
            for (int i = 0; i < sorted.length; i++) {
                if (i == 0 || sorted[i] != sorted[i - 1]) {
                    sorted[distinct++] = sorted[i];
                }
            }
            return new CustomerCodeSet(Arrays.copyOf(sorted, distinct), Set.copyOf(others));
        }
    }
}
