package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DataServicesEndpointTest {
    @Test
    void fileAndFtpEndpointsWriteUnderATemporaryNameAndNeverOverAFile() {
        assertThat(DataServicesEndpoint.atomic("file:data/data-services"))
                .isEqualTo("file:data/data-services?tempPrefix=.inprogress-&fileExist=Fail");
        assertThat(DataServicesEndpoint.atomic("sftp://joor@ftp.example.com/in?password=RAW(x)"))
                .isEqualTo("sftp://joor@ftp.example.com/in?password=RAW(x)&tempPrefix=.inprogress-&fileExist=Fail");
    }

    @Test
    void anExplicitChoiceOrAnotherComponentIsLeftAlone() {
        assertThat(DataServicesEndpoint.atomic("file:out?tempFileName=x.tmp&fileExist=Override"))
                .isEqualTo("file:out?tempFileName=x.tmp&fileExist=Override");
        assertThat(DataServicesEndpoint.atomic("log:template")).isEqualTo("log:template");
    }

    @Test
    void anSmtpEndpointLogsInWithTheSettingsNeverThroughItsUri() {
        assertThat(DataServicesEndpoint.atomic("smtps://smtp.example.com:465"))
                .isEqualTo("smtps://smtp.example.com:465?authenticator=#sjsDataServicesMailLogin");
        assertThat(DataServicesEndpoint.atomic("smtp://smtp.example.com:587?to=x@example.com"))
                .isEqualTo("smtp://smtp.example.com:587?to=x@example.com&authenticator=#sjsDataServicesMailLogin");
        // a login the URI gives itself is left alone
        assertThat(DataServicesEndpoint.atomic("smtps://me@smtp.example.com?password=RAW(x)"))
                .isEqualTo("smtps://me@smtp.example.com?password=RAW(x)");
    }
}
