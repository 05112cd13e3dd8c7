package com.shopifyjoorsync.mapping;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopifyjoorsync.dataservices.TemplateRows;

/**
 * Checks a mapping file at start on a sample customer, so that a mapping that cannot work stops the
 * start with the reason instead of dead-lettering every customer: it must give a connection whose
 * customer_code is the exact Customer Code (the sample's exceeds 2^53), and a template row with
 * every contract column.
 */
public final class MappingCheck {
    /** 2^53 + 1: a mapping that turns the code into a number rounds it. */
    static final String SAMPLE_CODE = "9007199254740993";
    private static final String SAMPLE = """
            {"id":"gid://shopify/Customer/9007199254740993","legacyResourceId":"9007199254740993",
             "firstName":"Ada","lastName":"Sample","displayName":"Ada Sample",
             "defaultEmailAddress":{"emailAddress":"ada@example.com"},
             "defaultPhoneNumber":{"phoneNumber":"+16135550100"},"note":null,"tags":["JOOR"],
             "state":"ENABLED","taxExempt":false,"createdAt":"2026-11-01T00:00:00Z","updatedAt":"2026-11-01T00:00:00Z",
             "defaultAddress":{"firstName":"Ada","lastName":"Sample","company":"Sample & Co",
               "address1":"1 Sample Street","address2":null,"city":"Ottawa","province":"Ontario",
               "provinceCode":"ON","countryCodeV2":"CA","country":"Canada","zip":"K2P 2L8","phone":"+16135550100"}}
            """;

    private MappingCheck() {
    }

    /**
     * The template columns this mapping writes, in the order the sync writes them (contract columns
     * first): what a blank template for people to fill in must have.
     */
    public static List<String> templateColumns(CustomerMapping mapping, ObjectMapper json) {
        try {
            JsonNode template = mapping.map(json.readTree(SAMPLE), SAMPLE_CODE, "USD").get("template");
            return new TemplateRows().header((ObjectNode) template).get(0);
        } catch (Exception e) {
            throw new MalformedCustomerException("the customer mapping gives no template row: " + e.getMessage());
        }
    }

    /** What is wrong with the mapping, one message each; empty when it works on the sample. */
    public static List<String> problems(CustomerMapping mapping, ObjectMapper json, List<String> contractColumns) {
        List<String> problems = new ArrayList<>();
        JsonNode out;
        try {
            out = mapping.map(json.readTree(SAMPLE), SAMPLE_CODE, "USD");
        } catch (Exception e) {
            return List.of("the mapping fails on a sample customer: " + e.getMessage());
        }
        JsonNode connection = out == null ? null : out.get("connection");
        if (connection == null || !connection.isObject()) {
            problems.add("the mapping gives no \"connection\" object");
        } else if (!connection.path("customer_code").isTextual()
                || !SAMPLE_CODE.equals(connection.path("customer_code").asText())) {
            problems.add("the mapping's connection.customer_code is " + connection.get("customer_code") + " for "
                    + "Customer Code " + SAMPLE_CODE + ": it must be .customerCode, as text");
        }
        JsonNode template = out == null ? null : out.get("template");
        if (template == null || !template.isObject()) {
            problems.add("the mapping gives no \"template\" object");
        } else {
            List<String> missing = contractColumns.stream().filter(c -> !template.has(c)).toList();
            if (!missing.isEmpty()) {
                problems.add("the mapping's template lacks the contract columns " + String.join(", ", missing));
            }
            if (!template.path("Customer Code").isTextual()
                    || !SAMPLE_CODE.equals(template.path("Customer Code").asText())) {
                problems.add("the mapping's template \"Customer Code\" is " + template.get("Customer Code")
                        + " for " + SAMPLE_CODE + ": it must be .customerCode, as text");
            }
        }
        return problems;
    }
}
