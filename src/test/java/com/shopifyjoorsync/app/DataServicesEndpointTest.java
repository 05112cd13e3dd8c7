package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DataServicesEndpointTest {
    @Test
    void fileAndFtpEndpointsWriteUnderATemporaryName() {
        assertThat(DataServicesEndpoint.atomic("file:data/data-services"))
                .isEqualTo("file:data/data-services?tempPrefix=.inprogress-");
        assertThat(DataServicesEndpoint.atomic("sftp://joor@ftp.example.com/in?password=RAW(x)"))
                .isEqualTo("sftp://joor@ftp.example.com/in?password=RAW(x)&tempPrefix=.inprogress-");
    }

    @Test
    void anExplicitChoiceOrAnotherComponentIsLeftAlone() {
        assertThat(DataServicesEndpoint.atomic("file:out?tempFileName=x.tmp")).isEqualTo("file:out?tempFileName=x.tmp");
        assertThat(DataServicesEndpoint.atomic("log:template")).isEqualTo("log:template");
    }
}
