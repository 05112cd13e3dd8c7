package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.junit.jupiter.api.Test;

/** The dev profile watches routes/ and reloads what changes there; production does not. */
class DevProfileTest extends SandboxTest {
    @Test
    void theDevProfileReloadsRoutesFromTheRoutesFolder() throws Exception {
        sandbox.settings.put("camel.main.profile", "dev");
        try (SyncApplication app = sandbox.startApp()) {
            assertThat(app.context().getCamelContextExtension().getProfile()).isEqualTo("dev");
            RouteWatcherReloadStrategy reload = app.context().hasService(RouteWatcherReloadStrategy.class);
            assertThat(reload).isNotNull();
            assertThat(reload.getFolder()).isEqualTo("routes");
            assertThat(reload.getPattern()).isEqualTo("*.camel.yaml");
        }
    }

    @Test
    void withoutAProfileNothingIsWatched() throws Exception {
        try (SyncApplication app = sandbox.startApp()) {
            assertThat(app.context().hasService(RouteWatcherReloadStrategy.class)).isNull();
        }
    }
}
