package com.shopifyjoorsync.state;

/** Customers sent to JOOR and not confirmed: awaiting their job's result, or to be sent again. */
public record UnconfirmedCounts(int awaiting, int toResend) {
}
