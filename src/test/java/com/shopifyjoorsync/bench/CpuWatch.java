package com.shopifyjoorsync.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of this process (the product and the harness; the sandboxes report their own JVM's),
 * and per thread for -Dbench.threads.
 */
final class CpuWatch {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long processAtStart;

    void start() {
        processAtStart = os.getProcessCpuTime();
    }

    /** Seconds of CPU the process used since {@link #start}. */
    double processSeconds() {
        return (os.getProcessCpuTime() - processAtStart) / 1e9;
    }

    /** CPU seconds per live thread (by name) since the given snapshot, largest first, for -Dbench.threads. */
    String busiestThreads(Map<Long, Long> since) {
        Map<String, Long> byName = new HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            long cpu = threads.getThreadCpuTime(t.getId());
            if (cpu >= 0) {
                byName.merge(t.getName().replaceAll("-?\\d+$", "-N"), cpu - since.getOrDefault(t.getId(), 0L), Long::sum);
            }
        }
        StringBuilder b = new StringBuilder();
        byName.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(e -> b.append(String.format(" %s=%.2f", e.getKey(), e.getValue() / 1e9)));
        return b.toString().trim();
    }

    Map<Long, Long> allThreads() {
        Map<Long, Long> out = new HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            out.put(t.getId(), threads.getThreadCpuTime(t.getId()));
        }
        return out;
    }
}
