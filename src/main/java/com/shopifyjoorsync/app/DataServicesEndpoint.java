package com.shopifyjoorsync.app;

/**
 * Data Services picks up whatever lands in its folder, so a template file must appear whole and
 * never replace another: file and (s)ftp endpoints write under a temporary name and rename, and fail
 * rather than write over a file of the same name, unless the URI already says how. An SMTP endpoint
 * logs in with data-services.mail.username and its password through the bean {@value #MAIL_LOGIN},
 * so that the password is never part of the URI (unless the URI gives a login of its own).
 */
final class DataServicesEndpoint {
    /** The registry name of the SMTP login. */
    static final String MAIL_LOGIN = "sjsDataServicesMailLogin";

    private DataServicesEndpoint() {
    }

    static String atomic(String uri) {
        String scheme = uri.substring(0, uri.indexOf(':'));
        if (scheme.equals("smtp") || scheme.equals("smtps")) {
            String authority = uri.substring(scheme.length() + 1).replaceFirst("^//", "").split("[/?]", 2)[0];
            boolean ownLogin = uri.contains("authenticator=") || uri.contains("username=") || uri.contains("password=")
                    || authority.contains("@");
            return ownLogin ? uri : option(uri, "authenticator=#" + MAIL_LOGIN);
        }
        boolean fileLike = scheme.equals("file") || scheme.equals("ftp") || scheme.equals("sftp") || scheme.equals("ftps");
        if (!fileLike) {
            return uri;
        }
        String atomic = uri;
        if (!uri.contains("tempPrefix=") && !uri.contains("tempFileName=")) {
            atomic = option(atomic, "tempPrefix=.inprogress-");
        }
        if (!uri.contains("fileExist=")) {
            atomic = option(atomic, "fileExist=Fail");
        }
        return atomic;
    }

    private static String option(String uri, String option) {
        return uri + (uri.contains("?") ? "&" : "?") + option;
    }
}
