package com.shopifyjoorsync.sandbox;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A customer of the Shopify sandbox. Mutable bean with fluent setters; {@link #copy()} gives an
 * independent copy. {@code tags} is always an unmodifiable, non-null list: replace it with
 * {@link #setTags(List)} rather than mutating it.
 */
public final class SandboxCustomer {

    private long legacyResourceId;
    private String firstName;
    private String lastName;
    private String email;
    private String phone;
    private String note;
    private String state = "ENABLED";
    private boolean taxExempt;
    private List<String> tags = List.of();
    private Instant createdAt;
    private Instant updatedAt;
    private SandboxAddress defaultAddress;

    public SandboxCustomer() {
    }

    public SandboxCustomer(long legacyResourceId) {
        this.legacyResourceId = legacyResourceId;
    }

    /** An independent copy (the address is copied too; tags are immutable and shared). */
    public SandboxCustomer copy() {
        SandboxCustomer c = new SandboxCustomer(legacyResourceId);
        c.firstName = firstName;
        c.lastName = lastName;
        c.email = email;
        c.phone = phone;
        c.note = note;
        c.state = state;
        c.taxExempt = taxExempt;
        c.tags = tags;
        c.createdAt = createdAt;
        c.updatedAt = updatedAt;
        c.defaultAddress = defaultAddress == null ? null : defaultAddress.copy();
        return c;
    }

    /** The Shopify GraphQL id, {@code gid://shopify/Customer/<legacyResourceId>}. */
    public String gid() {
        return "gid://shopify/Customer/" + Long.toUnsignedString(legacyResourceId);
    }

    /** The JOOR Customer Code: the legacyResourceId as a decimal string. */
    public String code() {
        return Long.toUnsignedString(legacyResourceId);
    }

    public long getLegacyResourceId() {
        return legacyResourceId;
    }

    public SandboxCustomer setLegacyResourceId(long legacyResourceId) {
        this.legacyResourceId = legacyResourceId;
        return this;
    }

    public String getFirstName() {
        return firstName;
    }

    public SandboxCustomer setFirstName(String firstName) {
        this.firstName = firstName;
        return this;
    }

    public String getLastName() {
        return lastName;
    }

    public SandboxCustomer setLastName(String lastName) {
        this.lastName = lastName;
        return this;
    }

    public String getEmail() {
        return email;
    }

    public SandboxCustomer setEmail(String email) {
        this.email = email;
        return this;
    }

    public String getPhone() {
        return phone;
    }

    public SandboxCustomer setPhone(String phone) {
        this.phone = phone;
        return this;
    }

    public String getNote() {
        return note;
    }

    public SandboxCustomer setNote(String note) {
        this.note = note;
        return this;
    }

    /** {@code ENABLED}, {@code DISABLED}, {@code INVITED} or {@code DECLINED}. */
    public String getState() {
        return state;
    }

    public SandboxCustomer setState(String state) {
        this.state = state;
        return this;
    }

    public boolean isTaxExempt() {
        return taxExempt;
    }

    public SandboxCustomer setTaxExempt(boolean taxExempt) {
        this.taxExempt = taxExempt;
        return this;
    }

    /** Never null; unmodifiable. */
    public List<String> getTags() {
        return tags;
    }

    /** Stores an unmodifiable copy; null means no tags. Null elements are not allowed. */
    public SandboxCustomer setTags(List<String> tags) {
        this.tags = tags == null ? List.of() : List.copyOf(tags);
        return this;
    }

    public SandboxCustomer setTags(String... tags) {
        return setTags(tags == null ? null : Arrays.asList(tags));
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public SandboxCustomer setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
        return this;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public SandboxCustomer setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
        return this;
    }

    /** Nullable: a customer may have no address at all. */
    public SandboxAddress getDefaultAddress() {
        return defaultAddress;
    }

    public SandboxCustomer setDefaultAddress(SandboxAddress defaultAddress) {
        this.defaultAddress = defaultAddress;
        return this;
    }

    /** True when one of the tags equals {@code tag}, ignoring case (Shopify's {@code tag:} filter). */
    public boolean hasTag(String tag) {
        for (String t : tags) {
            if (t.equalsIgnoreCase(tag)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SandboxCustomer c)) {
            return false;
        }
        return legacyResourceId == c.legacyResourceId && taxExempt == c.taxExempt
                && Objects.equals(firstName, c.firstName) && Objects.equals(lastName, c.lastName)
                && Objects.equals(email, c.email) && Objects.equals(phone, c.phone)
                && Objects.equals(note, c.note) && Objects.equals(state, c.state)
                && tags.equals(c.tags) && Objects.equals(createdAt, c.createdAt)
                && Objects.equals(updatedAt, c.updatedAt) && Objects.equals(defaultAddress, c.defaultAddress);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(legacyResourceId);
    }

    @Override
    public String toString() {
        return "SandboxCustomer{" + legacyResourceId + ", " + firstName + " " + lastName + ", " + email
                + ", tags=" + tags + ", updatedAt=" + updatedAt + "}";
    }
}
