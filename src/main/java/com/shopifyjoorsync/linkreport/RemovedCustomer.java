package com.shopifyjoorsync.linkreport;

import java.time.Instant;

/**
 * A Shopify customer its webhooks said was deleted, or merged into another ({@code mergedInto}):
 * a JOOR connection still holding its code is reported, never deleted by the sync.
 */
public record RemovedCustomer(String code, boolean merged, String mergedInto, Instant removedAt) {

    /**
     * What a person does in JOOR about the connection still holding this code; one wording for the
     * link report and the dead letter.
     *
     * @param when " on 2026-12-05 11:45" or empty
     * @param keptHasConnection whether JOOR holds a connection for the customer kept (merges)
     */
    public String whatToDo(String when, boolean keptHasConnection) {
        if (merged) {
            return "Shopify merged customer " + code + " into " + mergedInto + when + ". "
                    + (keptHasConnection
                            ? "Customer " + mergedInto + " has its own JOOR connection: ask JOOR to merge the two connections."
                            : "Type " + mergedInto + " in this connection's Customer Code in JOOR, so the customer kept is"
                                    + " synced to it.");
        }
        return "Shopify deleted customer " + code + when + ". JOOR still holds this connection: keep or deactivate it"
                + " in JOOR as you decide; the sync never deletes connections.";
    }
}
