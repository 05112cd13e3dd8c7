package com.shopifyjoorsync.golive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * What --check makes of answers the sandbox does not give: JOOR publishes no header with the credits
 * left, so the sandbox sends none; the names read when a JOOR account does send one are tried here.
 */
class GoLiveCheckTest {
    private final GoLiveCheck check = new GoLiveCheck(new GoLiveCheck.Settings("https://shop.example",
            "2026-10", false, List.of("JOOR"), "Wholesale USD", "https://api.example/v2", 300,
            Duration.ofSeconds(300), "file:data/data-services", "file:data/dead-letter", "jdbc:h2:mem:x", null),
            null, () -> 0, () -> 0);

    private GoLiveReport.Finding creditsWith(String... headers) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        GoLiveReport report = check.begin();
        exchange.setProperty(GoLiveCheck.REPORT, report);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        for (int i = 0; i < headers.length; i += 2) {
            exchange.getMessage().setHeader(headers[i], headers[i + 1]);
        }
        check.joorAnswered(exchange);
        return report.findings().get(GoLiveReport.Check.JOOR_CREDITS.ordinal());
    }

    @Test
    void creditsLeftAreToldWhenJoorSendsARateLimitHeader() {
        GoLiveReport.Finding finding = creditsWith("x-ratelimit-remaining", "287", "X-RateLimit-Limit", "300",
                "X-Throttling-Account-Id", "acct-7");

        assertThat(finding.status()).isEqualTo(GoLiveReport.Status.OK);
        assertThat(finding.text()).contains("JOOR reports 287 credits left of 300", "account acct-7");
    }

    @Test
    void aBudgetOtherThanTheConfiguredOneIsAProblem() {
        GoLiveReport.Finding finding = creditsWith("RateLimit-Remaining", "150", "RateLimit-Limit", "200");

        assertThat(finding.status()).isEqualTo(GoLiveReport.Status.PROBLEM);
        assertThat(finding.text()).contains("of 200 per window", "joor.credits-per-window is 300", "set it to 200");
    }

    @Test
    void withoutAHeaderTheBudgetIsNotReported() {
        GoLiveReport.Finding finding = creditsWith("X-Throttling-Account-Id", "acct-7");

        assertThat(finding.status()).isEqualTo(GoLiveReport.Status.NOT_CHECKED);
        assertThat(finding.text()).contains("does not report the credits left of account acct-7");
    }

    @Test
    void aPriceLabelNamingAnotherCurrencyIsFoundAndWordsThatAreNoCurrencyAreNot() {
        assertThat(GoLiveCheck.currencyNamedIn("Wholesale EUR", "USD")).isEqualTo("EUR");
        assertThat(GoLiveCheck.currencyNamedIn("Wholesale USD", "USD")).isNull();
        assertThat(GoLiveCheck.currencyNamedIn("VIP Wholesale", "USD")).isNull();
        assertThat(GoLiveCheck.currencyNamedIn("Retail", "EUR")).isNull();
    }
}
