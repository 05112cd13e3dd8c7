package com.shopifyjoorsync.app;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The seam between {@code --sandbox} and the sandbox servers (src/sandbox/java). Only the runnable jar
 * target/shopify-joor-sync.jar carries the sandbox, so the jar a host ESB embeds has neither it nor
 * graphql-java: the Launcher finds it by ServiceLoader
 * (META-INF/services/com.shopifyjoorsync.app.EmbeddedSandbox in src/sandbox/resources), never by name.
 */
public interface EmbeddedSandbox extends AutoCloseable {

    /** The sandbox when this classpath carries it (the runnable jar, the tests), else empty. */
    static Optional<EmbeddedSandbox> find() {
        return ServiceLoader.load(EmbeddedSandbox.class, EmbeddedSandbox.class.getClassLoader()).findFirst();
    }

    /**
     * Starts a local Shopify store and a local JOOR account, seeded with demo customers; returns the
     * settings that point the sync at them.
     */
    Map<String, String> start();

    /** Where each server listens and what it holds, one line each: what --sandbox prints first. */
    String describe();

    /**
     * The sync's receiver is subscribed at {@code url}: the sandbox store may start changing customers
     * now and then so that its deliveries show. Returns a line saying what it does, or null.
     */
    default String webhooksRegistered(String url) {
        return null;
    }

    /** Stops the servers. */
    @Override
    void close();
}
