package com.shopifyjoorsync.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of the whole process and of the sandbox servers' threads, so a run can say how much of
 * the two cores went to the in-process sandboxes rather than to the product.
 */
final class CpuWatch {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final Map<Long, Long> sandboxAtStart = new HashMap<>();
    private long processAtStart;

    void start() {
        sandboxAtStart.clear();
        sandboxAtStart.putAll(sandboxThreads());
        processAtStart = os.getProcessCpuTime();
    }

    /** Seconds of CPU the process used since {@link #start}. */
    double processSeconds() {
        return (os.getProcessCpuTime() - processAtStart) / 1e9;
    }

    /** Seconds of CPU the sandbox servers' threads used since {@link #start}. */
    double sandboxSeconds() {
        long total = 0;
        for (Map.Entry<Long, Long> t : sandboxThreads().entrySet()) {
            total += t.getValue() - sandboxAtStart.getOrDefault(t.getKey(), 0L);
        }
        return total / 1e9;
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

    private Map<Long, Long> sandboxThreads() {
        Map<Long, Long> out = new HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String name = t.getName();
            if (name.startsWith("shopify-sandbox-") || name.startsWith("joor-sandbox-")) {
                long cpu = threads.getThreadCpuTime(t.getId());
                if (cpu >= 0) {
                    out.put(t.getId(), cpu);
                }
            }
        }
        return out;
    }
}
