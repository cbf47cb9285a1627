package com.example.jwt.micronaut;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.reader.TokenReader;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the token comes from: {@code Authorization: Bearer <token>}, or the header JWT_HEADER names, whose value may
 * then omit {@code Bearer }. Replaces Micronaut Security's {@code BearerTokenReader}, which reads the first of two
 * Authorization headers, takes any text after {@code Bearer } (or nothing at all) for a token, and in another header
 * still wants the prefix. Like it, this never reads {@code ?access_token=}. A header sent twice, or a value that is
 * not token68, is a malformed request: {@link BearerAnswers.Refusal} (400). A token found is marked on the request,
 * so that {@link BearerAnswers} can tell an invalid token (401 invalid_token) from none (401 without an error).
 *
 * <p>Contract: BRR-1, BRR-2, BRR-3, BRR-4, GW-2.
 */
final class BearerToken implements TokenReader<HttpRequest<?>> {
    /** The request attribute that says a token was sent. */
    static final String SENT = "com.example.jwt.token-sent";
    /** RFC 6750 §2.1: {@code b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}. */
    private static final Pattern TOKEN68 = Pattern.compile("[A-Za-z0-9._~+/-]+=*");
    /** Between the scheme and the credentials (RFC 9110 §11.4: {@code 1*SP}; tabs are taken too). */
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

    private final String header;

    BearerToken(String header) {
        this.header = header;
    }

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        List<String> copies = request.getHeaders().getAll(header);
        if (copies.size() > 1) { // BRR-4: the header is not a list (RFC 9110 §11.6.2)
            throw BearerAnswers.Refusal.malformed("More than one credential");
        }
        String value = copies.isEmpty() ? null : copies.get(0).strip();
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        String[] schemeAndToken = WHITE_SPACE.split(value, 2);
        String token;
        if (schemeAndToken[0].equalsIgnoreCase("Bearer")) {
            token = schemeAndToken.length == 2 ? schemeAndToken[1] : "";
        } else if (!header.equalsIgnoreCase("Authorization")) {
            token = value; // JWT_HEADER names another header: its value may be the bare token
        } else {
            return Optional.empty(); // another scheme: no credentials
        }
        if (!TOKEN68.matcher(token).matches()) {
            throw BearerAnswers.Refusal.malformed("Malformed bearer credentials");
        }
        request.setAttribute(SENT, true);
        return Optional.of(token);
    }

    @Override
    public int getOrder() {
        return 0;
    }
}
