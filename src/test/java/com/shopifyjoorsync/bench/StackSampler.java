package com.shopifyjoorsync.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A wall-clock sampler of one thread (the one running the cycle): its stack every few milliseconds,
 * whatever it is doing (running, waiting on a socket, sleeping), written as collapsed stacks
 * ({@code frame;frame;frame count}) for a flame graph or a grep. Turned on with
 * {@code -Dbench.sample=<file>}; JFR's sampler only sees running threads.
 */
final class StackSampler implements AutoCloseable {
    private final Thread target;
    private final Path out;
    private final Map<String, Integer> stacks = new HashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    StackSampler(Thread target, Path out) {
        this.target = target;
        this.out = out;
        this.sampler = new Thread(this::sample, "bench-stack-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    static StackSampler ofCurrentThread() {
        String file = System.getProperty("bench.sample");
        return file == null ? null : new StackSampler(Thread.currentThread(), Path.of(file));
    }

    private void sample() {
        while (running) {
            StackTraceElement[] stack = target.getStackTrace();
            StringBuilder b = new StringBuilder();
            for (int i = stack.length - 1; i >= 0; i--) {
                b.append(stack[i].getClassName()).append('.').append(stack[i].getMethodName());
                if (i > 0) {
                    b.append(';');
                }
            }
            synchronized (stacks) {
                stacks.merge(b.toString(), 1, Integer::sum);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        sampler.interrupt();
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
            synchronized (stacks) {
                stacks.forEach((stack, count) -> w.println(stack + " " + count));
            }
        }
    }
}
