package com.shopifyjoorsync.sandbox;

import java.util.Objects;

/**
 * A customer's default address as the Shopify sandbox serves it ({@code MailingAddress}).
 * A plain mutable bean; every field is a nullable string.
 */
public final class SandboxAddress {

    private String firstName;
    private String lastName;
    private String company;
    private String address1;
    private String address2;
    private String city;
    private String province;
    private String provinceCode;
    private String countryCodeV2;
    private String country;
    private String zip;
    private String phone;

    public SandboxAddress() {
    }

    /** A copy (strings are immutable, so this is a deep copy). */
    public SandboxAddress copy() {
        SandboxAddress c = new SandboxAddress();
        c.firstName = firstName;
        c.lastName = lastName;
        c.company = company;
        c.address1 = address1;
        c.address2 = address2;
        c.city = city;
        c.province = province;
        c.provinceCode = provinceCode;
        c.countryCodeV2 = countryCodeV2;
        c.country = country;
        c.zip = zip;
        c.phone = phone;
        return c;
    }

    public String getFirstName() {
        return firstName;
    }

    public SandboxAddress setFirstName(String firstName) {
        this.firstName = firstName;
        return this;
    }

    public String getLastName() {
        return lastName;
    }

    public SandboxAddress setLastName(String lastName) {
        this.lastName = lastName;
        return this;
    }

    public String getCompany() {
        return company;
    }

    public SandboxAddress setCompany(String company) {
        this.company = company;
        return this;
    }

    public String getAddress1() {
        return address1;
    }

    public SandboxAddress setAddress1(String address1) {
        this.address1 = address1;
        return this;
    }

    public String getAddress2() {
        return address2;
    }

    public SandboxAddress setAddress2(String address2) {
        this.address2 = address2;
        return this;
    }

    public String getCity() {
        return city;
    }

    public SandboxAddress setCity(String city) {
        this.city = city;
        return this;
    }

    public String getProvince() {
        return province;
    }

    public SandboxAddress setProvince(String province) {
        this.province = province;
        return this;
    }

    /** e.g. {@code NY}; null where the country has none. */
    public String getProvinceCode() {
        return provinceCode;
    }

    public SandboxAddress setProvinceCode(String provinceCode) {
        this.provinceCode = provinceCode;
        return this;
    }

    /** ISO 3166-1 alpha-2 code, e.g. {@code US}. */
    public String getCountryCodeV2() {
        return countryCodeV2;
    }

    public SandboxAddress setCountryCodeV2(String countryCodeV2) {
        this.countryCodeV2 = countryCodeV2;
        return this;
    }

    /** country name in English, e.g. {@code United States}. */
    public String getCountry() {
        return country;
    }

    public SandboxAddress setCountry(String country) {
        this.country = country;
        return this;
    }

    public String getZip() {
        return zip;
    }

    public SandboxAddress setZip(String zip) {
        this.zip = zip;
        return this;
    }

    public String getPhone() {
        return phone;
    }

    public SandboxAddress setPhone(String phone) {
        this.phone = phone;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SandboxAddress a)) {
            return false;
        }
        return Objects.equals(firstName, a.firstName)
                && Objects.equals(lastName, a.lastName)
                && Objects.equals(company, a.company)
                && Objects.equals(address1, a.address1)
                && Objects.equals(address2, a.address2)
                && Objects.equals(city, a.city)
                && Objects.equals(province, a.province)
                && Objects.equals(provinceCode, a.provinceCode)
                && Objects.equals(countryCodeV2, a.countryCodeV2)
                && Objects.equals(country, a.country)
                && Objects.equals(zip, a.zip)
                && Objects.equals(phone, a.phone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(firstName, lastName, company, address1, address2, city, province, provinceCode, countryCodeV2, country, zip, phone);
    }

    @Override
    public String toString() {
        return "SandboxAddress{" + "firstName=" + firstName + ", "
                + "lastName=" + lastName + ", "
                + "company=" + company + ", "
                + "address1=" + address1 + ", "
                + "address2=" + address2 + ", "
                + "city=" + city + ", "
                + "province=" + province + ", "
                + "provinceCode=" + provinceCode + ", "
                + "countryCodeV2=" + countryCodeV2 + ", "
                + "country=" + country + ", "
                + "zip=" + zip + ", "
                + "phone=" + phone + "}";
    }
}
