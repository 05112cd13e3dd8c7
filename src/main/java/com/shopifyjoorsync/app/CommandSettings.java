package com.shopifyjoorsync.app;

/**
 * The settings of the commands that run outside the sync cycle (--link-report), checked at start
 * with the sync's own (SettingsCatalog): a wrong one stops the start, named.
 *
 * @param linkReportDir            link-report.dir: where reports are written
 * @param pendingAfterBusinessDays link-report.pending-business-days: a customer waiting at Data
 *                                 Services longer than this is listed
 */
public record CommandSettings(String linkReportDir, int pendingAfterBusinessDays) {

    static CommandSettings of(SettingsCatalog.Values values) {
        return new CommandSettings(values.text("link-report.dir"), values.integer("link-report.pending-business-days"));
    }
}
