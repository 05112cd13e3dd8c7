package com.shopifyjoorsync.app;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test of the real configuration against fresh sandbox servers, every output in a temporary
 * folder. Subclasses' own @BeforeEach run after the sandbox starts, their @AfterEach before it stops.
 */
abstract class SandboxTest {
    @TempDir
    Path dir;
    SandboxHarness sandbox;

    @BeforeEach
    void startSandbox() {
        sandbox = new SandboxHarness(dir);
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }
}
