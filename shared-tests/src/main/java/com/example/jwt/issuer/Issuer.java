package com.example.jwt.issuer;

import java.util.Map;

/**
 * An issuer the real-issuer cases run against: this repo's {@link MockIssuer}, or a real identity provider driven
 * through its admin API (tools' {@code KeycloakIssuer}). It mints the tokens the cases need, rotates and removes
 * signing keys, and can make its key set unavailable. Tokens are returned to the caller only; never print them.
 */
public interface Issuer {
    /** The scope every token carries, except {@link Kind#WITHOUT_SCOPE}'s; the app requires it. */
    String SCOPE = "api.read";

    /** The tokens a real issuer can mint. */
    enum Kind {
        /** A valid access token signed with RS256 (the current RSA key), for the app's audience, with the scope. */
        RS256,
        ES256,
        EDDSA,
        /** A valid RS256 token whose typ is at+jwt (RFC 9068). */
        AT_JWT,
        /** A token for another audience. */
        OTHER_AUDIENCE,
        /** A token signed with HS512 (a key the app cannot have). */
        HS512,
        /** A valid RS256 token without the scope. */
        WITHOUT_SCOPE
    }

    /**
     * The variables an app needs to trust this issuer: JWT_ISSUER, JWT_JWKS_URI, JWT_AUDIENCE, JWT_REQUIRED_SCOPE and
     * the JWKS timings the cases wait on (JWT_JWKS_CACHE_SECONDS, JWT_JWKS_REFRESH_MIN_SECONDS, JWT_JWKS_TIMEOUT_MS).
     */
    Map<String, String> variables();

    /** A token of this kind, freshly minted. */
    String token(Kind kind) throws Exception;

    /** A new signing key for this alg (RS256, ES256) that signs the tokens from now on; the old one stays published. */
    void rotate(String alg) throws Exception;

    /** Removes the key with this kid from the key set. */
    void removeKey(String kid) throws Exception;

    /** Makes the key set unavailable (true) or available again (false); tokens can still be minted meanwhile. */
    void keySetDown(boolean down) throws Exception;
}
