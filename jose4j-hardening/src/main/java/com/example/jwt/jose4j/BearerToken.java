package com.example.jwt.jose4j;

import java.util.List;

/**
 * The access token from the request's credential header, as RFC 6750 §2.1 sends it:
 * {@code Authorization: Bearer <token68>}, the scheme in any case. Never from {@code ?access_token=}, which ends up in
 * logs. jose4j reads no requests, and the frameworks' own bearer readers take the first of two headers (Jetty,
 * Helidon) or also read the query string (Dropwizard's {@code OAuthCredentialAuthFilter}). With JWT_HEADER naming
 * another header, its value may be the bare token.
 *
 * <p>Contract: BRR-1..BRR-4, GW-2.
 */
public final class BearerToken {
    private BearerToken() {}

    /**
     * The token from all values of the header named {@code header}. Throws the answer when there is none (401), or
     * when it is malformed or sent twice (400).
     */
    public static String from(String header, List<String> values) throws Rejection {
        if (values.size() > 1) {
            throw Rejection.ambiguous(); // the header is not a list (RFC 9110 §11.6.2)
        }
        String value = values.isEmpty() ? "" : values.get(0).strip();
        int end = 0;
        while (end < value.length() && !isSpace(value.charAt(end))) {
            end++;
        }
        String token;
        if (value.substring(0, end).equalsIgnoreCase("Bearer")) {
            token = value.substring(end).strip();
        } else if (!header.equalsIgnoreCase("Authorization") && !value.isEmpty()) {
            token = value;
        } else {
            throw Rejection.noToken();
        }
        if (!isToken68(token)) {
            throw Rejection.malformed();
        }
        return token;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** RFC 6750 §2.1: {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}. */
    static boolean isToken68(String s) {
        int i = 0;
        while (i < s.length()
                && (Character.isLetterOrDigit(s.charAt(i)) && s.charAt(i) < 128
                        || "-._~+/".indexOf(s.charAt(i)) >= 0)) {
            i++;
        }
        int chars = i;
        while (i < s.length() && s.charAt(i) == '=') {
            i++;
        }
        return chars > 0 && i == s.length();
    }
}
