package com.shopifyjoorsync.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import com.shopifyjoorsync.shopify.CustomerCount;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class CycleProgressTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger("shopify-joor-sync.summary");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Instant now = Instant.parse("2026-11-28T08:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };

    @BeforeEach
    void capture() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void release() {
        logger.detachAppender(lines);
    }

    private List<String> progressLines() {
        List<String> out = new ArrayList<>();
        lines.list.forEach(e -> out.add(e.getFormattedMessage()));
        return out;
    }

    @Test
    void aLineEveryNCustomersWithTheEstimate() {
        CycleProgress progress = new CycleProgress(clock, 100, Duration.ofMinutes(5));
        progress.begin("c1", new CustomerCount(250, false));
        for (int i = 0; i < 250; i++) {
            progress.customerDone();
        }
        assertThat(progressLines()).containsExactly(
                "SYNC PROGRESS cycle=c1 processed=100 estimate=250 percent=40 seconds=0",
                "SYNC PROGRESS cycle=c1 processed=200 estimate=250 percent=80 seconds=0");
    }

    @Test
    void aLineWhenTheIntervalHasPassedEvenBeforeNCustomers() {
        CycleProgress progress = new CycleProgress(clock, 1000, Duration.ofSeconds(30));
        progress.begin("c2", new CustomerCount(10_000, true));
        progress.customerDone();
        now = now.plusSeconds(31);
        progress.customerDone();
        progress.customerDone();
        assertThat(progressLines()).containsExactly(
                "SYNC PROGRESS cycle=c2 processed=2 estimate=>=10000 percent=0 seconds=31");
    }

    @Test
    void withoutAnEstimateTheLineSaysSo() {
        CycleProgress progress = new CycleProgress(clock, 1, Duration.ofMinutes(1));
        progress.begin("c3", null);
        progress.customerDone();
        assertThat(progressLines()).containsExactly("SYNC PROGRESS cycle=c3 processed=1 estimate=unknown seconds=0");
    }

    @Test
    void eachCycleStartsFromZero() {
        CycleProgress progress = new CycleProgress(clock, 2, Duration.ofMinutes(1));
        progress.begin("a", new CustomerCount(2, false));
        progress.customerDone();
        progress.begin("b", new CustomerCount(2, false));
        progress.customerDone();
        progress.customerDone();
        assertThat(progressLines()).containsExactly("SYNC PROGRESS cycle=b processed=2 estimate=2 percent=100 seconds=0");
    }
}
