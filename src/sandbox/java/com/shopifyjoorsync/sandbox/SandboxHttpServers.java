package com.shopifyjoorsync.sandbox;

import java.io.IOException;
import java.net.InetSocketAddress;

import com.sun.net.httpserver.HttpServer;

/**
 * The sandboxes' HTTP servers. The JDK's server writes an answer's headers and body separately and
 * leaves Nagle's algorithm on, so every answer waited some 40 ms for the client's delayed ACK:
 * at 100,000 customers that was the sandbox's latency, not the product's. Its TCP_NODELAY switch is
 * a JVM-wide property read once, when the first server starts.
 */
final class SandboxHttpServers {
    private SandboxHttpServers() {
    }

    static HttpServer create(InetSocketAddress address, int backlog) throws IOException {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        return HttpServer.create(address, backlog);
    }
}
