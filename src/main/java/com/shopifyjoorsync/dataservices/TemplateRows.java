package com.shopifyjoorsync.dataservices;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopifyjoorsync.mapping.MalformedCustomerException;
import com.shopifyjoorsync.state.ContentHash;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * A new customer's Customer Data Template row, as the mapping file made it (column name -> value),
 * laid out as Data Services expects: the contract columns first and in their order, then the
 * mapping's other columns in its order. Rows missing a mandatory cell are refused with the missing
 * columns named, because Data Services cannot process them (the customer is dead-lettered until it
 * is completed in Shopify). Every cell is neutralised against spreadsheet formulas.
 */
public final class TemplateRows {

    /** The header record of a file whose rows look like this one, for the CSV data format. */
    public List<List<String>> header(@Body ObjectNode row) {
        return List.of(columns(row));
    }

    /** The header record of a file holding this batch of rows. */
    public List<List<String>> batchHeader(@Body List<TemplateRow> batch) {
        return List.of(batch.get(0).columns());
    }

    /** The customer's row, with what the batch needs to record it or dead-letter it. */
    public TemplateRow templateRow(@Body ObjectNode fields, @ExchangeProperty("customer") JsonNode customer,
            @ExchangeProperty("replayFile") String replayFile) {
        List<List<String>> record = row(fields);
        return new TemplateRow(cell(fields, "Customer Code"), customer, columns(fields), record.get(0),
                ContentHash.of(record), replayFile);
    }

    /**
     * A batch's rows as records for the CSV data format: column name -> cell, in column order. Maps,
     * not lists: camel-csv asks the type converter for a Map first, and a list's failed conversion
     * cost more than writing the row.
     */
    public List<Map<String, String>> records(@Body List<TemplateRow> batch) {
        List<Map<String, String>> records = new ArrayList<>(batch.size());
        for (TemplateRow row : batch) {
            Map<String, String> record = new LinkedHashMap<>();
            List<String> columns = row.columns();
            List<String> cells = row.cells();
            for (int i = 0; i < columns.size(); i++) {
                record.put(columns.get(i), cells.get(i));
            }
            records.add(record);
        }
        return records;
    }

    /** One record (a list holding one row) for the CSV data format. */
    public List<List<String>> row(@Body ObjectNode row) {
        String code = cell(row, "Customer Code");
        List<String> missing = new ArrayList<>();
        for (String column : TemplateColumns.MANDATORY) {
            require(missing, column, cell(row, column));
        }
        if (TemplateColumns.STATE_REQUIRED.contains(cell(row, "Country"))) {
            require(missing, "State", cell(row, "State"));
        }
        if (!missing.isEmpty()) {
            throw new MalformedCustomerException("customer " + code + " lacks mandatory Customer Data Template "
                    + "fields: " + String.join(", ", missing) + " (complete them in Shopify)");
        }
        List<String> cells = columns(row).stream().map(c -> CellNeutraliser.neutralise(cell(row, c))).toList();
        return List.of(cells);
    }

    /** The contract columns, then the row's other columns in the mapping's order. */
    static List<String> columns(ObjectNode row) {
        List<String> columns = new ArrayList<>(TemplateColumns.NAMES);
        for (Iterator<String> names = row.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!columns.contains(name)) {
                columns.add(name);
            }
        }
        return columns;
    }

    /** The cell as text, "" when absent or null; numbers and booleans as written. */
    private static String cell(ObjectNode row, String column) {
        JsonNode value = row.get(column);
        if (value == null || value.isNull()) {
            return "";
        }
        return value.isValueNode() ? value.asText().trim() : value.toString();
    }

    private static void require(List<String> missing, String column, String value) {
        if (value.isBlank()) {
            missing.add(column);
        }
    }
}
