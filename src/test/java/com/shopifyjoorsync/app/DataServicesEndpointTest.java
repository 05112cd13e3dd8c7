package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DataServicesEndpointTest {
    @Test
    void fileAndFtpEndpointsWriteUnderATemporaryNameAndNeverOverAFile() {
        assertThat(DataServicesEndpoint.atomic("file:data/data-services"))
                .isEqualTo("file:data/data-services?tempPrefix=.inprogress-&fileExist=Fail");
        assertThat(DataServicesEndpoint.atomic("sftp://joor@ftp.example.com/in?password=RAW(x)"))
                .isEqualTo("sftp://joor@ftp.example.com/in?password=RAW(x)&tempPrefix=.inprogress-&fileExist=Fail"
                        + "&maximumReconnectAttempts=0");
        assertThat(DataServicesEndpoint.atomic("ftp://joor@ftp.example.com/in"))
                .isEqualTo("ftp://joor@ftp.example.com/in?tempPrefix=.inprogress-&fileExist=Fail"
                        + "&maximumReconnectAttempts=0");
    }

    @Test
    void anExplicitChoiceOrAnotherComponentIsLeftAlone() {
        assertThat(DataServicesEndpoint.atomic("file:out?tempFileName=x.tmp&fileExist=Override"))
                .isEqualTo("file:out?tempFileName=x.tmp&fileExist=Override");
        assertThat(DataServicesEndpoint.atomic("sftp://h/in?tempFileName=x.tmp&fileExist=Override&maximumReconnectAttempts=2"))
                .isEqualTo("sftp://h/in?tempFileName=x.tmp&fileExist=Override&maximumReconnectAttempts=2");
        assertThat(DataServicesEndpoint.atomic("log:template")).isEqualTo("log:template");
    }

    @Test
    void thePasswordSettingBecomesTheUrisPasswordOptionTakenAsItIs() {
        assertThat(DataServicesEndpoint.withPassword("sftp://joor@h/in", "p&ss=w0rd%"))
                .isEqualTo("sftp://joor@h/in?password=RAW(p&ss=w0rd%)");
        assertThat(DataServicesEndpoint.withPassword("sftp://joor@h/in?binary=true", "a)b"))
                .isEqualTo("sftp://joor@h/in?binary=true&password=RAW{a)b}");
        assertThat(DataServicesEndpoint.withPassword("sftp://joor@h/in?password=RAW(own)", "other"))
                .isEqualTo("sftp://joor@h/in?password=RAW(own)");
        assertThat(DataServicesEndpoint.withPassword("file:out", "")).isEqualTo("file:out");
        assertThat(DataServicesEndpoint.withPassword("file:out", "secret")).isEqualTo("file:out");
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
