package com.shopifyjoorsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.shopifyjoorsync.sandbox.DemoData;
import com.shopifyjoorsync.sandbox.JoorSandbox;
import com.shopifyjoorsync.sandbox.SandboxSettings;
import com.shopifyjoorsync.sandbox.ShopifySandbox;

/**
 * A generated store in the two sandbox servers, and the settings that point the real camel-main
 * configuration at them, every output in a folder of its own (deleted on close).
 */
final class BenchStore implements AutoCloseable {
    /** 30% of customers tagged for JOOR, half of those already known to JOOR. */
    static final double TAGGED_SHARE = 0.3;
    static final double KNOWN_SHARE_OF_TAGGED = 0.5;

    final int n;
    /** Codes JOOR knows at the start; the generated customers themselves live in the Shopify sandbox only. */
    final Set<String> knownCodes;
    final long eligible;
    final ShopifySandbox shopify;
    final JoorSandbox joor;
    final Path dir;
    final Map<String, String> settings = new LinkedHashMap<>();

    BenchStore(int n, long seed) throws IOException {
        this.n = n;
        DemoData data = DemoData.generated(seed, n, TAGGED_SHARE, KNOWN_SHARE_OF_TAGGED);
        this.knownCodes = Set.copyOf(data.knownCodes());
        this.eligible = data.customers().stream().filter(DemoData::isEligible).count();
        this.shopify = ShopifySandbox.start(data);
        this.joor = JoorSandbox.start();
        joor.seedKnownCodes(knownCodes);
        joor.setKeepReceived(false);
        this.dir = Files.createTempDirectory("sjs-bench-" + n + "-");
        settings.putAll(SandboxSettings.pointingAt(shopify, joor));
        settings.put("joor.price-label", "Wholesale USD");
        settings.putAll(SandboxSettings.runningIn(dir));
    }

    /** No rate limit anywhere: both sandboxes unlimited, and the product's JOOR budget out of the way. */
    BenchStore unlimited() {
        shopify.setUnlimited(true);
        joor.setUnlimited(true);
        settings.put("joor.credits-per-window", "1000000");
        settings.put("joor.credit-window", "1s");
        return this;
    }

    @Override
    public void close() throws IOException {
        shopify.close();
        joor.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
