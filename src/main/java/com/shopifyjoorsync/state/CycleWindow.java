package com.shopifyjoorsync.state;

import java.time.Instant;

/**
 * The customers a cycle reads: updated in [start, end] (start null: all of them), end frozen when the
 * cycle starts; a full sweep reads every tagged customer whatever its updatedAt.
 */
public record CycleWindow(Instant start, Instant end, boolean fullSweep) {
}
