package com.shopifyjoorsync.golive;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code --check} found: one finding per check, printed in a fixed order, one line each.
 * {@code PROBLEM} makes the command exit 1; {@code NOT CHECKED} says what could not be told and why,
 * and changes nothing to the exit code.
 */
public final class GoLiveReport {

    /** The checks, in the order they are printed. */
    public enum Check {
        SHOPIFY_CREDENTIALS("Shopify credentials"),
        SHOPIFY_API_VERSION("Shopify API version"),
        SHOPIFY_SCOPES("Shopify access scopes"),
        PROTECTED_DATA("Protected customer data"),
        SHOP_CURRENCY("Shop currency"),
        TAGGED_CUSTOMERS("Tagged customers"),
        WEBHOOK_SUBSCRIPTIONS("Webhook subscriptions"),
        JOOR_TOKEN("JOOR token"),
        JOOR_CONNECTIONS("JOOR connection list"),
        JOOR_CREDITS("JOOR credit budget"),
        DATA_SERVICES("Data Services endpoint"),
        DEAD_LETTER("Dead-letter endpoint"),
        STATE_STORE("State store");

        private final String label;

        Check(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public enum Status {
        OK("OK"), PROBLEM("PROBLEM"), NOT_CHECKED("NOT CHECKED");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One check's outcome; {@code text} says what was seen and, for a problem, what to do. */
    public record Finding(Check check, Status status, String text) {
        public String line() {
            return String.format(Locale.ROOT, "%-12s %-24s %s", status.label(), check.label(), text);
        }
    }

    private final Map<Check, Finding> findings = new EnumMap<>(Check.class);
    private final long shopifyPointsBefore;
    private final long joorCreditsBefore;
    private long shopifyPoints;
    private long joorCredits;
    /** The HTTP status of JOOR's answer to the connection list read, 0 before it came. */
    private int joorStatus;

    GoLiveReport(long shopifyPointsBefore, long joorCreditsBefore) {
        this.shopifyPointsBefore = shopifyPointsBefore;
        this.joorCreditsBefore = joorCreditsBefore;
    }

    void ok(Check check, String text) {
        findings.put(check, new Finding(check, Status.OK, text));
    }

    void problem(Check check, String text) {
        findings.put(check, new Finding(check, Status.PROBLEM, text));
    }

    void notChecked(Check check, String text) {
        findings.put(check, new Finding(check, Status.NOT_CHECKED, text));
    }

    boolean has(Check check, Status status) {
        Finding finding = findings.get(check);
        return finding != null && finding.status() == status;
    }

    int joorStatus() {
        return joorStatus;
    }

    void joorStatus(int status) {
        this.joorStatus = status;
    }

    /** What the checks spent, from the pacers' totals now. */
    void spent(long shopifyPointsNow, long joorCreditsNow) {
        this.shopifyPoints = shopifyPointsNow - shopifyPointsBefore;
        this.joorCredits = joorCreditsNow - joorCreditsBefore;
    }

    /** Every check's finding in order; a check never reached is NOT CHECKED. */
    public List<Finding> findings() {
        List<Finding> all = new ArrayList<>();
        for (Check check : Check.values()) {
            all.add(findings.getOrDefault(check, new Finding(check, Status.NOT_CHECKED, "not reached")));
        }
        return all;
    }

    public long problems() {
        return findings().stream().filter(f -> f.status() == Status.PROBLEM).count();
    }

    public boolean allOk() {
        return problems() == 0;
    }

    /** The lines to print: one per check, then the result. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        findings().forEach(f -> lines.add(f.line()));
        long notChecked = findings().stream().filter(f -> f.status() == Status.NOT_CHECKED).count();
        String spent = "spent " + shopifyPoints + " Shopify points and " + joorCredits + " JOOR credit"
                + (joorCredits == 1 ? "" : "s");
        long problems = problems();
        lines.add(problems == 0
                ? "CHECK OK: every check passed" + (notChecked == 0 ? "" : " (" + notChecked + " could not be told, see"
                        + " NOT CHECKED)") + "; " + spent + ". Next: a first cycle with --once."
                : "CHECK FAILED: " + problems + " problem" + (problems == 1 ? "" : "s")
                        + " (see PROBLEM lines: each says what to do), then run --check again; " + spent + ".");
        return lines;
    }
}
