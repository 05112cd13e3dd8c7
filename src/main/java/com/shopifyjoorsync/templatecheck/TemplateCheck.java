package com.shopifyjoorsync.templatecheck;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

    /** @param file the file to check, read as a stream (a private copy: what is checked is what is sent) */
    public TemplateReview read(@Body File file, @ExchangeProperty("templateFileName") String fileName) {
        return new TemplateReview(fileName, TemplateFile.read(file.toPath(), delimiter));
    }

    /** The Shopify searches that find which of the file's codes are customer ids (none for an unreadable file). */
    public List<String> shopifySearches(@ExchangeProperty("templateReview") TemplateReview review) {
        long[] ids = review.isReadable() ? TemplateRules.possibleShopifyIds(review.file()) : new long[0];
        review.possibleShopifyIds(ids);
        List<String> searches = new ArrayList<>();
        int batch = CustomerIdSearch.IDS_PER_SEARCH;
        for (int i = 0; i < ids.length; i += batch) {
            searches.add(CustomerIdSearch.build(Arrays.stream(ids, i, Math.min(ids.length, i + batch))
                    .mapToObj(Long::toString).toList()));
        }
        return searches;
    }

    /** One page of the answer: customers whose id is one of the file's codes. */
    public void shopifyCustomers(@Body List<? extends JsonNode> customers,
            @ExchangeProperty("templateReview") TemplateReview review) {
        for (JsonNode customer : customers) {
            String id = customer.path("legacyResourceId").asText("");
            if (review.possibleShopifyId(id)) {
                review.shopifyId(id);
            }
        }
    }

    /** @param submit whether the file is to be sent: then it must hold at least one customer */
    public TemplateVerdict verdict(@ExchangeProperty("templateReview") TemplateReview review,
            @ExchangeProperty("shopCurrency") String shopCurrency, @ExchangeProperty("templateSubmit") Boolean submit) {
        TemplateProblems problems = rules.check(review.file(), shopCurrency, review.shopifyIds());
        if (Boolean.TRUE.equals(submit) && problems.isEmpty() && review.file().rows() == 0) {
            problems.add(TemplateProblem.file("the file has no customer rows: nothing to send"));
        }
        return new TemplateVerdict(review.fileName(), review.file().rows(), problems.shown(), problems.total(), null,
                review.file().isWorkbook());
    }

    /** The verdict once Data Services received the file under {@code name}. */
    public TemplateVerdict sent(@ExchangeProperty("templateVerdict") TemplateVerdict verdict,
            @Header("CamelFileName") String name) {
        return verdict.sent(name);
    }
}
