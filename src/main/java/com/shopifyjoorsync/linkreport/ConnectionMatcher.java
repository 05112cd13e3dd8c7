package com.shopifyjoorsync.linkreport;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds the tagged Shopify customers a JOOR connection probably is: the same email (ignoring case),
 * else the same company in the same city (ignoring case, accents and extra spaces, since people
 * type names at tradeshows). Every candidate is kept: choosing between two is a person's call.
 */
public final class ConnectionMatcher {
    private final Map<String, List<TaggedCustomer>> byEmail = new HashMap<>();
    private final Map<String, List<TaggedCustomer>> byCompanyAndCity = new HashMap<>();

    public ConnectionMatcher(Collection<TaggedCustomer> customers) {
        for (TaggedCustomer c : customers) {
            if (!c.email().isBlank()) {
                byEmail.computeIfAbsent(email(c.email()), k -> new ArrayList<>()).add(c);
            }
            if (!c.company().isBlank() && !c.city().isBlank()) {
                byCompanyAndCity.computeIfAbsent(key(c.company(), c.city()), k -> new ArrayList<>()).add(c);
            }
        }
    }

    public LikelyMatch match(ListedConnection connection) {
        Set<TaggedCustomer> found = new LinkedHashSet<>();
        // a contact email field sometimes holds two addresses
        for (String address : connection.email().split("[,;\\s]+")) {
            if (!address.isBlank()) {
                found.addAll(byEmail.getOrDefault(email(address), List.of()));
            }
        }
        if (!found.isEmpty()) {
            return new LikelyMatch(LikelyMatch.Basis.EMAIL, sorted(found));
        }
        for (String company : List.of(connection.name(), connection.alias())) {
            for (String city : connection.cities()) {
                if (!company.isBlank()) {
                    found.addAll(byCompanyAndCity.getOrDefault(key(company, city), List.of()));
                }
            }
        }
        return found.isEmpty() ? new LikelyMatch(LikelyMatch.Basis.NONE, List.of())
                : new LikelyMatch(LikelyMatch.Basis.COMPANY_AND_CITY, sorted(found));
    }

    private static List<TaggedCustomer> sorted(Set<TaggedCustomer> found) {
        List<TaggedCustomer> list = new ArrayList<>(found);
        list.sort(Comparator.comparing(TaggedCustomer::id));
        return list;
    }

    private static String email(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }

    private static String key(String company, String city) {
        return plain(company) + "\n" + plain(city);
    }

    /** "  Montréal " and "MONTREAL" are the same city to a person. */
    static String plain(String text) {
        String withoutAccents = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return withoutAccents.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
    }
}
