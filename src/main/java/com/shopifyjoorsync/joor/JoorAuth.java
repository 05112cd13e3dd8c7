package com.shopifyjoorsync.joor;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code Authorization} header JOOR v2 expects: {@code OAuth2 <base64(token)>}. The token is
 * JOOR's static API token (setting {@code joor.api-token}); it never appears in logs or toString.
 */
public final class JoorAuth {

    private final String headerValue;

    /**
     * @param token the static token JOOR issued; surrounding whitespace (a pasted newline) is ignored
     * @throws IllegalArgumentException when the token is null or blank
     */
    public JoorAuth(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("joor.api-token is empty: set it (or the environment variable JOOR_API_TOKEN)");
        }
        this.headerValue = "OAuth2 " + Base64.getEncoder()
                .encodeToString(token.strip().getBytes(StandardCharsets.UTF_8));
    }

    /** The value of the {@code Authorization} header. */
    public String header() {
        return headerValue;
    }

    @Override
    public String toString() {
        return "JoorAuth[token=<redacted>]";
    }
}
