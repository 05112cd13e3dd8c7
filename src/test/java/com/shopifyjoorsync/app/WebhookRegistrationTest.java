package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * --register-webhooks URL and the subscriptions line of --check, as an engineer runs them, with the
 * real configuration against the sandbox store (which keeps subscriptions as Shopify does).
 */
class WebhookRegistrationTest extends SandboxTest {
    private static final String URL = "https://sync.example.com/shopify/webhooks";
    private static final List<String> TOPIC_VALUES = List.of("CUSTOMER_TAGS_ADDED", "CUSTOMER_TAGS_REMOVED",
            "CUSTOMERS_CREATE", "CUSTOMERS_DELETE", "CUSTOMERS_MERGE", "CUSTOMERS_UPDATE");

    private record Run(int exit, String out, String err) {
        String line(String start) {
            return out.lines().filter(l -> l.startsWith(start + " ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no line for " + start + " in\n" + out + err));
        }

        /** The --check line of one check. */
        String check(String check) {
            return out.lines().filter(l -> l.length() > 13 && l.substring(13).startsWith(check)).findFirst()
                    .orElseThrow(() -> new AssertionError("no line for " + check + " in\n" + out + err));
        }
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Launcher.run(args, sandbox.settings, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private long mutations() {
        return sandbox.shopify.receivedQueries().stream().filter(q -> q.strip().startsWith("mutation")).count();
    }

    @Test
    void registeringTwiceCreatesEachSubscriptionOnceAndTheSecondRunChangesNothing() {
        Run first = run("--register-webhooks", URL);

        assertThat(first.exit()).as(first.out() + first.err()).isZero();
        for (String topic : List.of("customers/create", "customers/update", "customers/delete", "customers/merge",
                "customer.tags_added", "customer.tags_removed")) {
            assertThat(first.line(topic)).contains(" created ", URL, "gid://shopify/WebhookSubscription/");
        }
        assertThat(first.out()).contains("WEBHOOKS REGISTERED: " + URL + " for 6 of 6 topics (6 created, 0 updated,"
                + " 0 unchanged)");
        assertThat(sandbox.shopify.webhooks().subscriptions()).containsOnlyKeys(TOPIC_VALUES)
                .allSatisfy((topic, uris) -> assertThat(uris).containsExactly(URL));
        assertThat(mutations()).isEqualTo(6);

        sandbox.shopify.resetStats();
        Run second = run("--register-webhooks", URL);

        assertThat(second.exit()).as(second.out() + second.err()).isZero();
        assertThat(second.line("customers/update")).contains(" unchanged ", URL);
        assertThat(second.out()).contains("(0 created, 0 updated, 6 unchanged)");
        assertThat(mutations()).isZero();
        assertThat(sandbox.shopify.webhooks().subscriptions())
                .allSatisfy((topic, uris) -> assertThat(uris).containsExactly(URL));
    }

    @Test
    void aSubscriptionPointingElsewhereIsMovedToTheUrlAndAnotherOneLeftAsIsIsNamed() {
        String old = sandbox.shopify.webhooks().subscribe("CUSTOMERS_UPDATE", "https://old-host.example.com/hooks");
        sandbox.shopify.webhooks().subscribe("CUSTOMERS_DELETE", "https://staging.example.com/shopify/webhooks");
        sandbox.shopify.webhooks().subscribe("CUSTOMERS_DELETE", URL);

        Run run = run("--register-webhooks", URL);

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.line("customers/update")).contains(" updated ", URL + " " + old,
                "was https://old-host.example.com/hooks (JSON)");
        assertThat(run.line("customers/delete")).contains(" unchanged ", URL,
                "also subscribed, left as is: https://staging.example.com/shopify/webhooks");
        assertThat(run.out()).contains("(4 created, 1 updated, 1 unchanged)");
        Map<String, List<String>> now = sandbox.shopify.webhooks().subscriptions();
        assertThat(now.get("CUSTOMERS_UPDATE")).containsExactly(URL);
        assertThat(now.get("CUSTOMERS_DELETE")).containsExactly("https://staging.example.com/shopify/webhooks", URL);
    }

    @Test
    void aUrlShopifyWouldNotDeliverToIsAConfigurationErrorAndNothingIsAsked() {
        Run plain = run("--register-webhooks", "http://sync.example.com/shopify/webhooks");
        Run none = run("--register-webhooks");
        Run twoCommands = run("--register-webhooks", URL, "--check");

        assertThat(plain.exit()).isEqualTo(Launcher.CONFIGURATION);
        assertThat(plain.err()).contains("https://", "Shopify delivers over HTTPS only");
        assertThat(none.exit()).isEqualTo(Launcher.CONFIGURATION);
        assertThat(none.err()).contains("--register-webhooks needs the public URL");
        assertThat(twoCommands.exit()).isEqualTo(Launcher.CONFIGURATION);
        assertThat(sandbox.shopify.requestCount()).isZero();
    }

    @Test
    void shopifyRefusingAnAddressIsThatTopicsFailedLineAndExitOne() {
        // Shopify takes https only; the sandbox also plain http to 127.0.0.1 and localhost, not to [::1]
        Run run = run("--register-webhooks", "http://[::1]:9/x");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(Launcher.FATAL);
        assertThat(run.line("customers/update")).contains(" FAILED ", "Shopify refused webhookSubscriptionCreate",
                "Address protocol http:// is not supported");
        assertThat(run.out()).contains("WEBHOOKS NOT REGISTERED", "6 failed");
    }

    @Test
    void withoutTheMergeScopeOnlyCustomersMergeFailsAndTheOtherTopicsAreRegistered() {
        sandbox.shopify.webhooks().dropCustomerMergeScope();

        Run run = run("--register-webhooks", URL);

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(Launcher.FATAL);
        assertThat(run.line("customers/merge")).contains(" FAILED ", "ACCESS_DENIED", "read_customer_merge");
        assertThat(run.line("customers/update")).contains(" created ");
        assertThat(run.out()).contains("WEBHOOKS NOT REGISTERED", "5 of 6 topics (5 created", "1 failed");
        assertThat(sandbox.shopify.webhooks().subscriptions()).doesNotContainKey("CUSTOMERS_MERGE").hasSize(5);
    }

    @Test
    void checkSaysWhichTopicsHaveNoSubscriptionThenOkOnceRegistered() {
        sandbox.settings.put("webhooks.enabled", "true");
        sandbox.shopify.webhooks().subscribe("CUSTOMERS_UPDATE", URL);

        Run missing = run("--check");

        assertThat(missing.exit()).isEqualTo(Launcher.FATAL);
        assertThat(missing.check("Webhook subscriptions")).startsWith("PROBLEM ").contains(
                "no subscription for customer.tags_added, customer.tags_removed, customers/create, customers/delete,"
                        + " customers/merge:", "--register-webhooks https://<this sync's public host>/shopify/webhooks")
                .doesNotContain("customers/update,");

        assertThat(run("--register-webhooks", URL).exit()).isZero();
        Run registered = run("--check");

        assertThat(registered.exit()).as(registered.out()).isZero();
        assertThat(registered.check("Webhook subscriptions")).startsWith("OK ").contains("subscribed (6)", URL);
    }

    @Test
    void withWebhooksOffCheckDoesNotAskForSubscriptions() {
        Run run = run("--check");

        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.check("Webhook subscriptions")).startsWith("NOT CHECKED ").contains("webhooks.enabled=false");
        assertThat(sandbox.shopify.receivedQueries()).noneMatch(q -> q.contains("webhookSubscriptions"));
    }
}
