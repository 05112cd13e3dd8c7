package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.junit.jupiter.api.Test;

/** What the routes' {{millis:...}} and {{atomic-uri:...}} give for the user's settings, and for none. */
class SettingFunctionsTest {
    @Test
    void aDurationSettingIsReadInMillisecondsAndItsDefaultWhenNotSet() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            PropertiesComponent properties = context.getPropertiesComponent();
            properties.addOverrideProperty("sync.redelivery.delay", "1m30s");
            SettingFunctions.register(properties, null);
            assertThat(context.resolvePropertyPlaceholders("{{millis:sync.redelivery.delay}}")).isEqualTo("90000");
            assertThat(context.resolvePropertyPlaceholders("{{millis:sync.interval}}")).isEqualTo("900000");
        }
    }

    @Test
    void theDataServicesUriWritesWholeFilesNeverOverAnother() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            PropertiesComponent properties = context.getPropertiesComponent();
            SettingFunctions.register(properties, "Sftp-Pa55word");
            assertThat(context.resolvePropertyPlaceholders("{{atomic-uri:data-services.endpoint-uri}}"))
                    .isEqualTo("file:data/data-services?tempPrefix=.inprogress-&fileExist=Fail");
            properties.addOverrideProperty("data-services.endpoint-uri", "sftp://joor@ftp.example.com/in?tempFileName=x");
            assertThat(context.resolvePropertyPlaceholders("{{atomic-uri:data-services.endpoint-uri}}"))
                    .isEqualTo("sftp://joor@ftp.example.com/in?tempFileName=x&password=RAW(Sftp-Pa55word)&fileExist=Fail"
                            + "&maximumReconnectAttempts=0");
        }
    }

    @Test
    void aSettingLeftEmptyReadsAsItsDefaultInTheRoutes() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            PropertiesComponent properties = context.getPropertiesComponent();
            properties.addOverrideProperty("joor.batch-size", "");
            properties.addOverrideProperty("sync.work-dir", "data/elsewhere ");
            SettingFunctions.fillIn(properties);
            assertThat(context.resolvePropertyPlaceholders("{{joor.batch-size}}")).isEqualTo("200");
            assertThat(context.resolvePropertyPlaceholders("{{sync.work-dir}}")).isEqualTo("data/elsewhere");
            assertThat(context.resolvePropertyPlaceholders("{{link-report.dir}}")).isEqualTo("data/reports");
        }
    }
}
