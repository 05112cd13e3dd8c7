package com.shopifyjoorsync.templatecheck;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * ISO 3166-1 alpha-2 country codes (the Country column), and the code someone probably meant when
 * they wrote a name or a three-letter code instead ("United States", "USA", "UK").
 */
final class CountryCodes {
    private static final Set<String> CODES = Set.of(Locale.getISOCountries());
    private static final Map<String, String> MEANT = new HashMap<>();

    static {
        for (String code : CODES) {
            Locale country = new Locale.Builder().setRegion(code).build();
            MEANT.put(country.getDisplayCountry(Locale.ENGLISH).toUpperCase(Locale.ROOT), code);
            try {
                MEANT.put(country.getISO3Country(), code);
            } catch (java.util.MissingResourceException noAlpha3) {
                // a few codes have no alpha-3 form: nothing to suggest from
            }
        }
        MEANT.put("UK", "GB");
        MEANT.put("GREAT BRITAIN", "GB");
        MEANT.put("ENGLAND", "GB");
        MEANT.put("USA", "US");
        MEANT.put("UNITED STATES OF AMERICA", "US");
    }

    private CountryCodes() {
    }

    static boolean isCode(String value) {
        return CODES.contains(value);
    }

    /** The code a value probably stands for, or null. */
    static String meant(String value) {
        String upper = value.strip().toUpperCase(Locale.ROOT);
        return CODES.contains(upper) ? upper : MEANT.get(upper);
    }
}
