package com.shopifyjoorsync.state;

/** Something delivered for one customer: its code and the hash of what was sent. */
public interface Delivery {
    String code();

    String contentHash();

    /** The dead-letter record this delivery replays, or null. */
    default String replayFile() {
        return null;
    }
}
