package com.shopifyjoorsync.mapping;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopifyjoorsync.dataservices.CellNeutraliser;
import com.shopifyjoorsync.state.ContentHash;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * The route-facing side of the mapping: the steps the customer routes call by name. What a customer
 * becomes is the mapping file's business ({@link MappingFile}); the Customer Code is the Shopify id
 * as exact text (ids exceed 2^53, a double would round them).
 */
public final class CustomerMapping {
    private final MappingFile mapping;
    private final MappingDefaults defaults;
    private final CustomerTags tags;
    private final ObjectMapper json;

    public CustomerMapping(MappingFile mapping, MappingDefaults defaults, CustomerTags tags, ObjectMapper json) {
        this.mapping = mapping;
        this.defaults = defaults;
        this.tags = tags;
        this.json = json;
    }

    /** The Customer Code (legacyResourceId, else the number of the gid), or "unknown" (then dead-lettered). */
    public String customerCode(@Body JsonNode customer) {
        String code = code(customer);
        return code == null ? "unknown" : code;
    }

    /**
     * The mapping step: the customer through the mapping file, {@code {connection, template}} out.
     *
     * @throws MalformedCustomerException without a Customer Code, or when the mapping fails
     */
    public JsonNode map(@Body JsonNode customer, @ExchangeProperty("shopCurrency") String shopCurrency) {
        return map(customer, requireCode(customer), shopCurrency);
    }

    /** For a customer JOOR knows: the mapped connection to send, checked, with its content hash. */
    public CustomerExport joorExport(@ExchangeProperty("customer") JsonNode customer, @Body JsonNode mapped,
            @ExchangeProperty("replayFile") String replayFile) {
        String code = requireCode(customer);
        JsonNode connection = mapped.get("connection");
        ProtectedCustomerData.requireVisible(customer, connection, code);
        ObjectNode checked = JoorConnection.checked(connection, code);
        return new CustomerExport(code, customer, checked, ContentHash.of(checked), replayFile);
    }

    /** For a customer JOOR does not know yet: the mapped Customer Data Template row, column name -> value. */
    public ObjectNode templateRow(@ExchangeProperty("customer") JsonNode customer, @Body JsonNode mapped) {
        String code = requireCode(customer);
        JsonNode row = mapped.get("template");
        ProtectedCustomerData.requireVisible(customer, row, code);
        if (!(row instanceof ObjectNode template)) {
            throw new MalformedCustomerException("the customer mapping gave customer " + code + " no template row");
        }
        return template;
    }

    /** The codes of a page's customers (for reading their state in one query). */
    public List<String> customerCodes(@Body List<? extends JsonNode> customers) {
        return customers.stream().map(this::customerCode).toList();
    }

    /** The codes of a page's customers that carry an export tag. */
    public List<String> eligibleCodes(@Body List<? extends JsonNode> customers) {
        return customers.stream().filter(tags::isEligible).map(this::customerCode).toList();
    }

    /** The bulk-connection payload of a batch. */
    public List<ObjectNode> connections(@Body List<CustomerExport> batch) {
        return batch.stream().map(CustomerExport::connection).toList();
    }

    /** The mapping's whole output for a customer: {connection, template}, without control characters. */
    public JsonNode map(JsonNode customer, String code, String shopCurrency) {
        ObjectNode input = json.createObjectNode();
        input.set("customer", customer);
        input.put("customerCode", code);
        input.put("shopCurrency", shopCurrency);
        input.put("priceLabel", defaults.priceLabel());
        ObjectNode d = input.putObject("defaults");
        d.put("paymentMethod", defaults.paymentMethod());
        d.put("shippingMethod", defaults.shippingMethod());
        d.put("salesRep", defaults.salesRep());
        d.put("discount", defaults.discount());
        return CellNeutraliser.removeControls(mapping.apply(input), code);
    }

    private static String requireCode(JsonNode customer) {
        String code = code(customer);
        if (code == null) {
            throw new MalformedCustomerException("customer has no numeric legacyResourceId (Customer Code): id="
                    + text(customer, "id"));
        }
        return code;
    }

    private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("\\d{1,50}");

    private static String code(JsonNode customer) {
        if (customer == null || !customer.isObject()) {
            return null;
        }
        String code = text(customer, "legacyResourceId");
        if (code == null) {
            String gid = text(customer, "id");
            code = gid == null ? null : gid.substring(gid.lastIndexOf('/') + 1);
        }
        return code != null && DIGITS.matcher(code).matches() ? code : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText().trim();
    }
}
