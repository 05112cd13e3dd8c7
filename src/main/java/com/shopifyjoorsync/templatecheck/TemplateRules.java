package com.shopifyjoorsync.templatecheck;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import com.shopifyjoorsync.dataservices.CellNeutraliser;
import com.shopifyjoorsync.dataservices.TemplateColumns;

/**
 * What a hand-filled Customer Data Template must satisfy before it goes to Data Services: the
 * same rules the sync applies to the rows it writes itself (mandatory cells, ISO country codes,
 * the shop's currency with the configured price label, no cell a spreadsheet would run as a
 * formula, the header's included, no control character), plus what only a hand-filled file can get wrong (duplicate codes, codes that belong to
 * Shopify customers, malformed emails).
 */
public final class TemplateRules {
    static final int CODE = column("Customer Code");
    static final int CUSTOMER_NAME = column("Customer Name");
    static final int ADDRESS_1 = column("Address 1");
    static final int CITY = column("City");
    static final int STATE = column("State");
    static final int COUNTRY = column("Country");
    static final int EMAIL = column("Email");
    static final int PRICE_CURRENCY = column("Price Currency");
    static final int PRICE_LABEL = column("Price Label");
    private static final int[] MANDATORY = {CUSTOMER_NAME, ADDRESS_1, CITY, COUNTRY, EMAIL, PRICE_CURRENCY, PRICE_LABEL};

    /** One address, no spaces, a dotted domain ending in letters: catches typos, not every RFC corner. */
    private static final Pattern EMAIL_ADDRESS = Pattern.compile(
            "[^@\\s\"(),:;<>\\[\\]\\\\]+@[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?"
                    + "(?:\\.[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?)*\\.\\p{L}{2,}");
    /** What a spreadsheet makes of a long number typed into a cell that is not formatted as Text. */
    private static final Pattern SCIENTIFIC = Pattern.compile("\\d(?:[.,]\\d+)?[eE]\\+\\d+");

    private final String priceLabel;

    /** @param priceLabel joor.price-label, paired with the shop's currency */
    public TemplateRules(String priceLabel) {
        this.priceLabel = priceLabel;
    }

    private static int column(String name) {
        return TemplateColumns.NAMES.indexOf(name);
    }

    /**
     * Numeric Customer Codes: the only ones that can be a Shopify customer id (legacyResourceId, a
     * long). Sorted, each once, 8 bytes a code however many the file holds.
     */
    public static long[] possibleShopifyIds(TemplateFile file) {
        LongStream.Builder ids = LongStream.builder();
        file.eachRow(row -> {
            String code = row.cell(CODE).strip();
            if (code.matches("[1-9]\\d{0,18}") && new BigInteger(code).bitLength() < 64) {
                ids.add(Long.parseLong(code));
            }
        });
        return ids.build().sorted().distinct().toArray();
    }

    /**
     * Every problem of the file, in row and column order: the first {@value TemplateProblems#SHOWN},
     * and how many in all. The rows are read one at a time.
     *
     * @param shopCurrency the shop's currency (Shopify {@code shop { currencyCode }})
     * @param shopifyIds   the file's codes that are ids of Shopify customers
     */
    public TemplateProblems check(TemplateFile file, String shopCurrency, Set<String> shopifyIds) {
        TemplateProblems all = new TemplateProblems();
        if (!file.readable()) {
            file.unreadableProblems().forEach(all::add);
            return all;
        }
        List<String> header = file.header();
        List<TemplateProblem> headerProblems = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            checkCell(headerProblems, 1, c, name(header, c), header.get(c));
        }
        all.addRow(headerProblems);
        Map<String, Integer> firstRowOfCode = new HashMap<>();
        file.eachRow(row -> all.addRow(check(row, header, shopCurrency, shopifyIds, firstRowOfCode)));
        return all;
    }

    private List<TemplateProblem> check(TemplateFile.Row row, List<String> header, String shopCurrency,
            Set<String> shopifyIds, Map<String, Integer> firstRowOfCode) {
        List<TemplateProblem> problems = new ArrayList<>();
        if (row.blank()) {
            problems.add(TemplateProblem.wholeRow(row.number(), "the row is empty: delete it"));
            return problems;
        }
        int n = row.number();
        problems.addAll(row.problems());
        checkLength(problems, row, header);
        for (int c = 0; c < row.cells().size(); c++) {
            checkCell(problems, n, c, name(header, c), row.cell(c));
        }
        for (int c : MANDATORY) {
            requireCell(problems, row, c, null);
        }
        String country = row.cell(COUNTRY).strip();
        if (!country.isEmpty()) {
            checkCountry(problems, n, country);
            String meant = CountryCodes.meant(country);
            if (meant != null && TemplateColumns.STATE_REQUIRED.contains(meant)) {
                requireCell(problems, row, STATE, "mandatory for customers in " + meant);
            }
        }
        String email = row.cell(EMAIL).strip();
        if (!email.isEmpty() && !EMAIL_ADDRESS.matcher(email).matches()) {
            problems.add(cell(n, EMAIL, "'" + email + "' is not an email address (one address per cell, "
                    + "like buyer@store.com)"));
        }
        checkPricing(problems, row, shopCurrency);
        checkCode(problems, row, firstRowOfCode, shopifyIds);
        return problems;
    }

    private void checkPricing(List<TemplateProblem> problems, TemplateFile.Row row, String shopCurrency) {
        String currency = row.cell(PRICE_CURRENCY).strip();
        String label = row.cell(PRICE_LABEL).strip();
        boolean wrongCurrency = !currency.isEmpty() && !currency.equals(shopCurrency);
        boolean wrongLabel = !label.isEmpty() && !label.equals(priceLabel);
        if (wrongCurrency || wrongLabel) {
            problems.add(cell(row.number(), wrongCurrency ? PRICE_CURRENCY : PRICE_LABEL, "'" + currency + "' with '"
                    + label + "' is not the currency and price label this shop loads into JOOR: '" + shopCurrency
                    + "' with '" + priceLabel + "' (other currencies are managed in JOOR directly)"));
        }
    }

    private static void checkCode(List<TemplateProblem> problems, TemplateFile.Row row,
            Map<String, Integer> firstRowOfCode, Set<String> shopifyIds) {
        String code = row.cell(CODE).strip();
        if (code.isEmpty()) {
            return;
        }
        int n = row.number();
        if (SCIENTIFIC.matcher(code).matches()) {
            problems.add(cell(n, CODE, "'" + code + "' is a long number the spreadsheet rewrote: format the column "
                    + "as Text and type the code again"));
        }
        Integer first = firstRowOfCode.putIfAbsent(code, n);
        if (first != null) {
            problems.add(cell(n, CODE, "Customer Code '" + code + "' is also on row " + first
                    + ": every customer needs its own code"));
        }
        if (shopifyIds.contains(code)) {
            problems.add(cell(n, CODE, "Customer Code " + code + " is the id of a customer in Shopify: that customer "
                    + "reaches JOOR through the sync (tag it in Shopify if it is not); remove this row, or give "
                    + "another retailer another code"));
        }
    }

    private static void checkCountry(List<TemplateProblem> problems, int n, String country) {
        if (CountryCodes.isCode(country)) {
            return;
        }
        String meant = CountryCodes.meant(country);
        problems.add(cell(n, COUNTRY, "'" + country + "' is not a country code: write the two-letter ISO code"
                + (meant == null ? " (US, GB, FR, JP, ...)" : ", '" + meant + "'")));
    }

    private static void checkLength(List<TemplateProblem> problems, TemplateFile.Row row, List<String> header) {
        for (int c = header.size(); c < row.cells().size(); c++) {
            if (!row.cell(c).isBlank()) {
                problems.add(TemplateProblem.cell(row.number(), c, "", "the row has " + row.cells().size()
                        + " cells but the header only " + header.size() + ": a value probably holds the delimiter "
                        + "without quotes around it"));
                return;
            }
        }
    }

    /**
     * A cell starting with = + - @ tab or CR would run as a formula in a spreadsheet (CSV injection);
     * a control character or a bidirectional override is never sent (the rule of the sync's own cells).
     */
    private static void checkCell(List<TemplateProblem> problems, int n, int c, String name, String value) {
        if (value.isEmpty()) {
            return;
        }
        int control = CellNeutraliser.firstControl(value);
        if (control >= 0) {
            problems.add(TemplateProblem.cell(n, c, name, "holds " + CellNeutraliser.name(value.charAt(control))
                    + " (character " + (control + 1) + "), an invisible control character that changes how the "
                    + "text shows or is read: delete it (retype the cell)"));
        }
        String first = switch (value.charAt(0)) {
            case '=' -> "'='";
            case '+' -> "'+'";
            case '-' -> "'-'";
            case '@' -> "'@'";
            case '\t' -> "a tab";
            case '\r' -> "a line break";
            default -> null;
        };
        if (first != null) {
            problems.add(TemplateProblem.cell(n, c, name, "starts with " + first + ", which spreadsheet software runs "
                    + "as a formula: remove it (a phone number can start with 00 instead of +), or start the cell with "
                    + "an apostrophe (') as the sync does"));
        }
    }

    private static void requireCell(List<TemplateProblem> problems, TemplateFile.Row row, int c, String why) {
        if (row.cell(c).isBlank()) {
            problems.add(cell(row.number(), c, "empty, but " + (why == null ? "mandatory" : why)));
        }
    }

    private static TemplateProblem cell(int row, int c, String message) {
        return TemplateProblem.cell(row, c, TemplateColumns.NAMES.get(c), message);
    }

    private static String name(List<String> header, int c) {
        if (c < TemplateColumns.NAMES.size()) {
            return TemplateColumns.NAMES.get(c);
        }
        return c < header.size() ? header.get(c).strip() : "";
    }
}
