package com.shopifyjoorsync.dataservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.shopifyjoorsync.app.ConfigurationException;

import org.junit.jupiter.api.Test;

/** data-services.mail.* is checked only when the endpoint is an SMTP server, every problem named. */
class DataServicesMailSettingsTest {
    private final Map<String, String> settings = new HashMap<>();

    private DataServicesMail.Settings read() {
        return DataServicesMail.Settings.read(key -> Optional.ofNullable(settings.get(key)));
    }

    @Test
    void aFileEndpointNeedsNoMailSettings() {
        settings.put("data-services.endpoint-uri", "file:data/data-services");

        assertThat(read().enabled()).isFalse();
    }

    @Test
    void anSmtpEndpointNeedsASenderAndRecipientsThatAreAddresses() {
        settings.put("data-services.endpoint-uri", "smtps://smtp.example.com:465");
        settings.put("data-services.mail.cc", "wholesale at brand");
        settings.put("data-services.mail.username", "sync");

        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, this::read);

        assertThat(e.problems()).hasSize(4);
        assertThat(e.getMessage()).contains("data-services.mail.from is not set", "data-services.mail.to is not set",
                "data-services.mail.cc=wholesale at brand is not a comma-separated list of e-mail addresses",
                "data-services.mail.password is not set (environment variable DATA_SERVICES_MAIL_PASSWORD)");
    }

    @Test
    void theDefaultSubjectNamesTheShopTheCountAndTheCycle() {
        settings.put("data-services.endpoint-uri", "smtp://localhost:25");
        settings.put("data-services.mail.from", "sync@brand.example");
        settings.put("data-services.mail.to", "a@joor.example, b@joor.example");
        settings.put("data-services.mail.password", "pw-secret");
        settings.put("data-services.mail.username", "sync");

        DataServicesMail.Settings mail = read();

        assertThat(mail.enabled()).isTrue();
        assertThat(mail.subject()).isEqualTo(DataServicesMail.Settings.DEFAULT_SUBJECT);
        assertThat(new DataServicesMail(mail, "my-store", ',', null, 3, java.time.Clock.systemUTC()).subject(12, "c-1"))
                .isEqualTo("JOOR Customer Data Template: 12 new customers of my-store (cycle c-1)");
        assertThat(mail.toString()).doesNotContain("pw-secret");
    }
}
