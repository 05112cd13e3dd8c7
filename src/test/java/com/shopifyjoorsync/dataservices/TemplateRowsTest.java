package com.shopifyjoorsync.dataservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import com.shopifyjoorsync.mapping.MalformedCustomerException;
import com.shopifyjoorsync.mapping.WholesaleCustomer;

import org.junit.jupiter.api.Test;

class TemplateRowsTest {
    private final TemplateRows rows = new TemplateRows();

    private static WholesaleCustomer customer(String name, String address1, String state, String country, String phone) {
        return new WholesaleCustomer("706405506930370084", name, "Bob Biller", "bob@biller.com", phone, address1, null,
                "Ottawa", state, "K2P 2L8", country, "CAD", "Wholesale CAD");
    }

    @Test
    void headerHasTheTemplateColumnsInOrder() {
        assertThat(rows.header()).containsExactly(List.of("Customer Code", "Customer Name", "Address 1", "Address 2",
                "City", "State", "Zip", "Country", "Email", "Phone", "Buyer Name", "Price Currency", "Price Label"));
    }

    @Test
    void rowFollowsTheColumnsAndNeutralisesFormulaCells() {
        assertThat(rows.row(customer("=HYPERLINK(\"x\")", "151 O Connor St", "ON", "CA", "+1 555 0100")))
                .containsExactly(List.of("706405506930370084", "'=HYPERLINK(\"x\")", "151 O Connor St", "", "Ottawa",
                        "ON", "K2P 2L8", "CA", "bob@biller.com", "'+1 555 0100", "Bob Biller", "CAD", "Wholesale CAD"));
    }

    @Test
    void refusesARowMissingMandatoryCellsNamingThem() {
        assertThatThrownBy(() -> rows.row(customer("Biller", null, null, "US", null)))
                .isInstanceOf(MalformedCustomerException.class)
                .hasMessageContaining("Address 1, State");
    }

    @Test
    void neutralisesEveryDangerousFirstCharacter() {
        for (String cell : List.of("=1", "+1", "-1", "@x", "\tx", "\rx")) {
            assertThat(CellNeutraliser.neutralise(cell)).isEqualTo("'" + cell);
        }
        assertThat(CellNeutraliser.neutralise("Maison Élégance")).isEqualTo("Maison Élégance");
        assertThat(CellNeutraliser.neutralise(null)).isEmpty();
    }
}
