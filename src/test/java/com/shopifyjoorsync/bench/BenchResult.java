package com.shopifyjoorsync.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** One run's numbers, printed as {@code BENCH scenario=<name> n=<N> key=value ...}. */
final class BenchResult {
    final String scenario;
    final int n;
    final Map<String, String> values = new LinkedHashMap<>();

    BenchResult(String scenario, int n) {
        this.scenario = scenario;
        this.n = n;
    }

    BenchResult put(String key, long value) {
        values.put(key, Long.toString(value));
        return this;
    }

    BenchResult put(String key, double value) {
        values.put(key, Double.isNaN(value) ? "-" : String.format(java.util.Locale.ROOT,
                Math.abs(value) >= 100 ? "%.0f" : Math.abs(value) >= 10 ? "%.1f" : "%.3f", value));
        return this;
    }

    BenchResult put(String key, String value) {
        values.put(key, value);
        return this;
    }

    String get(String key) {
        return values.getOrDefault(key, "");
    }

    String line() {
        StringBuilder b = new StringBuilder("BENCH scenario=").append(scenario).append(" n=").append(n);
        values.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        return b.toString();
    }
}
