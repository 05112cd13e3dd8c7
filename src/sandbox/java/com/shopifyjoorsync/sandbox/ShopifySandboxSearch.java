package com.shopifyjoorsync.sandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Shopify's search syntax for the {@code query:} argument of {@code customers} / {@code customersCount},
 * as far as the sync needs it.
 *
 * <ul>
 *   <li>Whitespace (or {@code AND}) is AND, {@code OR} is OR, AND binds tighter than OR; parentheses
 *   group; {@code NOT term} and {@code -term} negate.</li>
 *   <li>{@code tag:X}, {@code tag:'X'}, {@code tag:"X"}: a tag equal to X ignoring case. A comma list
 *   ({@code tag:'A,B'}, documented by Shopify without saying what it means) matches any of them;
 *   {@code tag_not:'A,B'} matches customers carrying none of them. {@code tag:*} = has any tag.</li>
 *   <li>{@code updated_at}, {@code created_at} (alias {@code customer_date}) with {@code : > >= < <=}
 *   and a quoted or bare date, datetime, {@code YYYY-MM}, {@code YYYY}, {@code now} or
 *   {@code a..b}: <b>day granularity</b>, like Shopify: the time part is dropped (after moving the
 *   value to UTC) and the customer's UTC date is compared, so {@code >} acts as {@code >=} and
 *   {@code <} as {@code <=}.</li>
 *   <li>{@code id:N}, {@code id:>=N} ... (numeric or gid); {@code email:} (quoted = exact, bare = part
 *   of the address, {@code *} = has one), {@code first_name:}, {@code last_name:} (exact ignoring case,
 *   {@code X*} = prefix), {@code phone:} (digits contained, {@code *} = has one), {@code state:},
 *   {@code country:} (code or name).</li>
 *   <li>A bare word (no field) is free text: contained, ignoring case, in the name, email, phone or
 *   company.</li>
 *   <li>Any other field ({@code orders_count:}, {@code foo:}) is ignored (matches everything) and
 *   reported as a warning in {@code extensions.search}, as Shopify does for fields it does not know.</li>
 * </ul>
 */
final class ShopifySandboxSearch {

    /** The outcome: the filter (null = everything) and Shopify-style warnings. */
    record Parsed(Predicate<SandboxCustomer> filter, List<Map<String, Object>> warnings) { }

    private final String text;
    private final LocalDate today;
    private final List<Map<String, Object>> warnings = new ArrayList<>();
    private List<String> tokens;
    private int pos;

    private ShopifySandboxSearch(String text, LocalDate today) {
        this.text = text;
        this.today = today;
    }

    static Parsed parse(String query) {
        return parse(query, LocalDate.now(ZoneOffset.UTC));
    }

    static Parsed parse(String query, LocalDate today) {
        if (query == null || query.isBlank()) {
            return new Parsed(null, List.of());
        }
        ShopifySandboxSearch s = new ShopifySandboxSearch(query, today);
        s.tokens = tokenize(query);
        s.pos = 0;
        Predicate<SandboxCustomer> p = s.parseOr();
        return new Parsed(p, List.copyOf(s.warnings));
    }

    // ---- tokens: "(", ")", or a raw term (quotes kept, so the parser knows what was quoted) ----

    private static List<String> tokenize(String q) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = q.length();
        while (i < n) {
            char ch = q.charAt(i);
            if (Character.isWhitespace(ch)) {
                i++;
                continue;
            }
            if (ch == '(' || ch == ')') {
                out.add(String.valueOf(ch));
                i++;
                continue;
            }
            StringBuilder sb = new StringBuilder();
            while (i < n) {
                char c = q.charAt(i);
                if (c == '\'' || c == '"') {
                    int end = q.indexOf(c, i + 1);
                    if (end < 0) {
                        end = n - 1;
                    }
                    sb.append(q, i, Math.min(end + 1, n));
                    i = end + 1;
                    continue;
                }
                if (Character.isWhitespace(c) || c == '(' || c == ')') {
                    // "field: >='x'" written with a space after the colon: join the parts
                    if (Character.isWhitespace(c) && sb.length() > 0 && sb.charAt(sb.length() - 1) == ':') {
                        while (i < n && Character.isWhitespace(q.charAt(i))) {
                            i++;
                        }
                        if (i < n && q.charAt(i) != '(' && q.charAt(i) != ')') {
                            continue;
                        }
                    }
                    break;
                }
                sb.append(c);
                i++;
            }
            out.add(sb.toString());
        }
        return out;
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private Predicate<SandboxCustomer> parseOr() {
        Predicate<SandboxCustomer> left = parseAnd();
        while ("OR".equals(peek())) {
            pos++;
            Predicate<SandboxCustomer> right = parseAnd();
            left = or(left, right);
        }
        return left;
    }

    private Predicate<SandboxCustomer> parseAnd() {
        Predicate<SandboxCustomer> left = null;
        while (true) {
            String t = peek();
            if (t == null || t.equals(")") || t.equals("OR")) {
                break;
            }
            if (t.equals("AND")) {
                pos++;
                continue;
            }
            Predicate<SandboxCustomer> right = parseUnary();
            left = left == null ? right : and(left, right);
        }
        return left;
    }

    private Predicate<SandboxCustomer> parseUnary() {
        String t = tokens.get(pos++);
        if (t.equals("NOT")) {
            if (peek() == null) {
                return null;
            }
            return not(parseUnary());
        }
        if (t.equals("(")) {
            Predicate<SandboxCustomer> inner = parseOr();
            if (")".equals(peek())) {
                pos++;
            }
            return inner;
        }
        if (t.startsWith("-") && t.length() > 1) {
            return not(term(t.substring(1)));
        }
        return term(t);
    }

    // null means "matches everything" throughout
    private static Predicate<SandboxCustomer> and(Predicate<SandboxCustomer> a, Predicate<SandboxCustomer> b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a.and(b);
    }

    private static Predicate<SandboxCustomer> or(Predicate<SandboxCustomer> a, Predicate<SandboxCustomer> b) {
        if (a == null || b == null) {
            return null;
        }
        return a.or(b);
    }

    private static Predicate<SandboxCustomer> not(Predicate<SandboxCustomer> a) {
        return a == null ? c -> false : a.negate();
    }

    // ---- terms ----

    private Predicate<SandboxCustomer> term(String raw) {
        int colon = indexOfUnquoted(raw, ':');
        if (colon <= 0) {
            String word = unquote(raw).toLowerCase(Locale.ROOT);
            return word.isEmpty() ? null : c -> freeText(c, word);
        }
        String field = raw.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = raw.substring(colon + 1);
        String cmp = "";
        for (String op : new String[] {">=", "<=", ">", "<", "="}) {
            if (rest.startsWith(op)) {
                cmp = op;
                rest = rest.substring(op.length());
                break;
            }
        }
        boolean quoted = rest.length() >= 2 && (rest.charAt(0) == '\'' || rest.charAt(0) == '"');
        String value = unquote(rest);
        switch (field) {
            case "tag":
                return tagFilter(value, true);
            case "tag_not":
                return tagFilter(value, false);
            case "updated_at":
                return dateFilter(field, raw, cmp, value, true);
            case "created_at":
            case "customer_date":
                return dateFilter(field, raw, cmp, value, false);
            case "id":
                return idFilter(field, raw, cmp, value);
            case "email":
                return emailFilter(value, quoted);
            case "first_name":
                return nameFilter(value, SandboxCustomer::getFirstName);
            case "last_name":
                return nameFilter(value, SandboxCustomer::getLastName);
            case "phone":
                return phoneFilter(value);
            case "state":
                return c -> value.equalsIgnoreCase(c.getState());
            case "country":
                return c -> c.getDefaultAddress() != null
                        && (value.equalsIgnoreCase(c.getDefaultAddress().getCountryCodeV2())
                        || value.equalsIgnoreCase(c.getDefaultAddress().getCountry()));
            default:
                warn(field, raw, "Invalid search field for this query.");
                return null;
        }
    }

    private void warn(String field, String raw, String message) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("field", field);
        w.put("message", message);
        w.put("term", raw);
        warnings.add(w);
    }

    private static Predicate<SandboxCustomer> tagFilter(String value, boolean wanted) {
        if (value.equals("*")) {
            return wanted ? c -> !c.getTags().isEmpty() : c -> c.getTags().isEmpty();
        }
        List<String> wantedTags = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                wantedTags.add(part.trim());
            }
        }
        Predicate<SandboxCustomer> any = c -> {
            for (String t : wantedTags) {
                if (c.hasTag(t)) {
                    return true;
                }
            }
            return false;
        };
        return wanted ? any : any.negate();
    }

    /** [start, end] in UTC dates; {@code >}/{@code >=} keep dates from start on, {@code <}/{@code <=} up to end. */
    private Predicate<SandboxCustomer> dateFilter(String field, String raw, String cmp, String value, boolean updated) {
        LocalDate[] range = dateRange(value);
        if (range == null) {
            warn(field, raw, "Invalid date value '" + value + "' for " + field + ": term ignored.");
            return null;
        }
        LocalDate start = range[0];
        LocalDate end = range[1];
        return c -> {
            Instant at = updated ? c.getUpdatedAt() : c.getCreatedAt();
            if (at == null) {
                return false;
            }
            LocalDate d = LocalDate.ofInstant(at, ZoneOffset.UTC);
            return switch (cmp) {
                case ">", ">=" -> !d.isBefore(start);
                case "<", "<=" -> !d.isAfter(end);
                default -> !d.isBefore(start) && !d.isAfter(end);
            };
        };
    }

    private LocalDate[] dateRange(String v) {
        String s = v.trim();
        int dots = s.indexOf("..");
        if (dots > 0) {
            LocalDate[] a = dateRange(s.substring(0, dots));
            LocalDate[] b = dateRange(s.substring(dots + 2));
            return a == null || b == null ? null : new LocalDate[] {a[0], b[1]};
        }
        try {
            if (s.equalsIgnoreCase("now") || s.equalsIgnoreCase("today")) {
                return new LocalDate[] {today, today};
            }
            if (s.matches("\\d{4}")) {
                int y = Integer.parseInt(s);
                return new LocalDate[] {LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31)};
            }
            if (s.matches("\\d{4}-\\d{2}")) {
                YearMonth ym = YearMonth.parse(s);
                return new LocalDate[] {ym.atDay(1), ym.atEndOfMonth()};
            }
            if (s.matches("\\d{4}-\\d{2}-\\d{2}")) {
                LocalDate d = LocalDate.parse(s);
                return new LocalDate[] {d, d};
            }
            String iso = s.replace(' ', 'T');
            LocalDate d;
            if (iso.endsWith("Z") || iso.endsWith("z") || iso.matches(".*[+-]\\d{2}:?\\d{2}$")) {
                d = LocalDate.ofInstant(OffsetDateTime.parse(iso.toUpperCase(Locale.ROOT)).toInstant(), ZoneOffset.UTC);
            } else {
                d = LocalDateTime.parse(iso).toLocalDate();
            }
            return new LocalDate[] {d, d};
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }

    private Predicate<SandboxCustomer> idFilter(String field, String raw, String cmp, String value) {
        String digits = value.startsWith("gid://") ? value.substring(value.lastIndexOf('/') + 1) : value;
        long id;
        try {
            id = Long.parseLong(digits.trim());
        } catch (NumberFormatException e) {
            warn(field, raw, "Invalid id value '" + value + "': term ignored.");
            return null;
        }
        return c -> {
            int k = Long.compare(c.getLegacyResourceId(), id);
            return switch (cmp) {
                case ">" -> k > 0;
                case ">=" -> k >= 0;
                case "<" -> k < 0;
                case "<=" -> k <= 0;
                default -> k == 0;
            };
        };
    }

    private static Predicate<SandboxCustomer> emailFilter(String value, boolean quoted) {
        if (value.equals("*")) {
            return c -> c.getEmail() != null && !c.getEmail().isEmpty();
        }
        String v = value.toLowerCase(Locale.ROOT);
        if (quoted) {
            return c -> c.getEmail() != null && c.getEmail().equalsIgnoreCase(v);
        }
        return c -> c.getEmail() != null && c.getEmail().toLowerCase(Locale.ROOT).contains(v);
    }

    private static Predicate<SandboxCustomer> nameFilter(String value,
                                                         java.util.function.Function<SandboxCustomer, String> get) {
        String v = value.toLowerCase(Locale.ROOT);
        if (v.endsWith("*")) {
            String prefix = v.substring(0, v.length() - 1);
            return c -> get.apply(c) != null && get.apply(c).toLowerCase(Locale.ROOT).startsWith(prefix);
        }
        return c -> get.apply(c) != null && get.apply(c).equalsIgnoreCase(v);
    }

    private static Predicate<SandboxCustomer> phoneFilter(String value) {
        if (value.equals("*")) {
            return c -> c.getPhone() != null && !c.getPhone().isEmpty();
        }
        String digits = value.replaceAll("\\D", "");
        return c -> c.getPhone() != null && !digits.isEmpty() && c.getPhone().replaceAll("\\D", "").contains(digits);
    }

    private static boolean freeText(SandboxCustomer c, String word) {
        return containsIgnoreCase(c.getFirstName(), word) || containsIgnoreCase(c.getLastName(), word)
                || containsIgnoreCase(c.getEmail(), word) || containsIgnoreCase(c.getPhone(), word)
                || (c.getDefaultAddress() != null && containsIgnoreCase(c.getDefaultAddress().getCompany(), word));
    }

    private static boolean containsIgnoreCase(String s, String lowerWord) {
        return s != null && s.toLowerCase(Locale.ROOT).contains(lowerWord);
    }

    private static int indexOfUnquoted(String s, char ch) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                return -1;
            }
            if (c == ch) {
                return i;
            }
        }
        return -1;
    }

    private static String unquote(String s) {
        String t = s.trim();
        if (t.length() >= 2 && (t.charAt(0) == '\'' || t.charAt(0) == '"') && t.charAt(t.length() - 1) == t.charAt(0)) {
            return t.substring(1, t.length() - 1);
        }
        if (!t.isEmpty() && (t.charAt(0) == '\'' || t.charAt(0) == '"')) {
            return t.substring(1);
        }
        return t;
    }

    @Override
    public String toString() {
        return "search(" + text + ")";
    }
}
