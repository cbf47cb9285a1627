package com.example.jwt.issuer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds compact JWS tokens byte by byte, so the suite can make the hostile ones that JOSE libraries refuse to build.
 * Start from {@link MockIssuer#token(String)}, which fills in a valid header and claims, then break what a case needs.
 */
public final class Token {
    private final Map<String, Object> header = new LinkedHashMap<>();
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private SigningKey key;
    private String signAlg;
    private byte[] hmacSecret;

    /** A token with this algorithm and the key's kid in its header, and no claims; the issuer fills them in. */
    public Token(String alg, SigningKey key) {
        header.put("alg", alg);
        header.put("typ", "JWT");
        header.put("kid", key.kid());
        this.key = key;
        this.signAlg = alg;
    }

    public Token header(String name, Object value) {
        header.put(name, value);
        return this;
    }

    public Token withoutHeader(String name) {
        header.remove(name);
        return this;
    }

    public Token claim(String name, Object value) {
        claims.put(name, value);
        return this;
    }

    /** Sets exp, and iat five minutes before it, so the token is coherent and only its expiry is in question. */
    public Token expiringAt(long exp) {
        claims.put("iat", exp - 300);
        claims.put("exp", exp);
        return this;
    }

    public Token withoutClaim(String name) {
        claims.remove(name);
        return this;
    }

    /** Signs with another key, keeping the header (its kid and alg) as it is. */
    public Token signedBy(SigningKey other) {
        this.key = other;
        return this;
    }

    /** Signs with this JWS algorithm, whatever the header says. */
    public Token signedAs(String alg) {
        this.signAlg = alg;
        return this;
    }

    /** Signs with HMAC-SHA256 over this secret (the key-confusion attack). */
    public Token hmacWith(byte[] secret) {
        this.hmacSecret = secret;
        return this;
    }

    public Object claimValue(String name) {
        return claims.get(name);
    }

    /** The alg its header names (what a verifier is asked to use). */
    public String algorithm() {
        return String.valueOf(header.get("alg"));
    }

    /** The kid its header names, or "none". */
    public String kid() {
        return String.valueOf(header.getOrDefault("kid", "none"));
    }

    public String subject() {
        return (String) claims.get("sub");
    }

    /** The header segment. */
    public String encodedHeader() {
        return encode(Json.write(header));
    }

    /** The payload segment. */
    public String encodedPayload() {
        return encode(Json.write(claims));
    }

    /** The signed compact serialization {@code header.payload.signature}. */
    public String compact() {
        String input = encodedHeader() + "." + encodedPayload();
        return input + "." + SigningKey.b64(signature(input));
    }

    /** The signature bytes this token would carry. */
    public byte[] signature(String signingInput) {
        byte[] bytes = signingInput.getBytes(StandardCharsets.US_ASCII);
        if (hmacSecret != null) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(hmacSecret, "HmacSHA256"));
                return mac.doFinal(bytes);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return key.sign(signAlg, bytes);
    }

    public static String encode(String json) {
        return SigningKey.b64(json.getBytes(StandardCharsets.UTF_8));
    }
}
