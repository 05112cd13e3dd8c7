package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;

import com.shopifyjoorsync.sandbox.SandboxCustomer;

import org.junit.jupiter.api.Test;

/** The log of a cycle: its id on every line, customer data nowhere above DEBUG. */
class CycleLogsTest extends SandboxTest {
    @Test
    void everyLineOfACycleCarriesItsIdAndNoCustomerData() throws Exception {
        sandbox.joor.failNextPosts(1, 503);
        sandbox.joor.rejectCode(sandbox.demo.knownCodes().stream().sorted().findFirst().orElseThrow());
        sandbox.settings.put("sync.progress.customers", "50");
        try (CapturedLogs logs = new CapturedLogs()) {
            SyncApplication.CycleResult result = sandbox.runOnce();
            assertThat(result.failed()).isFalse();

            List<ILoggingEvent> events = logs.events();
            ILoggingEvent start = events.stream().filter(e -> e.getFormattedMessage().startsWith("SYNC START"))
                    .findFirst().orElseThrow();
            String cycle = start.getFormattedMessage().replaceAll("^SYNC START cycle=(\\S+).*$", "$1");
            int from = events.indexOf(start);
            int to = events.stream().filter(e -> e.getFormattedMessage().startsWith("SYNC SUMMARY"))
                    .map(events::indexOf).findFirst().orElseThrow();
            // the cycle's thread, and the thread that sends its completed batches while it waits
            List<ILoggingEvent> ofTheCycle = events.subList(from, to + 1).stream()
                    .filter(e -> e.getThreadName().equals(start.getThreadName())
                            || e.getThreadName().equals("sjs-batch-sender")).toList();
            assertThat(ofTheCycle).extracting(ILoggingEvent::getFormattedMessage)
                    .anyMatch(m -> m.startsWith("SYNC PROGRESS")).anyMatch(m -> m.startsWith("Dead-lettered"))
                    .anyMatch(m -> m.startsWith("JOOR refused a batch"));
            assertThat(ofTheCycle).allSatisfy(e -> assertThat(e.getMDCPropertyMap().get("cycle"))
                    .as(e.getFormattedMessage()).isEqualTo(cycle));
            assertThat(events.get(events.size() - 1).getMDCPropertyMap()).doesNotContainKey("cycle");

            List<String> personal = sandbox.demo.customers().stream()
                    .flatMap(c -> java.util.stream.Stream.of(c.getEmail(), c.getFirstName() + " " + c.getLastName()))
                    .filter(Objects::nonNull).filter(s -> s.length() > 5).toList();
            for (ILoggingEvent e : events) {
                if (e.getLevel().isGreaterOrEqual(Level.INFO)) {
                    String line = e.getFormattedMessage();
                    assertThat(personal).noneMatch(line::contains);
                }
            }
        }
    }
}
