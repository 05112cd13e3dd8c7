package com.shopifyjoorsync.sandbox;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Customers for the Shopify sandbox, plus which of them JOOR already knows.
 *
 * <p>{@link #demo()} is a fixed, realistic store of {@value #DEMO_SIZE} customers for tests and the
 * quickstart; {@link #generated(long, int, double, double)} makes large stores for benchmarks.
 * A customer is <em>eligible</em> (exported to JOOR) when one of its tags equals one of
 * {@link #EXPORTED_TAGS} ignoring case; {@link #eligibleIds()} lists them.
 */
public final class DemoData {

    /** The tags that make a customer a JOOR wholesale customer (matched ignoring case). */
    public static final List<String> EXPORTED_TAGS = List.of("JOOR_ENABLED", "JOOR", "WHOLESALE");
    /** Tags that look like exported ones but are not: customers carrying only these must not be exported. */
    public static final List<String> TRAP_TAGS = List.of("JOOR_ENABLED_OLD", "NOT_WHOLESALE", "joor-enabled", "WHOLESALE2");

    public static final int DEMO_SIZE = 300;
    /** The first demo id; every id is above 2^53, so a double cannot hold it. */
    public static final long FIRST_ID = 706405506930370041L;
    private static final long ID_STEP = 131L;
    private static final long DEMO_SEED = 20261127L;

    private static final int NO_ADDRESS_INDEX = 7;
    private static final int NON_ASCII_INDEX = 11;
    private static final int FORMULA_INDEX = 23;
    private static final int COMMA_QUOTE_INDEX = 31;
    private static final int MULTILINE_NOTE_INDEX = 37;
    private static final int[] TRAP_INDEXES = {13, 29, 47, 61, 83, 97, 112, 134, 151, 178, 203, 241};
    /** Ten customers saved in the same second (a bulk import): ties on updatedAt, broken by id. */
    private static final int SAME_SECOND_FROM = 260;
    private static final int SAME_SECOND_TO = 269;

    /** Eligible customer without any address ({@code defaultAddress} null). */
    public static final long NO_ADDRESS_ID = demoId(NO_ADDRESS_INDEX);
    /** Eligible customer "Zoë Šimůnková" of "Maison Élégance Zürich". */
    public static final long NON_ASCII_ID = demoId(NON_ASCII_INDEX);
    /** Eligible customer whose company starts with '=' (spreadsheet formula injection). */
    public static final long FORMULA_COMPANY_ID = demoId(FORMULA_INDEX);
    /** Eligible customer whose company holds a comma and double quotes. */
    public static final long COMMA_QUOTE_COMPANY_ID = demoId(COMMA_QUOTE_INDEX);
    /** Eligible customer whose note spans several lines. */
    public static final long MULTILINE_NOTE_ID = demoId(MULTILINE_NOTE_INDEX);
    /** Customers carrying only trap tags (plus unrelated ones): none may be exported. */
    public static final List<Long> TRAP_IDS;
    /** Customers sharing one updatedAt second. */
    public static final List<Long> SAME_SECOND_IDS;

    static {
        List<Long> traps = new ArrayList<>();
        for (int i : TRAP_INDEXES) {
            traps.add(demoId(i));
        }
        TRAP_IDS = List.copyOf(traps);
        List<Long> same = new ArrayList<>();
        for (int i = SAME_SECOND_FROM; i <= SAME_SECOND_TO; i++) {
            same.add(demoId(i));
        }
        SAME_SECOND_IDS = List.copyOf(same);
    }

    private final List<SandboxCustomer> customers;
    private final Set<String> knownCodes;
    private final String shopCurrency;

    private DemoData(List<SandboxCustomer> customers, Set<String> knownCodes, String shopCurrency) {
        this.customers = Collections.unmodifiableList(customers);
        this.knownCodes = Collections.unmodifiableSet(knownCodes);
        this.shopCurrency = shopCurrency;
    }

    /**
     * A store of your own: {@code customers} (kept as given, in that order), the codes JOOR knows and the
     * shop currency. Handy for tests that need exactly a few customers.
     */
    public static DemoData of(List<SandboxCustomer> customers, Set<String> knownCodes, String shopCurrency) {
        return new DemoData(new ArrayList<>(customers), new LinkedHashSet<>(knownCodes),
                shopCurrency == null ? "USD" : shopCurrency);
    }

    /** No customers at all. */
    public static DemoData empty() {
        return of(List.of(), Set.of(), "USD");
    }

    /** The customers, in id order. Shared objects: copy before changing one. */
    public List<SandboxCustomer> customers() {
        return customers;
    }

    /** Customer Codes (legacyResourceId in decimal) that JOOR already knows. */
    public Set<String> knownCodes() {
        return knownCodes;
    }

    public String shopCurrency() {
        return shopCurrency;
    }

    /** The eligible customers' ids (a tag equal to one of {@link #EXPORTED_TAGS} ignoring case), in id order. */
    public List<Long> eligibleIds() {
        List<Long> out = new ArrayList<>();
        for (SandboxCustomer c : customers) {
            if (isEligible(c)) {
                out.add(c.getLegacyResourceId());
            }
        }
        return out;
    }

    /** True when one of the customer's tags equals one of {@link #EXPORTED_TAGS}, ignoring case. */
    public static boolean isEligible(SandboxCustomer c) {
        for (String t : EXPORTED_TAGS) {
            if (c.hasTag(t)) {
                return true;
            }
        }
        return false;
    }

    /** The id of the i-th demo customer. */
    public static long demoId(int index) {
        return FIRST_ID + index * ID_STEP;
    }

    // ================================================================== demo store

    /** The demo store, with times relative to now (truncated to the hour). */
    public static DemoData demo() {
        return demo(Instant.now().truncatedTo(ChronoUnit.HOURS));
    }

    /**
     * The demo store with times relative to {@code now}: everything but the timestamps is fixed;
     * updatedAt spreads over the 60 days before {@code now}.
     */
    public static DemoData demo(Instant now) {
        Random r = new Random(DEMO_SEED);
        List<SandboxCustomer> list = new ArrayList<>(DEMO_SIZE);
        Set<Integer> traps = new HashSet<>();
        for (int i : TRAP_INDEXES) {
            traps.add(i);
        }
        Instant sameSecond = now.minus(Duration.ofDays(12)).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1234);
        int trapNo = 0;
        for (int i = 0; i < DEMO_SIZE; i++) {
            Place place = pick(r, PLACES);
            String first = pick(r, place.firstNames());
            String last = pick(r, place.lastNames());
            SandboxCustomer c = new SandboxCustomer(demoId(i));
            c.setFirstName(first).setLastName(last);
            String company = companyName(r, last, place);
            c.setEmail(email(first, last, company, i));
            c.setPhone(r.nextInt(10) < 7 ? e164(r, place) : null);
            c.setNote(r.nextInt(10) < 3 ? pick(r, NOTES) : null);
            int st = r.nextInt(100);
            c.setState(st < 86 ? "ENABLED" : st < 93 ? "DISABLED" : st < 97 ? "INVITED" : "DECLINED");
            c.setTaxExempt(r.nextInt(10) == 0);
            c.setDefaultAddress(address(r, place, first, last, company));

            // tags: roughly 68% eligible, 14% untagged, 14% unrelated tags, 12 trap customers
            int roll = r.nextInt(100);
            List<String> tags;
            if (traps.contains(i)) {
                String trap = TRAP_TAGS.get(trapNo % TRAP_TAGS.size());
                tags = trapNo++ < 4 ? List.of(trap) : List.of(trap, pick(r, UNRELATED_TAGS));
            } else if (roll < 68) {
                tags = pick(r, ELIGIBLE_TAG_SETS);
            } else if (roll < 82) {
                tags = List.of();
            } else {
                tags = pick(r, UNRELATED_TAG_SETS);
            }
            c.setTags(tags);

            long ageSeconds = (long) (r.nextDouble() * Duration.ofDays(60).toSeconds());
            Instant updated = now.minusSeconds(ageSeconds).truncatedTo(ChronoUnit.SECONDS);
            if (i >= SAME_SECOND_FROM && i <= SAME_SECOND_TO) {
                updated = sameSecond;
            }
            c.setUpdatedAt(updated);
            c.setCreatedAt(updated.minus(Duration.ofDays(1 + r.nextInt(900))).minusSeconds(r.nextInt(86400)));
            list.add(c);
        }
        applySpecials(list, r);

        List<String> eligible = new ArrayList<>();
        for (SandboxCustomer c : list) {
            if (isEligible(c) && !SPECIAL_IDS.contains(c.getLegacyResourceId())) {
                eligible.add(c.code());
            }
        }
        int eligibleCount = eligible.size() + SPECIAL_IDS.size();
        Collections.shuffle(eligible, new Random(DEMO_SEED + 1));
        int known = (int) Math.round(eligibleCount * 0.4);
        Set<String> knownCodes = new LinkedHashSet<>(eligible.subList(0, Math.min(known, eligible.size())));
        return new DemoData(list, knownCodes, "USD");
    }

    /** The special eligible customers; none of them is known to JOOR, so each is created there. */
    private static final Set<Long> SPECIAL_IDS = Set.of(NO_ADDRESS_ID, NON_ASCII_ID, FORMULA_COMPANY_ID,
            COMMA_QUOTE_COMPANY_ID, MULTILINE_NOTE_ID);

    private static void applySpecials(List<SandboxCustomer> list, Random r) {
        SandboxCustomer noAddress = list.get(NO_ADDRESS_INDEX);
        noAddress.setDefaultAddress(null).setTags("JOOR_ENABLED").setFirstName("Priya").setLastName("Raman")
                .setEmail("priya.raman@studio-raman.example").setPhone("+14155550182").setState("ENABLED");

        SandboxCustomer zoe = list.get(NON_ASCII_INDEX);
        zoe.setFirstName("Zoë").setLastName("Šimůnková").setEmail("zoe.simunkova@maison-elegance.example")
                .setPhone("+41445550123").setTags("WHOLESALE", "Europe").setState("ENABLED")
                .setNote("Bevorzugt Lieferung über Spedition — Rampe hinten.");
        zoe.setDefaultAddress(new SandboxAddress().setFirstName("Zoë").setLastName("Šimůnková")
                .setCompany("Maison Élégance Zürich").setAddress1("Bahnhofstrasse 42").setAddress2("3. Stock")
                .setCity("Zürich").setProvince("Zürich").setProvinceCode("ZH").setCountryCodeV2("CH")
                .setCountry("Switzerland").setZip("8001").setPhone("+41 44 555 01 23"));

        SandboxCustomer formula = list.get(FORMULA_INDEX);
        formula.setFirstName("Grant").setLastName("Holloway").setEmail("grant@formula-trading.example")
                .setTags("JOOR").setState("ENABLED");
        SandboxAddress fa = formula.getDefaultAddress() == null ? usAddress() : formula.getDefaultAddress();
        formula.setDefaultAddress(fa.setFirstName("Grant").setLastName("Holloway")
                .setCompany("=HYPERLINK(\"https://evil.example\";\"Click\")"));

        SandboxCustomer comma = list.get(COMMA_QUOTE_INDEX);
        comma.setFirstName("Dana").setLastName("O'Connor").setEmail("dana@smith-jones.example")
                .setTags("VIP", "WHOLESALE").setState("ENABLED");
        SandboxAddress ca = comma.getDefaultAddress() == null ? usAddress() : comma.getDefaultAddress();
        comma.setDefaultAddress(ca.setFirstName("Dana").setLastName("O'Connor")
                .setCompany("Smith, Jones & \"Partners\" Ltd"));

        SandboxCustomer multi = list.get(MULTILINE_NOTE_INDEX);
        multi.setTags("Joor").setState("ENABLED")
                .setNote("Net 30 terms agreed at Coterie.\nShip to the back door;\r\ncall before delivery.");
    }

    private static SandboxAddress usAddress() {
        return new SandboxAddress().setAddress1("350 Fifth Avenue").setCity("New York").setProvince("New York")
                .setProvinceCode("NY").setCountryCodeV2("US").setCountry("United States").setZip("10118");
    }

    // ================================================================== generated store

    /**
     * {@code customers} customers with realistic field sizes (names, two-line addresses, emails,
     * phones, notes of about 100 characters); {@code taggedShare} of them carry an exported tag and
     * {@code knownShareOfTagged} of those are in {@link #knownCodes()}. Ids start at {@link #FIRST_ID};
     * updatedAt spreads over the last 365 days. Strings that repeat in real stores (names, cities,
     * notes, companies) are shared, so 100,000 customers take some 40 MB and well under a second.
     */
    public static DemoData generated(long seed, int customers, double taggedShare, double knownShareOfTagged) {
        if (customers < 0 || taggedShare < 0 || taggedShare > 1 || knownShareOfTagged < 0 || knownShareOfTagged > 1) {
            throw new IllegalArgumentException("customers >= 0, shares within [0, 1]");
        }
        Random r = new Random(seed);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long yearSeconds = Duration.ofDays(365).toSeconds();
        // pools of shared strings
        String[] companies = new String[4096];
        for (int i = 0; i < companies.length; i++) {
            Place p = PLACES[i % PLACES.length];
            companies[i] = companyName(r, pick(r, p.lastNames()), p);
        }
        String[] suites = new String[512];
        for (int i = 0; i < suites.length; i++) {
            suites[i] = pick(r, SUITE_WORDS) + " " + (100 + r.nextInt(1900));
        }
        String[] notes = new String[256];
        for (int i = 0; i < notes.length; i++) {
            notes[i] = pick(r, LONG_NOTES) + " Ref " + (1000 + r.nextInt(9000)) + ".";
        }
        java.util.Map<String, String> asciiNames = new java.util.HashMap<>();
        List<List<String>> eligibleTagSets = ELIGIBLE_TAG_SETS;
        List<SandboxCustomer> list = new ArrayList<>(customers);
        List<String> tagged = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            Place place = PLACES[r.nextInt(PLACES.length)];
            String first = place.firstNames().get(r.nextInt(place.firstNames().size()));
            String last = place.lastNames().get(r.nextInt(place.lastNames().size()));
            String company = companies[r.nextInt(companies.length)];
            long id = FIRST_ID + i * ID_STEP;
            SandboxCustomer c = new SandboxCustomer(id);
            c.setFirstName(first).setLastName(last);
            c.setEmail(asciiNames.computeIfAbsent(first, DemoData::ascii) + "."
                    + asciiNames.computeIfAbsent(last, DemoData::ascii) + i + "@" + place.mailDomain());
            c.setPhone(e164(r, place));
            c.setNote(notes[r.nextInt(notes.length)]);
            c.setTaxExempt(r.nextInt(20) == 0);
            SandboxAddress a = new SandboxAddress().setFirstName(first).setLastName(last).setCompany(company)
                    .setAddress1((1 + r.nextInt(9899)) + " " + place.streets().get(r.nextInt(place.streets().size())))
                    .setAddress2(suites[r.nextInt(suites.length)])
                    .setCity(place.city()).setProvince(place.province()).setProvinceCode(place.provinceCode())
                    .setCountryCodeV2(place.countryCode()).setCountry(place.country()).setZip(place.zip())
                    .setPhone(c.getPhone());
            c.setDefaultAddress(a);
            if (r.nextDouble() < taggedShare) {
                c.setTags(eligibleTagSets.get(r.nextInt(eligibleTagSets.size())));
                if (r.nextDouble() < knownShareOfTagged) {
                    tagged.add(Long.toString(id));
                }
            } else {
                c.setTags(UNRELATED_OR_NONE.get(r.nextInt(UNRELATED_OR_NONE.size())));
            }
            Instant updated = now.minusSeconds((long) (r.nextDouble() * yearSeconds));
            c.setUpdatedAt(updated);
            c.setCreatedAt(updated.minusSeconds((long) (r.nextDouble() * 3 * yearSeconds)));
            list.add(c);
        }
        return new DemoData(list, new HashSet<>(tagged), "USD");
    }

    // ================================================================== building blocks

    private record Place(String countryCode, String country, String city, String province, String provinceCode,
                         String zip, String phonePrefix, String mailDomain, List<String> streets,
                         List<String> firstNames, List<String> lastNames) { }

    private static final List<String> US_FIRST = List.of("Emma", "Olivia", "Ava", "Sophia", "Mia", "Liam", "Noah",
            "Ethan", "Mason", "Logan", "Harper", "Amelia", "Evelyn", "Jackson", "Aiden", "Madison", "Chloe", "Grace");
    private static final List<String> US_LAST = List.of("Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia",
            "Miller", "Davis", "Rodriguez", "Martinez", "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Lee");
    private static final List<String> CA_FIRST = List.of("Liam", "Olivia", "Noah", "Charlotte", "Félix", "Léa",
            "William", "Chloé", "Benjamin", "Maëlle");
    private static final List<String> CA_LAST = List.of("Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Wilson",
            "MacDonald", "Campbell", "Gauthier", "Morin");
    private static final List<String> GB_FIRST = List.of("Oliver", "Amelia", "George", "Isla", "Harry", "Ava",
            "Jack", "Poppy", "Freddie", "Florence");
    private static final List<String> GB_LAST = List.of("Smith", "Jones", "Taylor", "Brown", "Evans", "Wilson",
            "Thompson", "Wright", "Walker", "Hughes");
    private static final List<String> FR_FIRST = List.of("Camille", "Louise", "Léon", "Chloé", "Hugo", "Inès",
            "Gabriel", "Jade", "Raphaël", "Manon");
    private static final List<String> FR_LAST = List.of("Martin", "Bernard", "Dubois", "Thomas", "Robert",
            "Petit", "Durand", "Leroy", "Moreau", "Lefèvre");
    private static final List<String> DE_FIRST = List.of("Lukas", "Mia", "Jonas", "Hannah", "Leon", "Emilia",
            "Felix", "Sophie", "Jürgen", "Anja");
    private static final List<String> DE_LAST = List.of("Müller", "Schmidt", "Schneider", "Fischer", "Weber",
            "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann");
    private static final List<String> IT_FIRST = List.of("Giulia", "Francesco", "Sofia", "Alessandro", "Aurora",
            "Lorenzo", "Ginevra", "Matteo", "Beatrice", "Niccolò");
    private static final List<String> IT_LAST = List.of("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi",
            "Romano", "Colombo", "Ricci", "Marino", "Greco");
    private static final List<String> JP_FIRST = List.of("Haruto", "Yui", "Sota", "Hina", "Ren", "Sakura",
            "Yuto", "Aoi", "Kaito", "Mei");
    private static final List<String> JP_LAST = List.of("Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe",
            "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato");
    private static final List<String> AU_FIRST = List.of("Charlotte", "Oliver", "Amelia", "Jack", "Isla",
            "William", "Mia", "Noah", "Ruby", "Lachlan");
    private static final List<String> AU_LAST = List.of("Smith", "Jones", "Williams", "Brown", "Wilson", "Taylor",
            "Nguyen", "Johnson", "Martin", "White");

    private static final List<String> US_STREETS = List.of("Broadway", "Madison Avenue", "Market Street",
            "Main Street", "Elm Street", "Sunset Boulevard", "Congress Avenue", "Pike Street", "Newbury Street");
    private static final List<String> CA_STREETS = List.of("Queen Street West", "Rue Saint-Denis", "Granville Street",
            "Yonge Street", "Stephen Avenue");
    private static final List<String> GB_STREETS = List.of("King's Road", "Oxford Street", "Deansgate",
            "George Street", "Carnaby Street");
    private static final List<String> FR_STREETS = List.of("rue de Rivoli", "rue du Faubourg Saint-Honoré",
            "boulevard Haussmann", "rue de la République", "quai des Célestins");
    private static final List<String> DE_STREETS = List.of("Friedrichstraße", "Maximilianstraße", "Kurfürstendamm",
            "Jungfernstieg", "Königsallee");
    private static final List<String> IT_STREETS = List.of("Via Montenapoleone", "Via del Corso", "Via de' Tornabuoni",
            "Corso Buenos Aires", "Via della Spiga");
    private static final List<String> JP_STREETS = List.of("Jingumae 4-12-10", "Ginza 6-10-1", "Umeda 3-1-3",
            "Shinsaibashi-suji 1-2", "Omotesando 5-8");
    private static final List<String> AU_STREETS = List.of("George Street", "Collins Street", "Queen Street",
            "Oxford Street", "Chapel Street");

    private static final Place[] PLACES = {
        new Place("US", "United States", "New York", "New York", "NY", "10012", "+1212", "example.com", US_STREETS, US_FIRST, US_LAST),
        new Place("US", "United States", "Los Angeles", "California", "CA", "90028", "+1323", "example.com", US_STREETS, US_FIRST, US_LAST),
        new Place("US", "United States", "Chicago", "Illinois", "IL", "60611", "+1312", "example.com", US_STREETS, US_FIRST, US_LAST),
        new Place("US", "United States", "Austin", "Texas", "TX", "78701", "+1512", "example.com", US_STREETS, US_FIRST, US_LAST),
        new Place("US", "United States", "Miami", "Florida", "FL", "33131", "+1305", "example.com", US_STREETS, US_FIRST, US_LAST),
        new Place("US", "United States", "Seattle", "Washington", "WA", "98101", "+1206", "example.com", US_STREETS, US_FIRST, US_LAST),
        new Place("US", "United States", "Boston", "Massachusetts", "MA", "02116", "+1617", "example.com", US_STREETS, US_FIRST, US_LAST),
        new Place("CA", "Canada", "Toronto", "Ontario", "ON", "M5V 2T6", "+1416", "example.ca", CA_STREETS, CA_FIRST, CA_LAST),
        new Place("CA", "Canada", "Montréal", "Quebec", "QC", "H2X 1Y4", "+1514", "example.ca", CA_STREETS, CA_FIRST, CA_LAST),
        new Place("CA", "Canada", "Vancouver", "British Columbia", "BC", "V6B 1A1", "+1604", "example.ca", CA_STREETS, CA_FIRST, CA_LAST),
        new Place("GB", "United Kingdom", "London", null, null, "SW3 4RY", "+4420", "example.co.uk", GB_STREETS, GB_FIRST, GB_LAST),
        new Place("GB", "United Kingdom", "Manchester", null, null, "M3 2BY", "+44161", "example.co.uk", GB_STREETS, GB_FIRST, GB_LAST),
        new Place("FR", "France", "Paris", null, null, "75001", "+331", "example.fr", FR_STREETS, FR_FIRST, FR_LAST),
        new Place("FR", "France", "Lyon", null, null, "69002", "+334", "example.fr", FR_STREETS, FR_FIRST, FR_LAST),
        new Place("DE", "Germany", "Berlin", null, null, "10117", "+4930", "example.de", DE_STREETS, DE_FIRST, DE_LAST),
        new Place("DE", "Germany", "München", null, null, "80539", "+4989", "example.de", DE_STREETS, DE_FIRST, DE_LAST),
        new Place("IT", "Italy", "Milano", "Milano", "MI", "20121", "+3902", "example.it", IT_STREETS, IT_FIRST, IT_LAST),
        new Place("IT", "Italy", "Firenze", "Firenze", "FI", "50123", "+39055", "example.it", IT_STREETS, IT_FIRST, IT_LAST),
        new Place("JP", "Japan", "Shibuya-ku", "Tokyo", "JP-13", "150-0001", "+813", "example.jp", JP_STREETS, JP_FIRST, JP_LAST),
        new Place("JP", "Japan", "Osaka", "Osaka", "JP-27", "530-0001", "+816", "example.jp", JP_STREETS, JP_FIRST, JP_LAST),
        new Place("AU", "Australia", "Sydney", "New South Wales", "NSW", "2000", "+612", "example.com.au", AU_STREETS, AU_FIRST, AU_LAST),
        new Place("AU", "Australia", "Melbourne", "Victoria", "VIC", "3000", "+613", "example.com.au", AU_STREETS, AU_FIRST, AU_LAST),
    };

    private static final List<String> COMPANY_SUFFIXES = List.of("Boutique", "& Co.", "Apparel", "Concept Store",
            "Outfitters", "Trading", "Atelier", "Supply Co.", "Goods", "Collective");
    private static final List<String> SUITE_WORDS = List.of("Suite", "Unit", "Floor", "Apt", "Studio");
    private static final List<String> NOTES = List.of("Met at Coterie NYC.", "Prefers email contact.",
            "Net 30 terms.", "Seasonal buyer: SS and FW.", "Ships to store, not HQ.", "Reorders monthly.");
    private static final List<String> LONG_NOTES = List.of(
            "Met the buyer at Coterie; interested in the FW collection, prefers pre-packs and net 30 terms.",
            "Boutique with two locations; ship to the flagship, invoices to the head office accounting team.",
            "Long-standing stockist since 2019, reorders core styles monthly, asks for early access to drops.",
            "Department store concession; EDI onboarding pending, use the portal for purchase orders for now.",
            "Online-first retailer; requires product images and GTINs with every order, dropship not allowed.");

    private static final List<List<String>> ELIGIBLE_TAG_SETS = List.of(
            List.of("JOOR_ENABLED"), List.of("JOOR_ENABLED"), List.of("JOOR"), List.of("WHOLESALE"),
            List.of("WHOLESALE"), List.of("wholesale"), List.of("Joor"), List.of("joor_enabled"),
            List.of("VIP", "WHOLESALE"), List.of("JOOR_ENABLED", "Newsletter"), List.of("Wholesale", "Net30"),
            List.of("JOOR", "WHOLESALE"), List.of("Retail", "JOOR_ENABLED_OLD", "JOOR"));
    private static final List<String> UNRELATED_TAGS = List.of("VIP", "Newsletter", "Retail", "B2C", "Influencer");
    private static final List<List<String>> UNRELATED_TAG_SETS = List.of(List.of("VIP"), List.of("Newsletter"),
            List.of("Retail"), List.of("B2C", "Newsletter"), List.of("Influencer"));
    private static final List<List<String>> UNRELATED_OR_NONE = List.of(List.of(), List.of(), List.of("VIP"),
            List.of("Newsletter"), List.of("Retail"), List.of("B2C", "Newsletter"), List.of("NOT_WHOLESALE"),
            List.of("JOOR_ENABLED_OLD"));

    private static <T> T pick(Random r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    private static <T> T pick(Random r, T[] array) {
        return array[r.nextInt(array.length)];
    }

    private static String companyName(Random r, String lastName, Place place) {
        return lastName + " " + pick(r, COMPANY_SUFFIXES);
    }

    private static String email(String first, String last, String company, int i) {
        String domain = ascii(company).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return ascii(first) + "." + ascii(last) + (i % 7 == 0 ? String.valueOf(i) : "") + "@" + domain + ".example";
    }

    /** Lower-case ASCII: accents dropped, anything else removed. */
    static String ascii(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return n.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 &.-]", "");
    }

    private static String e164(Random r, Place p) {
        int digits = p.phonePrefix().startsWith("+1") ? 7 : 10 - (p.phonePrefix().length() - 3);
        StringBuilder sb = new StringBuilder(p.phonePrefix());
        sb.append(5);
        for (int i = 1; i < digits; i++) {
            sb.append(r.nextInt(10));
        }
        return sb.toString();
    }

    private static SandboxAddress address(Random r, Place p, String first, String last, String company) {
        String street = pick(r, p.streets());
        String line1 = switch (p.countryCode()) {
            case "FR", "IT" -> (1 + r.nextInt(120)) + " " + street;
            case "DE" -> street + " " + (1 + r.nextInt(120));
            case "JP" -> street;
            default -> (1 + r.nextInt(2400)) + " " + street;
        };
        String phone = switch (r.nextInt(4)) {
            case 0 -> null;
            case 1 -> p.countryCode().equals("US") || p.countryCode().equals("CA")
                    ? "(" + p.phonePrefix().substring(2) + ") 555-0" + (100 + r.nextInt(900)) : e164(r, p);
            default -> e164(r, p);
        };
        return new SandboxAddress().setFirstName(first).setLastName(last)
                .setCompany(r.nextInt(10) < 9 ? company : null)
                .setAddress1(line1)
                .setAddress2(r.nextInt(3) == 0 ? pick(r, SUITE_WORDS) + " " + (1 + r.nextInt(40)) : null)
                .setCity(p.city()).setProvince(p.province()).setProvinceCode(p.provinceCode())
                .setCountryCodeV2(p.countryCode()).setCountry(p.country()).setZip(p.zip()).setPhone(phone);
    }
}
