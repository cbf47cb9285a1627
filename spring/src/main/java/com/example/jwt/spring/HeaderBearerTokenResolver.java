package com.example.jwt.spring;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;
import java.util.regex.Pattern;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * Spring's {@link BearerTokenResolver}, reading the token from the credential header only, as RFC 6750 §2.1 sends it:
 * {@code Authorization: Bearer <token68>}, the scheme in any case; another scheme is no credentials (401 without an
 * error code), a value that is not token68 a malformed request (400), and two copies of the header 400
 * {@code invalid_request}. With JWT_HEADER naming another header, its value may be the bare token. It replaces Spring's
 * {@code DefaultBearerTokenResolver}, which takes "Bearertoken" (no space) for a malformed bearer token, reads the
 * first of two Authorization headers, and in another header still wants the "Bearer " prefix. Like Spring's, it never
 * reads {@code ?access_token=}.
 *
 * <p>The idiom: what the framework calls for the JWT check.
 *
 * <p>Contract: BRR-1..BRR-4, GW-2.
 */
final class HeaderBearerTokenResolver implements BearerTokenResolver {
    /** RFC 6750 §2.1: {@code b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}. */
    private static final Pattern TOKEN68 = Pattern.compile("[A-Za-z0-9._~+/-]+=*");
    /** Between the scheme and the credentials (RFC 9110 §11.4: {@code 1*SP}; tabs are taken too). */
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

    private final String header;

    HeaderBearerTokenResolver(String header) {
        this.header = header;
    }

    @Override
    public String resolve(HttpServletRequest request) {
        // The header is not a list (RFC 9110 §11.6.2): two copies are ambiguous, whatever they hold.
        Enumeration<String> copies = request.getHeaders(header);
        if (copies.hasMoreElements() && copies.nextElement() != null && copies.hasMoreElements()) {
            throw new OAuth2AuthenticationException(
                    new OAuth2Error("invalid_request", "More than one credential", null));
        }
        String value = request.getHeader(header);
        if (value == null || value.isBlank()) {
            return null;
        }
        String[] schemeAndToken = WHITE_SPACE.split(value.strip(), 2);
        String token;
        if (schemeAndToken[0].equalsIgnoreCase("Bearer")) {
            token = schemeAndToken.length == 2 ? schemeAndToken[1] : "";
        } else if (!header.equalsIgnoreCase("Authorization")) {
            token = value.strip(); // JWT_HEADER names another header: its value may be the bare token
        } else {
            return null; // another scheme: no credentials
        }
        if (!TOKEN68.matcher(token).matches()) {
            throw new OAuth2AuthenticationException(new OAuth2Error("invalid_request"));
        }
        return token;
    }
}
