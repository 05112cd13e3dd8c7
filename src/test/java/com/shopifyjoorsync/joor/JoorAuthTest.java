package com.shopifyjoorsync.joor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JoorAuthTest {

    @Test
    void headerIsOAuth2WithTheBase64OfTheToken() {
        JoorAuth auth = new JoorAuth("s3cr3t-tøken\n");

        // base64 of the UTF-8 bytes of "s3cr3t-tøken" (the pasted newline is ignored)
        assertThat(auth.header()).isEqualTo("OAuth2 czNjcjN0LXTDuGtlbg==");
    }

    @Test
    void toStringShowsNoToken() {
        JoorAuth auth = new JoorAuth("abc123");

        assertThat(auth.toString()).doesNotContain("abc123").doesNotContain("YWJjMTIz");
    }

    @Test
    void blankTokenIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new JoorAuth("  ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("joor.api-token");
        assertThatThrownBy(() -> new JoorAuth(null)).hasMessageContaining("joor.api-token");
    }
}
