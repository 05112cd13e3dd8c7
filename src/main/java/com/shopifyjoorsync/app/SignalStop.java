package com.shopifyjoorsync.app;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGTERM and Ctrl-C run the JVM's shutdown hooks; this one stops the application the way Camel
 * stops gracefully: a running cycle stops at its next batch boundary (the page being routed, the
 * JOOR batch on its way answered and its job recorded), the routes stop, and only then the state
 * store closes. The process then exits with the code its run decided (0 for the long-running sync,
 * see {@link Launcher}), not the JVM's 143.
 */
final class SignalStop implements AutoCloseable {
    /** How long the hook waits, once the application stopped, for the run to decide its exit code. */
    private static final long DECIDE_SECONDS = 10;
    private static final CountDownLatch EXITING = new CountDownLatch(1);
    private static volatile int exitCode;

    private final Thread hook;

    /** Stops {@code app} gracefully when the JVM is asked to stop, until {@link #close()}. */
    SignalStop(AutoCloseable app) {
        hook = new Thread(() -> {
            try {
                app.close();
            } catch (Exception e) {
                throw new IllegalStateException("Could not stop cleanly", e);
            }
            awaitExitCode();
        }, "shopify-joor-sync-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The run is over: no stop to do on its behalf any more. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is stopping: the hook runs, and ends the process with the run's exit code
        }
    }

    /** Ends the process with the run's exit code, also when a signal is stopping it. */
    static void exit(int code) {
        exitCode = code;
        EXITING.countDown();
        System.exit(code); // while a signal's shutdown runs, this waits: the hook halts with the code
    }

    private static void awaitExitCode() {
        try {
            if (EXITING.await(DECIDE_SECONDS, TimeUnit.SECONDS)) {
                Runtime.getRuntime().halt(exitCode);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
