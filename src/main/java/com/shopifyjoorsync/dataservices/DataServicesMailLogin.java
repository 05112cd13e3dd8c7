package com.shopifyjoorsync.dataservices;

import java.util.Optional;
import java.util.function.Function;

import jakarta.mail.PasswordAuthentication;

import org.apache.camel.component.mail.MailAuthenticator;

/**
 * The SMTP login of the e-mail endpoint (data-services.mail.username, and the password from
 * DATA_SERVICES_MAIL_PASSWORD): handed to camel-mail as its authenticator, so the password is never
 * part of an endpoint URI that Camel could show. Read when the server asks; no user, no login.
 */
public final class DataServicesMailLogin extends MailAuthenticator {
    private final Function<String, Optional<String>> settings;

    public DataServicesMailLogin(Function<String, Optional<String>> settings) {
        this.settings = settings;
    }

    @Override
    public PasswordAuthentication getPasswordAuthentication() {
        return new PasswordAuthentication(value("data-services.mail.username"), value("data-services.mail.password"));
    }

    private String value(String key) {
        return settings.apply(key).map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
    }

    @Override
    public String toString() {
        return "DataServicesMailLogin[" + value("data-services.mail.username") + "]";
    }
}
