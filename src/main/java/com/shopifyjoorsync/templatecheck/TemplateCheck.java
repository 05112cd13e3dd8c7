package com.shopifyjoorsync.templatecheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopifyjoorsync.shopify.CustomerIdSearch;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

/**
 * The steps of the template-check route (bean {@code sjsTemplateCheck}): read the file, ask Shopify
 * which of its codes are customer ids, then judge it with {@link TemplateRules}.
 */
public final class TemplateCheck {
    private final char delimiter;
    private final TemplateRules rules;

    /**
     * @param delimiter  data-services.delimiter: a hand-filled file must use the sync's own
     * @param priceLabel joor.price-label
     */
    public TemplateCheck(char delimiter, String priceLabel) {
        this.delimiter = delimiter;
        this.rules = new TemplateRules(priceLabel);
    }

    public TemplateReview read(@Body byte[] content, @ExchangeProperty("templateFileName") String fileName) {
        return new TemplateReview(fileName, TemplateFile.read(content, delimiter));
    }

    /** The Shopify searches that find which of the file's codes are customer ids (none for an unreadable file). */
    public List<String> shopifySearches(@ExchangeProperty("templateReview") TemplateReview review) {
        List<String> ids = review.isReadable() ? TemplateRules.possibleShopifyIds(review.file()) : List.of();
        List<String> searches = new ArrayList<>();
        int batch = CustomerIdSearch.IDS_PER_SEARCH;
        for (int i = 0; i < ids.size(); i += batch) {
            searches.add(CustomerIdSearch.build(ids.subList(i, Math.min(ids.size(), i + batch))));
        }
        return searches;
    }

    /** One page of the answer: customers whose id is one of the file's codes. */
    public void shopifyCustomers(@Body List<? extends JsonNode> customers,
            @ExchangeProperty("templateReview") TemplateReview review) {
        Set<String> wanted = Set.copyOf(TemplateRules.possibleShopifyIds(review.file()));
        for (JsonNode customer : customers) {
            String id = customer.path("legacyResourceId").asText("");
            if (wanted.contains(id)) {
                review.shopifyId(id);
            }
        }
    }

    /** @param submit whether the file is to be sent: then it must hold at least one customer */
    public TemplateVerdict verdict(@ExchangeProperty("templateReview") TemplateReview review,
            @ExchangeProperty("shopCurrency") String shopCurrency, @ExchangeProperty("templateSubmit") Boolean submit) {
        List<TemplateProblem> problems = new ArrayList<>(rules.check(review.file(), shopCurrency, review.shopifyIds()));
        if (Boolean.TRUE.equals(submit) && problems.isEmpty() && review.file().rows().isEmpty()) {
            problems.add(TemplateProblem.file("the file has no customer rows: nothing to send"));
        }
        return new TemplateVerdict(review.fileName(), review.file().rows().size(), problems, null);
    }

    /** The verdict once Data Services received the file under {@code name}. */
    public TemplateVerdict sent(@ExchangeProperty("templateVerdict") TemplateVerdict verdict,
            @Header("CamelFileName") String name) {
        return verdict.sent(name);
    }
}
