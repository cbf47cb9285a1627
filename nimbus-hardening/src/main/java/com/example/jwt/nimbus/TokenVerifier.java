package com.example.jwt.nimbus;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpClient;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A bearer token verified with Nimbus: its verified claims, or the {@link Rejection} that answers it. In this order:
 * <ol>
 *   <li>what needs no key: a compact JWS whose header and payload are JSON objects nested at most
 *       {@value #MAX_JSON_DEPTH} deep; an {@code alg} of JWT_ALGORITHMS; no {@code crit}; a {@code typ} that is absent,
 *       JWT or at+jwt; a trusted {@code iss}; {@code exp}, {@code nbf} and {@code iat}, when present, numbers within
 *       the years 0001 to 9999 (Nimbus reads them as whole seconds times 1000, so 1e19 wraps around to 1969). Such a
 *       token is refused with 401 even while the JWKS is down, and no unlisted issuer makes the app fetch;</li>
 *   <li>the signature, with the one key {@link JwksKeySelector} finds in that issuer's JWKS (one per trusted issuer,
 *       so one issuer's key never verifies another's token);</li>
 *   <li>the claims: {@code exp} required, {@code exp} and {@code nbf} within the clock skew, {@code aud} containing
 *       JWT_AUDIENCE unless JWT_ALLOW_ANY_AUDIENCE=true.</li>
 * </ol>
 * The payload is parsed once; the claims come back as the token sent them. Anything Nimbus throws on hostile input,
 * an {@link Error} such as {@link StackOverflowError} included, is a 401.
 *
 * <p>It replaces what the frameworks run by default: Spring's {@code NimbusJwtDecoder} and Micronaut Security's
 * {@code NimbusReactiveJsonWebTokenValidator} take a token without exp for one that never expires, accept any typ
 * (Micronaut) or refuse at+jwt (Spring), and look the keys up before checking the algorithm, crit or issuer.
 *
 * <p>Contract: TOK-1..TOK-4, ALG-1..ALG-3, CLM-1..CLM-5, GW-1, JWKS-8, ANS-5.
 */
public final class TokenVerifier {
    /** How deep a token's header or payload may nest objects and arrays; real tokens nest 2 or 3 deep. */
    public static final int MAX_JSON_DEPTH = 32;

    private static final System.Logger LOG = System.getLogger(TokenVerifier.class.getName());
    private static final double YEAR_1 = -62_135_596_800d;
    private static final double YEAR_10000 = 253_402_300_800d;

    private final VerifierSettings settings;
    private final SignatureVerifiers signatures;
    private final Map<String, JwksKeySelector> keysByIssuer = new HashMap<>();
    private final long retryAfterSeconds;

    public TokenVerifier(VerifierSettings settings) {
        this(settings, new SignatureVerifiers());
    }

    public TokenVerifier(VerifierSettings settings, SignatureVerifiers signatures) {
        this.settings = settings;
        this.signatures = signatures;
        this.retryAfterSeconds = settings.jwksRefreshMin().toSeconds();
        if (settings.audience() == null) {
            LOG.log(System.Logger.Level.WARNING, VerifierSettings.ANY_AUDIENCE_WARNING);
        }
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(settings.jwksTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        settings.issuers()
                .forEach((issuer, jwksUri) ->
                        keysByIssuer.put(issuer, new JwksKeySelector(new JwksFetch(client, jwksUri, settings))));
    }

    /** The verified claims; throws the answer: 401, or 503 when the keys cannot be fetched. Waits for a fetch. */
    public Map<String, Object> verify(String token) throws Rejection {
        try {
            // a fetch ends within JWT_JWKS_TIMEOUT_MS whatever the issuer does; the wait is bounded all the same
            return verifyAsync(token).get(2 * settings.jwksTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Rejection rejection ? rejection : Rejection.invalidToken(false);
        } catch (TimeoutException e) {
            throw Rejection.keysUnavailable(retryAfterSeconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Rejection.keysUnavailable(retryAfterSeconds);
        }
    }

    /**
     * The verified claims, without waiting: the future fails with the {@link Rejection}. It is complete at once when
     * the keys are cached; otherwise the JWKS fetch completes it, on the HTTP client's thread.
     */
    public CompletableFuture<Map<String, Object>> verifyAsync(String token) {
        CompletableFuture<Map<String, Object>> verified = new CompletableFuture<>();
        Checked checked;
        try {
            checked = checkedWithoutKeys(token);
        } catch (Exception | StackOverflowError e) { // hostile input is an invalid token, never a 500
            LOG.log(System.Logger.Level.DEBUG, "Rejected a token Nimbus could not parse: {0}", e.getClass());
            checked = null;
        }
        if (checked == null) {
            verified.completeExceptionally(Rejection.invalidToken(false));
            return verified;
        }
        Checked ok = checked;
        ok.keys().key(ok.jwt().getHeader()).whenComplete((jwk, failure) -> {
            Throwable cause = failure instanceof CompletionException e ? e.getCause() : failure;
            try {
                if (cause instanceof JwksKeySelector.Unavailable) {
                    verified.completeExceptionally(Rejection.keysUnavailable(retryAfterSeconds));
                } else if (cause == null && jwk != null && signatures.verify(ok.jwt(), jwk) && claimsValid(ok)) {
                    verified.complete(ok.claims());
                }
            } catch (RuntimeException | Error e) { // whatever a hostile token causes: a 401
                LOG.log(System.Logger.Level.DEBUG, "Rejected a token Nimbus could not verify: {0}", e.getClass());
            }
            verified.completeExceptionally(Rejection.invalidToken(false)); // unless completed above
        });
        return verified;
    }

    /** Whether the claims grant this scope: in {@code scope} (space-separated) or in {@code scp} (an array). */
    public static boolean hasScope(Map<String, Object> claims, String scope) {
        if (claims.get("scope") instanceof String scopes
                && List.of(scopes.split(" ")).contains(scope)) {
            return true;
        }
        return claims.get("scp") instanceof List<?> scp && scp.contains(scope);
    }

    /** A token that passed what needs no key: the JWS, its claims as sent, and its issuer's keys. */
    private record Checked(SignedJWT jwt, Map<String, Object> claims, JwksKeySelector keys) {}

    /** The token, if nothing that needs no key refuses it; else null. */
    private Checked checkedWithoutKeys(String token) throws java.text.ParseException {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[2].isEmpty() || !shallowJson(parts)) {
            return null;
        }
        SignedJWT jwt = new SignedJWT(new Base64URL(parts[0]), new Base64URL(parts[1]), new Base64URL(parts[2]));
        JWSHeader header = jwt.getHeader();
        if (!settings.algorithms().contains(header.getAlgorithm().getName())
                || header.getCriticalParams() != null
                || !allowedType(header.getType())) {
            return null;
        }
        Map<String, Object> claims = jwt.getPayload().toJSONObject(); // the payload's only parse
        if (claims == null
                || !(claims.get("iss") instanceof String iss)
                || !(keysByIssuer.get(iss) instanceof JwksKeySelector keys)) {
            return null;
        }
        for (String name : List.of("exp", "nbf", "iat")) {
            Object value = claims.get(name);
            if (value != null
                    && !(value instanceof Number n && n.doubleValue() >= YEAR_1 && n.doubleValue() < YEAR_10000)) {
                return null;
            }
        }
        return new Checked(jwt, claims, keys);
    }

    /** exp required; exp and nbf within the clock skew; aud containing JWT_AUDIENCE unless any is allowed. */
    private boolean claimsValid(Checked token) {
        Map<String, Object> claims = token.claims();
        double now = System.currentTimeMillis() / 1000d;
        double skew = settings.clockSkew().toSeconds();
        if (!(claims.get("exp") instanceof Number exp) || now >= exp.doubleValue() + skew) {
            return false;
        }
        if (claims.get("nbf") instanceof Number nbf && now < nbf.doubleValue() - skew) {
            return false;
        }
        String audience = settings.audience();
        Object aud = claims.get("aud");
        return audience == null || (aud instanceof List<?> list ? list.contains(audience) : audience.equals(aud));
    }

    /** {@code typ} absent, or JWT or at+jwt in any case, with or without {@code application/}. */
    static boolean allowedType(JOSEObjectType type) {
        if (type == null) {
            return true;
        }
        String s = type.getType();
        String typ = s.regionMatches(true, 0, "application/", 0, 12) ? s.substring(12) : s;
        return typ.equalsIgnoreCase("jwt") || typ.equalsIgnoreCase("at+jwt");
    }

    /** Whether the header and the payload nest objects and arrays at most {@value #MAX_JSON_DEPTH} deep. */
    static boolean shallowJson(String[] parts) {
        for (int p = 0; p < 2; p++) {
            byte[] json;
            try {
                json = Base64.getUrlDecoder().decode(parts[p]);
            } catch (IllegalArgumentException e) {
                return true; // not base64url: Nimbus refuses it
            }
            int depth = 0;
            boolean inString = false;
            for (int i = 0; i < json.length; i++) {
                byte b = json[i];
                if (inString) {
                    if (b == '\\') {
                        i++;
                    } else if (b == '"') {
                        inString = false;
                    }
                } else if (b == '"') {
                    inString = true;
                } else if ((b == '{' || b == '[') && ++depth > MAX_JSON_DEPTH) {
                    return false;
                } else if (b == '}' || b == ']') {
                    depth--;
                }
            }
        }
        return true;
    }
}
