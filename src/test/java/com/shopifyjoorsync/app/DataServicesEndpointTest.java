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
}
