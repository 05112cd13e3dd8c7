package com.shopifyjoorsync.observe;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.util.SensitiveUtils;

/**
 * Secrets out of everything the product writes about an error. Services and proxies put the request's
 * headers in their error bodies, so any text from an answer may carry a token: each configured
 * secret (raw, URL-encoded, base64 and URL-safe base64, with and without padding: JOOR's header is
 * {@code OAuth2 <base64(token)>}) and any password inside a URI or JDBC URL becomes {@value #MASK}.
 *
 * <p>One mask per JVM, applied where errors are written: the log encoder
 * ({@link SecretMaskingEncoder}, which logback builds outside Camel's reach), the dead-letter
 * writer, the cycle's summary line, the commands' output, and the answer readers before they cut an
 * answer short (a secret cut in half would no longer be recognised).
 */
public final class SecretMask {
    public static final String MASK = "****";
    /** The settings that hold a secret. */
    public static final List<String> SECRET_SETTINGS = List.of("shopify.access-token", "shopify.client-secret",
            "joor.api-token", "sync.state.password", "data-services.mail.password");
    /** The settings that are URIs, which may carry a password. */
    public static final List<String> URI_SETTINGS = List.of("sync.state.jdbc-url", "data-services.endpoint-uri",
            "sync.dead-letter-uri");
    /**
     * Shorter secrets are not masked in free text: every occurrence of two or three letters masked
     * would garble every line and show the secret all the same.
     */
    static final int SHORTEST = 4;

    /**
     * A parameter whose name contains one of Camel's sensitive words (password, secret, token, ...),
     * in a URI query ({@code ?password=}, {@code &password=}) or in a JDBC URL ({@code ;PASSWORD=}).
     */
    private static final Pattern URI_PARAMETER = Pattern.compile("(?i)([?&;][^=&;\\s\"'<>]*(?:"
            + SensitiveUtils.getSensitivePattern() + ")[^=&;\\s\"'<>]*=)(RAW\\([^)]*\\)|RAW\\{[^}]*}|[^&;\\s\"'<>]*)");
    /** {@code scheme://user:password@host}. */
    private static final Pattern USERINFO_PASSWORD = Pattern.compile("(://[^/\\s:@\"'<>]+):([^/\\s@\"'<>]+)@");

    /** Every form of every secret, longest first (a form inside another is masked after it). */
    private static volatile List<String> forms = List.of();

    private SecretMask() {
    }

    /** Masks every form of this secret from now on (a token obtained at run time too). Blank: nothing. */
    public static synchronized void add(String secret) {
        if (secret == null || secret.isBlank() || secret.length() < SHORTEST) {
            return;
        }
        Set<String> all = new LinkedHashSet<>(forms);
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        for (String form : List.of(secret, URLEncoder.encode(secret, StandardCharsets.UTF_8),
                Base64.getEncoder().encodeToString(bytes),
                Base64.getEncoder().withoutPadding().encodeToString(bytes),
                Base64.getUrlEncoder().encodeToString(bytes),
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes))) {
            all.add(form);
            all.add(URLEncoder.encode(form, StandardCharsets.UTF_8));
        }
        List<String> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        forms = List.copyOf(sorted);
    }

    /**
     * Masks the secrets of the settings: each secret setting's value, and a password written inside a
     * URI setting (the state store's JDBC URL, the endpoint URIs), wherever it shows up later.
     */
    public static void addFromSettings(Function<String, Optional<String>> setting) {
        SECRET_SETTINGS.forEach(key -> setting.apply(key).ifPresent(SecretMask::add));
        for (String key : URI_SETTINGS) {
            setting.apply(key).ifPresent(uri -> {
                Matcher parameter = URI_PARAMETER.matcher(uri);
                while (parameter.find()) {
                    addUriValue(parameter.group(2));
                }
                Matcher userinfo = USERINFO_PASSWORD.matcher(uri);
                while (userinfo.find()) {
                    addUriValue(userinfo.group(2));
                }
            });
        }
    }

    private static void addUriValue(String value) {
        String raw = value.startsWith("RAW(") || value.startsWith("RAW{") ? value.substring(4, value.length() - 1)
                : value;
        add(raw);
        try {
            add(URLDecoder.decode(raw, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notEncoded) {
            // the raw value is masked already
        }
    }

    /** The text with every secret and every password in a URI masked; null stays null. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String form : forms) {
            if (masked.contains(form)) {
                masked = masked.replace(form, MASK);
            }
        }
        if (masked.indexOf('=') >= 0) {
            masked = URI_PARAMETER.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        }
        if (masked.indexOf('@') >= 0) {
            masked = USERINFO_PASSWORD.matcher(masked).replaceAll("$1:" + MASK + "@");
        }
        return masked;
    }

    /**
     * A stream that writes each line to {@code target} masked. Closing it writes what is left of the
     * last line and leaves {@code target} open.
     */
    public static PrintStream maskingLines(PrintStream target) {
        return new PrintStream(new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public void write(int b) {
                line.write(b);
                if (b == '\n') {
                    writeLine();
                }
            }

            @Override
            public void flush() {
                target.flush();
            }

            @Override
            public void close() {
                writeLine();
                target.flush();
            }

            private void writeLine() {
                if (line.size() > 0) {
                    target.print(mask(line.toString(StandardCharsets.UTF_8)));
                    line.reset();
                }
            }
        }, true, StandardCharsets.UTF_8);
    }
}
