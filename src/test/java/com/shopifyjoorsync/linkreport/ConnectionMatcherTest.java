package com.shopifyjoorsync.linkreport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

class ConnectionMatcherTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final TaggedCustomer NORTH = new TaggedCustomer("101", "North Star", "North Star", "Buyer@NorthStar.example", "Denver");
    private static final TaggedCustomer MONTREAL = new TaggedCustomer("102", "Café Élan", "Café Élan", "elan@cafe.example", "Montréal");
    private static final TaggedCustomer TWIN_A = new TaggedCustomer("104", "Twin", "Twin Peaks", "a@twin.example", "Seattle");
    private static final TaggedCustomer TWIN_B = new TaggedCustomer("103", "Twin", "Twin Peaks", "b@twin.example", "Seattle");
    private static final TaggedCustomer NO_COMPANY = new TaggedCustomer("105", "Jo Park", "", "jo@park.example", "Seattle");

    private final ConnectionMatcher matcher = new ConnectionMatcher(List.of(NORTH, MONTREAL, TWIN_A, TWIN_B, NO_COMPANY));

    private static ListedConnection connection(String json) throws Exception {
        return ListedConnection.from(JSON.readTree(json), "TS-1");
    }

    @Test
    void theSameEmailIgnoringCaseWinsOverCompanyAndCity() throws Exception {
        LikelyMatch m = matcher.match(connection("""
                {"customer_name":"Twin Peaks","customer_contact_email":"  BUYER@northstar.EXAMPLE ",
                 "billing":{"billing_addresses":{"billing_address":[{"city":"Seattle"}]}}}"""));

        assertThat(m.basis()).isEqualTo(LikelyMatch.Basis.EMAIL);
        assertThat(m.candidates()).containsExactly(NORTH);
    }

    @Test
    void companyAndCityIgnoreCaseAccentsAndExtraSpacesAndMayComeFromTheAlias() throws Exception {
        LikelyMatch m = matcher.match(connection("""
                {"customer_name":"Elan Montreal Inc","customer_alias":"  CAFE   ELAN","customer_contact_email":"x@y.example",
                 "billing_addresses":{"billing_address":[{"city":"MONTREAL"}]}}"""));

        assertThat(m.basis()).isEqualTo(LikelyMatch.Basis.COMPANY_AND_CITY);
        assertThat(m.candidates()).containsExactly(MONTREAL);
    }

    @Test
    void twoCandidatesAreBothListedAndTheMatchIsAmbiguous() throws Exception {
        LikelyMatch m = matcher.match(connection("""
                {"customer_name":"Twin Peaks",
                 "shipping":{"shipping_addresses":{"shipping_address":{"city":"Seattle"}}}}"""));

        assertThat(m.ambiguous()).isTrue();
        assertThat(m.candidates()).containsExactly(TWIN_B, TWIN_A);
    }

    @Test
    void theSameCompanyElsewhereOrNoCompanyIsNoMatch() throws Exception {
        assertThat(matcher.match(connection("""
                {"customer_name":"Twin Peaks","billing":{"billing_addresses":{"billing_address":[{"city":"Portland"}]}}}""")
        ).basis()).isEqualTo(LikelyMatch.Basis.NONE);
        assertThat(matcher.match(connection("""
                {"customer_name":"","billing":{"billing_addresses":{"billing_address":[{"city":"Seattle"}]}}}""")
        ).candidates()).isEmpty();
    }

    @Test
    void aContactEmailFieldWithTwoAddressesMatchesEither() throws Exception {
        LikelyMatch m = matcher.match(connection("""
                {"customer_name":"?","customer_contact_email":"someone@else.example; a@twin.example"}"""));

        assertThat(m.candidates()).containsExactly(TWIN_A);
    }
}
