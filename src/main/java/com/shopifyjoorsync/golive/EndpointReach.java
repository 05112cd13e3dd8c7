package com.shopifyjoorsync.golive;

import java.nio.file.Files;
import java.nio.file.Path;

import com.shopifyjoorsync.observe.SecretMask;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.file.FileEndpoint;

/**
 * Whether the sync could write to an endpoint, told without writing anything: for a {@code file:}
 * endpoint, the folder Camel would write to (as the endpoint resolves it) is writable, or can be
 * created. Other components are not tried: a login would need the component's own client, and
 * sending a file to find out is not read-only.
 */
final class EndpointReach {

    /** @param status OK, PROBLEM or NOT_CHECKED; @param text what was seen and what to do */
    record Result(GoLiveReport.Status status, String text) {
    }

    private EndpointReach() {
    }

    /**
     * @param setting the setting that names the endpoint, for the advice
     * @param firstUse what tells that the endpoint works when --check cannot
     */
    static Result of(CamelContext context, String uri, String setting, String firstUse) {
        Endpoint endpoint = context.getEndpoint(uri);
        if (!(endpoint instanceof FileEndpoint file)) {
            String scheme = uri.substring(0, uri.indexOf(':'));
            return new Result(GoLiveReport.Status.NOT_CHECKED, SecretMask.mask(uri) + ": --check tries only file:"
                    + " endpoints (no login to " + scheme + ": servers is attempted, nothing is sent); " + firstUse);
        }
        Path folder = file.getFile().toPath().toAbsolutePath().normalize();
        if (Files.isDirectory(folder)) {
            return Files.isWritable(folder)
                    ? new Result(GoLiveReport.Status.OK, "folder " + folder + " is writable")
                    : new Result(GoLiveReport.Status.PROBLEM, "folder " + folder + " is not writable by this user: "
                            + "give it write permission, or point " + setting + " elsewhere");
        }
        if (Files.exists(folder)) {
            return new Result(GoLiveReport.Status.PROBLEM, folder + " is a file, not a folder: point " + setting
                    + " at a folder");
        }
        if (!file.isAutoCreate()) {
            return new Result(GoLiveReport.Status.PROBLEM, "folder " + folder + " does not exist and the URI says"
                    + " autoCreate=false: create it, or point " + setting + " elsewhere");
        }
        Path parent = folder.getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        if (parent != null && Files.isDirectory(parent) && Files.isWritable(parent)) {
            return new Result(GoLiveReport.Status.OK, "folder " + folder + " does not exist yet; it will be created"
                    + " in " + parent + " (writable)");
        }
        return new Result(GoLiveReport.Status.PROBLEM, "folder " + folder + " cannot be created: "
                + (parent == null ? "no existing parent" : parent + (Files.isDirectory(parent) ? " is not writable"
                        : " is a file, not a folder")) + ": create the folder, or point " + setting + " elsewhere");
    }
}
