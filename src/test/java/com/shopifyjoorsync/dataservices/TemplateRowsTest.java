package com.shopifyjoorsync.dataservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopifyjoorsync.mapping.MalformedCustomerException;

import org.junit.jupiter.api.Test;

class TemplateRowsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TemplateRows rows = new TemplateRows();

    /** A row as the mapping gives it: optional column first, Zip missing, contract columns out of order. */
    private static ObjectNode row(String name, String address1, String state, String country, String phone) {
        ObjectNode row = JSON.createObjectNode();
        row.put("Payment Method", "Net 30");
        row.put("Customer Name", name);
        row.put("Customer Code", "706405506930370084");
        row.put("Address 1", address1);
        row.putNull("Address 2");
        row.put("City", "Ottawa");
        row.put("State", state);
        row.put("Country", country);
        row.put("Email", "bob@biller.com");
        row.put("Phone", phone);
        row.put("Buyer Name", "Bob Biller");
        row.put("Price Currency", "CAD");
        row.put("Price Label", "Wholesale CAD");
        return row;
    }

    @Test
    void theContractColumnsComeFirstAndInOrderThenTheMappingsOthers() {
        assertThat(rows.header(row("Biller & Co", "151 O Connor", "ON", "CA", null)).get(0)).containsExactly(
                "Customer Code", "Customer Name", "Address 1", "Address 2", "City", "State", "Zip", "Country",
                "Email", "Phone", "Buyer Name", "Price Currency", "Price Label", "Payment Method");
    }

    @Test
    void rowFollowsTheColumnsAndNeutralisesFormulaCells() {
        List<String> cells = rows.row(row("=HYPERLINK(\"x\")", "151 O Connor", "ON", "CA", "+16135550100")).get(0);
        assertThat(cells).containsExactly("706405506930370084", "'=HYPERLINK(\"x\")", "151 O Connor", "", "Ottawa",
                "ON", "", "CA", "bob@biller.com", "'+16135550100", "Bob Biller", "CAD", "Wholesale CAD", "Net 30");
    }

    @Test
    void refusesARowMissingMandatoryCellsNamingThem() {
        assertThatThrownBy(() -> rows.row(row("Biller & Co", null, null, "US", null)))
                .isInstanceOf(MalformedCustomerException.class)
                .hasMessageContaining("706405506930370084").hasMessageContaining("Address 1, State");
    }

    @Test
    void neutralisesEveryDangerousFirstCharacter() {
        for (String start : List.of("=", "+", "-", "@", "\t", "\r")) {
            assertThat(CellNeutraliser.neutralise(start + "1")).isEqualTo("'" + start + "1");
        }
        assertThat(CellNeutraliser.neutralise("Biller")).isEqualTo("Biller");
    }

    @Test
    void removesControlCharactersBeforeLookingForAFormula() {
        assertThat(CellNeutraliser.neutralise("\u202E=HYPERLINK(\"x\")")).isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(CellNeutraliser.neutralise("Caf\u00e9\u0000 du\u001B Nord\u007F\u0085")).isEqualTo("Caf\u00e9 du Nord");
        assertThat(CellNeutraliser.neutralise("line one\nline two\tend")).as("line breaks and tabs inside stay")
                .isEqualTo("line one\nline two\tend");
    }
}
