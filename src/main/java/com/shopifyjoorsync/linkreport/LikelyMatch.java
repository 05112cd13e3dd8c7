package com.shopifyjoorsync.linkreport;

import java.util.List;

/** The Shopify customers a JOOR connection is probably, and on what grounds. */
public record LikelyMatch(Basis basis, List<TaggedCustomer> candidates) {

    public enum Basis {
        /** Same email, ignoring case. */
        EMAIL("same email"),
        /** No email in common, but the same company in the same city. */
        COMPANY_AND_CITY("same company and city"),
        NONE("no match");

        private final String label;

        Basis(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public LikelyMatch {
        candidates = List.copyOf(candidates);
    }

    public boolean ambiguous() {
        return candidates.size() > 1;
    }

    public boolean single() {
        return candidates.size() == 1;
    }
}
