package com.shopifyjoorsync.app;

/**
 * Data Services picks up whatever lands in its folder, so a template file must appear whole and
 * never replace another: file and (s)ftp endpoints write under a temporary name and rename, and fail
 * rather than write over a file of the same name, unless the URI already says how. An (s)ftp endpoint
 * does not reconnect by itself: the sync's redelivery (sync.redelivery.*) is the only retry.
 * An SMTP endpoint logs in with data-services.mail.username and its password through the bean
 * {@value #MAIL_LOGIN}, so that the password is never part of the URI (unless the URI gives a login of its own).
 */
final class DataServicesEndpoint {
    /** The registry name of the SMTP login. */
    static final String MAIL_LOGIN = "sjsDataServicesMailLogin";

    private DataServicesEndpoint() {
    }

    static String atomic(String uri) {
        String scheme = scheme(uri);
        if (scheme.equals("smtp") || scheme.equals("smtps")) {
            String authority = uri.substring(scheme.length() + 1).replaceFirst("^//", "").split("[/?]", 2)[0];
            boolean ownLogin = uri.contains("authenticator=") || uri.contains("username=") || uri.contains("password=")
                    || authority.contains("@");
            return ownLogin ? uri : option(uri, "authenticator=#" + MAIL_LOGIN);
        }
        boolean remote = scheme.equals("ftp") || scheme.equals("sftp") || scheme.equals("ftps");
        if (!remote && !scheme.equals("file")) {
            return uri;
        }
        String atomic = uri;
        if (!uri.contains("tempPrefix=") && !uri.contains("tempFileName=")) {
            atomic = option(atomic, "tempPrefix=.inprogress-");
        }
        if (!uri.contains("fileExist=")) {
            atomic = option(atomic, "fileExist=Fail");
        }
        if (remote && !uri.contains("maximumReconnectAttempts=")) {
            atomic = option(atomic, "maximumReconnectAttempts=0");
        }
        return atomic;
    }

    /**
     * The endpoint's password (data-services.password, from the environment) as the URI's
     * {@code password} option, so that it is never written in a file with the URI. A URI that names a
     * password itself keeps it; a blank password adds nothing.
     */
    static String withPassword(String uri, String password) {
        String scheme = scheme(uri);
        boolean remote = scheme.equals("ftp") || scheme.equals("sftp") || scheme.equals("ftps");
        if (!remote || password == null || password.isBlank() || uri.contains("password=")) {
            return uri;
        }
        // RAW: Camel takes the value as it is (no URL decoding); RAW{} when it holds a ')'
        return option(uri, "password=" + (password.contains(")") ? "RAW{" + password + "}" : "RAW(" + password + ")"));
    }

    private static String scheme(String uri) {
        return uri.substring(0, uri.indexOf(':'));
    }

    private static String option(String uri, String option) {
        return uri + (uri.contains("?") ? "&" : "?") + option;
    }
}
