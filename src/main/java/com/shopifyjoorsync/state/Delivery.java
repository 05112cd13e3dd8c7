package com.shopifyjoorsync.state;

/** Something delivered for one customer: its code and the hash of what was sent. */
public interface Delivery {
    String code();

    String contentHash();
}
