package com.shopifyjoorsync.state;

import java.time.Instant;

/** Customers submitted to Data Services and not yet in JOOR: how many, and since when the oldest. */
public record PendingSubmissions(int count, Instant oldestSince) {
}
