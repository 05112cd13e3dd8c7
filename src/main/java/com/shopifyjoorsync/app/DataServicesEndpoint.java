package com.shopifyjoorsync.app;

/**
 * Data Services picks up whatever lands in its folder, so a template file must appear whole: file
 * and (s)ftp endpoints write under a temporary name and rename, unless the URI already says how.
 */
final class DataServicesEndpoint {
    private DataServicesEndpoint() {
    }

    static String atomic(String uri) {
        String scheme = uri.substring(0, uri.indexOf(':'));
        boolean fileLike = scheme.equals("file") || scheme.equals("ftp") || scheme.equals("sftp") || scheme.equals("ftps");
        if (!fileLike || uri.contains("tempPrefix=") || uri.contains("tempFileName=")) {
            return uri;
        }
        return uri + (uri.contains("?") ? "&" : "?") + "tempPrefix=.inprogress-";
    }
}
