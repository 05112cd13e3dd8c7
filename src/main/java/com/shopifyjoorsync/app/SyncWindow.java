package com.shopifyjoorsync.app;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopifyjoorsync.state.CycleWindow;
import com.shopifyjoorsync.state.StateStore;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * The cycle's window and watermark: [watermark - overlap, now] from the state store, the end frozen
 * when the cycle opens (or every tagged customer: the first cycle and the periodic full sweep); the
 * watermark moves to that end when the cycle completes. Which customers fall in it is decided here.
 */
public final class SyncWindow {
    private final StateStore state;
    private final Duration overlap;
    private final Duration fullSweepEvery;
    private final Instant initialSince;

    public SyncWindow(StateStore state, Duration overlap, Duration fullSweepEvery, Instant initialSince) {
        this.state = state;
        this.overlap = overlap;
        this.fullSweepEvery = fullSweepEvery;
        this.initialSince = initialSince;
    }

    /** The window of a cycle opening now. */
    CycleWindow open(Instant now) {
        return state.openWindow(now, overlap, fullSweepEvery, initialSince);
    }

    /** Shopify's timestamps are whole seconds: a window starts at a whole second, inclusive. */
    static Instant since(CycleWindow window) {
        return window.start() == null ? null : window.start().truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * A completed cycle: the watermark moves to the window's end; the number of exported customers
     * a full sweep found untagged.
     */
    long close(String cycleId, CycleWindow window) {
        return state.closeWindow(cycleId, window);
    }

    /** Shopify's updated_at filter is day-granular: the exact window is applied here. */
    public boolean inWindow(@Body JsonNode customer, @ExchangeProperty("windowStart") Instant windowStart,
            @ExchangeProperty("windowEnd") Instant windowEnd) {
        String updated = customer.path("updatedAt").asText(null);
        if (updated == null) {
            return true;
        }
        try {
            Instant at = shopifyDateTime(updated);
            return (windowStart == null || !at.isBefore(windowStart)) && (windowEnd == null || !at.isAfter(windowEnd));
        } catch (DateTimeParseException e) {
            return true;
        }
    }

    /**
     * Shopify's DateTime, in the UTC form it sends ({@code 2026-10-12T22:13:29Z}) read by hand, any
     * other ISO-8601 form by the formatter: parsing with a formatter cost more than the rest of the
     * window check for every customer.
     */
    static Instant shopifyDateTime(String text) {
        if (text.length() == 20 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(19) == 'Z') {
            try {
                return java.time.LocalDateTime.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10),
                        digits(text, 11, 13), digits(text, 14, 16), digits(text, 17, 19)).toInstant(ZoneOffset.UTC);
            } catch (NumberFormatException | java.time.DateTimeException e) {
                // not what it looked like: the formatter says what is wrong
            }
        }
        return OffsetDateTime.parse(text).toInstant();
    }

    private static int digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                throw new NumberFormatException(text);
            }
        }
        return Integer.parseInt(text, from, to, 10);
    }
}
