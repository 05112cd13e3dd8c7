package com.shopifyjoorsync.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ShopifyCostPacerTest {

    private final TestClock clock = new TestClock("2026-11-02T10:00:00Z");
    private final ShopifyCostPacer pacer = new ShopifyCostPacer(clock, clock.sleeper());

    @Test
    void nothingKnownMeansNoWaitAndACautiousFirstPage() {
        pacer.plannedPage(pacer.pageSize());
        pacer.beforeRequest();

        assertThat(clock.sleeps).isEmpty();
        assertThat(pacer.pageSize()).isEqualTo(ShopifyCostPacer.INITIAL_PAGE_SIZE);
        assertThat(pacer.requests()).isEqualTo(1);
    }

    @Test
    void waitsExactlyUntilTheBucketHoldsThePlannedCost() {
        pacer.planned(402);
        pacer.record(cost(402, 380, 100, 2000, 50));

        pacer.beforeRequest();

        // (402 - 100) points at 50 points/s
        assertThat(clock.sleeps).containsExactly(Duration.ofMillis(6040));
    }

    @Test
    void timeAlreadyPassedSinceTheAnswerCountsAsRestored() {
        pacer.planned(402);
        pacer.record(cost(402, 380, 100, 2000, 50));
        clock.advance(Duration.ofSeconds(4));

        pacer.beforeRequest();

        assertThat(clock.sleeps).containsExactly(Duration.ofMillis(2040));
    }

    @Test
    void neverWaitsWhenTheBucketIsFull() {
        pacer.record(cost(1, 1, 2000, 2000, 100));
        for (int page = 0; page < 3; page++) {
            pacer.plannedPage(pacer.pageSize());
            pacer.beforeRequest();
            pacer.record(cost(998, 600, 2000, 2000, 100));
        }
        assertThat(clock.sleeps).isEmpty();
        assertThat(pacer.requests()).isEqualTo(3);
    }

    @Test
    void reservesThePlannedCostSoASecondRequestWithoutAnAnswerWaits() {
        pacer.record(cost(1, 1, 1000, 1000, 100));
        pacer.planned(800);
        pacer.beforeRequest();
        assertThat(clock.sleeps).isEmpty();

        pacer.beforeRequest(); // bucket estimated at 200, needs 800

        assertThat(clock.sleeps).containsExactly(Duration.ofSeconds(6));
    }

    @Test
    void aRequestLargerThanTheBucketWaitsForAFullBucketOnly() {
        pacer.record(cost(1, 1, 0, 400, 20));
        pacer.planned(900);

        pacer.beforeRequest();

        assertThat(clock.sleeps).containsExactly(Duration.ofSeconds(20));
    }

    @Test
    void pageSizeFollowsTheRequestedCostWithinTheSingleQueryLimit() {
        pacer.record(cost(1, 1, 2000, 2000, 100));
        int first = pacer.pageSize();
        assertThat(first).isEqualTo(50);
        pacer.plannedPage(first);
        // 2 + 50 x 5 points per customer
        pacer.record(cost(252, 180, 1820, 2000, 100));

        // (1000 - 2) / 5 = 199
        assertThat(pacer.pageSize()).isEqualTo(199);
        assertThat(pacer.plannedPage(199)).isEqualTo(997);
    }

    @Test
    void pageSizeNeverExceedsShopifysMaximum() {
        pacer.record(cost(1, 1, 2000, 2000, 100));
        pacer.plannedPage(50);
        pacer.record(cost(52, 52, 2000, 2000, 100)); // 1 point per customer

        assertThat(pacer.pageSize()).isEqualTo(250);
    }

    @Test
    void aPageThatCostsNothingPerNodeGetsTheLargestPage() {
        pacer.plannedPage(50);
        pacer.record(cost(2, 2, 2000, 2000, 100));

        assertThat(pacer.pageSize()).isEqualTo(250);
    }

    @Test
    void aSmallBucketGivesASmallerPage() {
        pacer.record(cost(1, 1, 400, 400, 20));
        pacer.plannedPage(50);
        pacer.record(cost(202, 150, 400, 400, 20)); // 4 points per customer, the bucket full again

        // (400 - 2) / 4 = 99; a page of 250 (1002 points) could never run on this bucket
        assertThat(pacer.pageSize()).isEqualTo(99);
    }

    @Test
    void aSmallBucketShrinksEvenTheFirstGuess() {
        pacer.record(cost(1, 1, 100, 100, 10));

        // (100 - 2) / 4 (the guess) = 24
        assertThat(pacer.pageSize()).isEqualTo(24);
        assertThat(pacer.plannedPage(24)).isLessThanOrEqualTo(100);
    }

    @Test
    void maxCostExceededShrinksThePageUsingTheReportedCost() {
        pacer.record(cost(1, 1, 2000, 2000, 100));
        pacer.plannedPage(50);
        pacer.record(cost(202, 202, 2000, 2000, 100)); // 4 per customer: 249 next
        assertThat(pacer.pageSize()).isEqualTo(249);
        pacer.plannedPage(249);

        // Shopify computed 1247 for 249 customers: 5 per customer
        assertThat(pacer.pageTooCostly(1247)).isTrue();

        assertThat(pacer.pageSize()).isEqualTo(199);
    }

    @Test
    void maxCostExceededWithoutACostHalvesThePage() {
        pacer.plannedPage(50);

        assertThat(pacer.pageTooCostly(null)).isTrue();

        assertThat(pacer.pageSize()).isEqualTo(25);
    }

    @Test
    void maxCostExceededOnANonPageQueryCannotShrink() {
        pacer.planned(1);

        assertThat(pacer.pageTooCostly(1200)).isFalse();
    }

    @Test
    void aThrottledAnswerMakesTheRetryWaitForTheReportedRequestedCost() {
        pacer.record(cost(1, 1, 2000, 2000, 100));
        pacer.plannedPage(50); // estimated 202
        pacer.beforeRequest();
        // Shopify says the page costs 502 and only 2 points are left
        pacer.record(throttled(502, 2, 2000, 100));
        pacer.recordThrottled(null);

        pacer.beforeRequest();

        assertThat(clock.sleeps).containsExactly(Duration.ofSeconds(5));
        assertThat(pacer.throttled()).isEqualTo(1);
    }

    @Test
    void retryAfterIsHonouredEvenWhenTheBucketLooksFull() {
        pacer.record(cost(1, 1, 2000, 2000, 100));
        pacer.recordThrottled(Duration.ofSeconds(2));

        pacer.beforeRequest();

        assertThat(clock.sleeps).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void aThrottledAnswerWithoutAnyInformationBacksOffBriefly() {
        pacer.recordThrottled(null);

        pacer.beforeRequest();

        assertThat(clock.sleeps).containsExactly(ShopifyCostPacer.DEFAULT_THROTTLE_BACKOFF);
    }

    @Test
    void countsPointsRequestsAndThrottles() {
        pacer.beforeRequest();
        pacer.record(cost(1, 1, 1999, 2000, 100));
        pacer.beforeRequest();
        pacer.record(cost(202, 150, 1850, 2000, 100));
        pacer.beforeRequest();
        pacer.record(throttled(202, 10, 2000, 100));
        pacer.recordThrottled(null);
        pacer.record(null);

        assertThat(pacer.pointsUsed()).isEqualTo(151);
        assertThat(pacer.requests()).isEqualTo(3);
        assertThat(pacer.throttled()).isEqualTo(1);
    }

    @Test
    void aPageIsSizedToWhatTheBucketHoldsNowInsteadOfWaitingForAFullPage() {
        pacer.record(cost(1, 1, 2000, 2000, 100));
        pacer.plannedPage(50);
        pacer.record(cost(202, 202, 600, 2000, 100)); // 4 points per customer; 600 left

        // (600 - 2) / 4 = 149 customers now, not 249 (998 points) five seconds later
        int first = pacer.pageSize();
        assertThat(first).isEqualTo(149);
        pacer.plannedPage(first);
        pacer.beforeRequest();

        assertThat(clock.sleeps).isEmpty();
    }

    @Test
    void aSpentBucketWaitsForTwoSecondsOfRestoreAtTheActualCostNotForAFullPage() {
        pacer.record(cost(1, 1, 2000, 2000, 100));
        pacer.plannedPage(100);
        // 4 points per customer requested, 2 charged (no phone, no address): 200 points back
        pacer.record(cost(402, 202, 0, 2000, 100));

        // 2 s at 100 points a second pay for 100 customers at 2 points each: 402 requested, not 998
        int first = pacer.pageSize();
        assertThat(first).isEqualTo(100);
        pacer.plannedPage(first);
        pacer.beforeRequest();

        assertThat(clock.sleeps).containsExactly(Duration.ofMillis(4020));
    }

    @Test
    void theSmallestPageHasAFloorAndNeverExceedsTheLargest() {
        pacer.record(cost(1, 1, 2000, 2000, 10));
        pacer.plannedPage(50);
        pacer.record(cost(202, 202, 0, 2000, 10)); // 2 s at 10 points a second pay for 5 customers

        assertThat(pacer.pageSize()).isEqualTo(ShopifyCostPacer.MIN_PAGE_SIZE);

        pacer.planned(1);
        pacer.record(cost(1, 1, 0, 20, 100)); // a bucket of 20 points holds 4 customers at most
        assertThat(pacer.pageSize()).isEqualTo(4);
    }

    @Test
    void aMaxCostRefusalWhileTheBucketIsLowStillHalvesThePage() {
        pacer.record(cost(1, 1, 2000, 2000, 100));
        pacer.plannedPage(50);
        pacer.record(cost(202, 202, 2000, 2000, 100)); // 4 per customer: 249 next
        pacer.plannedPage(pacer.pageSize());

        // refused with no cost reported, while the bucket holds only 100 points
        pacer.record(cost(1, 1, 100, 2000, 100));
        assertThat(pacer.pageTooCostly(null)).isTrue();

        clock.advance(Duration.ofSeconds(20)); // the bucket full again
        assertThat(pacer.pageSize()).isEqualTo(124);
    }

    static JsonNode cost(int requested, int actual, int available, int maximum, int restoreRate) {
        return json("{\"requestedQueryCost\":" + requested + ",\"actualQueryCost\":" + actual
                + ",\"throttleStatus\":{\"maximumAvailable\":" + maximum + ".0,\"currentlyAvailable\":" + available
                + ",\"restoreRate\":" + restoreRate + ".0}}");
    }

    static JsonNode throttled(int requested, int available, int maximum, int restoreRate) {
        return json("{\"requestedQueryCost\":" + requested + ",\"actualQueryCost\":null"
                + ",\"throttleStatus\":{\"maximumAvailable\":" + maximum + ".0,\"currentlyAvailable\":" + available
                + ",\"restoreRate\":" + restoreRate + ".0}}");
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
