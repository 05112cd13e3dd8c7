package com.shopifyjoorsync.app;

import java.time.Duration;

/** Several nodes on one state store (sync.cluster.*), checked with the other settings at start. */
record ClusterSettings(boolean enabled, Duration checkinInterval) {

    static ClusterSettings read(SettingsCatalog.Values v) {
        boolean enabled = v.flag("sync.cluster.enabled");
        String url = v.text("sync.state.jdbc-url");
        if (enabled && (url == null || !url.startsWith("jdbc:postgresql:"))) {
            v.problem("sync.cluster.enabled=true needs the nodes' shared state store on PostgreSQL"
                    + " (sync.state.jdbc-url=jdbc:postgresql://...), not " + url
                    + ": an embedded H2 file is one process's");
        }
        return new ClusterSettings(enabled, v.duration("sync.cluster.checkin-interval"));
    }
}
