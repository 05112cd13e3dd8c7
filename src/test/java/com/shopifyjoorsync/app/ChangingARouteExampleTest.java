package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit for checking a change of your own to the routes (README, "Changing routes"): start the
 * bundle as it ships (./application.properties, ./routes/) against the sandbox servers, change one
 * step the way your edit would, run one cycle, and assert on what JOOR and the template received.
 * Copy this class, then change the advice and the assertions. The steps' ids and what the body and
 * properties hold at each of them are in the table at the top of routes/customer.camel.yaml.
 */
class ChangingARouteExampleTest {
    @TempDir
    Path dir;

    @Test
    void aStepAfterTheMappingPutsEveryConnectionSentToJoorInTheWholesaleGroup() throws Exception {
        try (SandboxHarness sandbox = new SandboxHarness(dir); SyncApplication app = sandbox.startApp()) {
            // the change: one step after sjs-map-customer, whose body is the mapping's {connection, template}
            AdviceWith.adviceWith(app.context(), "sjs-eligible-customer", route -> route
                    .weaveById("sjs-map-customer").after()
                    .process(exchange -> ((ObjectNode) exchange.getMessage().getBody(JsonNode.class).get("connection"))
                            .put("customer_group_code", "WHOLESALE")));

            SyncApplication.CycleResult result = app.runCycle();

            assertThat(result.failed()).as(result.summary()).isFalse();
            // what JOOR received: every connection carries the group, and the rest of the path is untouched
            assertThat(sandbox.joor.receivedConnections()).isNotEmpty()
                    .allSatisfy(c -> assertThat(c.path("customer_group_code").asText()).isEqualTo("WHOLESALE"))
                    .allSatisfy(c -> assertThat(sandbox.knownEligible()).contains(c.path("customer_code").asText()));
            // what the template received: the new customers, as before the change
            assertThat(SandboxHarness.codesOf(sandbox.templateRows())).isNotEmpty()
                    .doesNotContainAnyElementsOf(sandbox.knownEligible());
        }
    }
}
