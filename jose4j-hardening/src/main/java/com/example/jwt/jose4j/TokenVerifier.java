package com.example.jwt.jose4j;

import java.security.Key;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwx.JsonWebStructure;

/**
 * A bearer token verified with jose4j: its verified claims, or the {@link Rejection} that answers it. In this order:
 * <ol>
 *   <li>what needs no key: a compact JWS whose header and payload are JSON objects nested at most
 *       {@value #MAX_JSON_DEPTH} deep; an {@code alg} of JWT_ALGORITHMS; no {@code crit}; a {@code typ} that is absent,
 *       JWT or at+jwt; a string kid if any; an {@code iss} that is trusted. Such a token is refused with 401 even while
 *       the JWKS is down;</li>
 *   <li>the signature, with the one key {@link JwksKeyResolver} finds in that issuer's JWKS (one resolver and one
 *       jose4j consumer per trusted issuer, so one issuer's key never verifies another's token);</li>
 *   <li>the claims: {@code exp} required, {@code exp} and {@code nbf} within the clock skew, {@code iss},
 *       {@code aud} when JWT_AUDIENCE is set, and {@code exp}, {@code nbf} and {@code iat} dates within the years 0001
 *       to 9999.</li>
 * </ol>
 * Anything jose4j throws on hostile input, an {@link Error} such as {@link StackOverflowError} included, is a 401.
 *
 * <p>It replaces jose4j's documented {@code JwtConsumerBuilder} setup, which accepts any {@code typ}, takes no
 * {@code exp} for "never expires", reads {@code 1e400} or {@code 1e19} as a date that never comes, and checks the
 * algorithm, {@code crit} and {@code typ} only after fetching keys.
 *
 * <p>Contract: TOK-1..TOK-4, ALG-1..ALG-3, CLM-1..CLM-5, KEY-4, KEY-6, GW-1, GW-3, JWKS-8, ANS-5.
 */
public final class TokenVerifier {
    /** How deep a token's header or payload may nest objects and arrays; real tokens nest 2 or 3 deep. */
    public static final int MAX_JSON_DEPTH = 32;

    private static final System.Logger LOG = System.getLogger(TokenVerifier.class.getName());

    /**
     * Which JCA provider verifies each algorithm, and each key in that provider's form. By default ({@link #JDK}) the
     * JDK's, as jose4j does; an app may pass another (this repo's apps pass FastSignatures, for speed only).
     */
    public interface SignatureProvider {
        SignatureProvider JDK = new SignatureProvider() {
            @Override
            public ProviderContext context(String alg) {
                return null;
            }

            @Override
            public Key key(Key key) {
                return key;
            }
        };

        /** jose4j's provider context for tokens of this alg; null for the JDK's default. */
        ProviderContext context(String alg);

        /** The key in the form that context verifies fastest. */
        Key key(Key key);
    }

    /** Reads the token without checking anything, only to decide what needs no key and to pick the issuer. */
    private final JwtConsumer firstPass = new JwtConsumerBuilder()
            .setSkipAllValidators()
            .setDisableRequireSignature()
            .setSkipSignatureVerification()
            .build();

    /** Per trusted issuer, per allowed alg: the consumer that verifies the rest. Built once; thread-safe. */
    private final Map<String, Map<String, JwtConsumer>> consumers = new HashMap<>();

    private final List<JwksKeyResolver> resolvers = new ArrayList<>();
    private final VerifierSettings settings;

    public TokenVerifier(VerifierSettings settings) {
        this(settings, SignatureProvider.JDK);
    }

    public TokenVerifier(VerifierSettings settings, SignatureProvider signatures) {
        this.settings = settings;
        if (settings.audience() == null) {
            LOG.log(System.Logger.Level.WARNING, VerifierSettings.ANY_AUDIENCE_WARNING);
        }
        settings.issuers().forEach((issuer, jwksUri) -> {
            JwksKeyResolver keys = new JwksKeyResolver(
                    jwksUri, settings.jwksCache(), settings.jwksRefreshMin(), settings.jwksTimeout());
            resolvers.add(keys);
            JwtConsumerBuilder builder = new JwtConsumerBuilder()
                    .setVerificationKeyResolver((jws, nested) -> signatures.key(keys.resolveKey(jws, nested)))
                    .setJwsAlgorithmConstraints(
                            ConstraintType.PERMIT, settings.algorithms().toArray(String[]::new))
                    .setExpectedIssuer(issuer)
                    .setRequireExpirationTime()
                    .setAllowedClockSkewInSeconds((int) settings.clockSkew().toSeconds())
                    .registerValidator(TokenVerifier::checkDates);
            if (settings.audience() == null) {
                builder.setSkipDefaultAudienceValidation();
            } else {
                builder.setExpectedAudience(settings.audience());
            }
            Map<String, JwtConsumer> byAlg = new HashMap<>();
            settings.algorithms()
                    .forEach(alg -> byAlg.put(
                            alg,
                            builder.setJwsProviderContext(signatures.context(alg))
                                    .build()));
            consumers.put(issuer, byAlg);
        });
    }

    /** Whether the last JWKS fetch of some issuer failed (for a health check). */
    public boolean jwksFetchFailing() {
        return resolvers.stream().anyMatch(JwksKeyResolver::lastFetchFailed);
    }

    /** The verified claims; throws the answer: 401, or 503 when the keys cannot be fetched. */
    public Map<String, Object> verify(String token) throws Rejection {
        try {
            if (!shallowJson(token)) {
                throw Rejection.invalidToken(false);
            }
            JwtContext context = firstPass.process(token);
            JwtConsumer consumer = refusedWithoutKeys(context)
                    ? null
                    : consumers
                            .getOrDefault(context.getJwtClaims().getClaimValue("iss"), Map.of())
                            .get(context.getJoseObjects().get(0).getAlgorithmHeaderValue());
            if (consumer == null) {
                throw Rejection.invalidToken(false);
            }
            consumer.processContext(context);
            return context.getJwtClaims().getClaimsMap();
        } catch (Rejection rejection) {
            throw rejection;
        } catch (InvalidJwtException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof JwksKeyResolver.Unavailable) {
                    throw Rejection.keysUnavailable(settings.jwksRefreshMin().toSeconds());
                }
            }
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "Rejected a token: error code {0}",
                    e.getErrorDetails().isEmpty()
                            ? "none"
                            : e.getErrorDetails().get(0).getErrorCode());
            throw Rejection.invalidToken(e.hasExpired());
        } catch (Throwable e) {
            // Hostile input is never a 500: whatever jose4j throws on a token, StackOverflowError included, is a 401.
            LOG.log(System.Logger.Level.DEBUG, "Rejected a token jose4j could not process: {0}", e.getClass());
            throw Rejection.invalidToken(false);
        }
    }

    /** Whether the claims grant this scope: in {@code scope} (space-separated) or in {@code scp} (an array). */
    public static boolean hasScope(Map<String, Object> claims, String scope) {
        if (claims.get("scope") instanceof String scopes
                && List.of(scopes.split(" ")).contains(scope)) {
            return true;
        }
        return claims.get("scp") instanceof List<?> scp && scp.contains(scope);
    }

    /**
     * Whether the token is refused for what needs no key: not one JWS, an alg outside JWT_ALGORITHMS, a {@code crit}
     * header (no extension is understood), a {@code typ} other than JWT or at+jwt (RFC 8725 §3.11: a DPoP proof or a
     * logout token is no access token), or a kid that is not a string.
     */
    private boolean refusedWithoutKeys(JwtContext context) {
        List<JsonWebStructure> objects = context.getJoseObjects();
        if (objects.size() != 1 || !(objects.get(0) instanceof JsonWebSignature jws)) {
            return true;
        }
        Object kid = jws.getHeaders().getObjectHeaderValue("kid");
        return !settings.algorithms().contains(jws.getAlgorithmHeaderValue())
                || jws.getHeaders().getObjectHeaderValue("crit") != null
                || !allowedType(jws.getHeaders().getObjectHeaderValue("typ"))
                || kid != null && !(kid instanceof String);
    }

    /** {@code typ} absent, or JWT or at+jwt in any case, with or without {@code application/}. */
    static boolean allowedType(Object typ) {
        if (!(typ instanceof String s)) {
            return typ == null;
        }
        String type = s.regionMatches(true, 0, "application/", 0, 12) ? s.substring(12) : s;
        return type.equalsIgnoreCase("jwt") || type.equalsIgnoreCase("at+jwt");
    }

    /**
     * A jose4j validator: exp, nbf and iat, when present, are numbers within the years 0001 to 9999 (RFC 7519 §2,
     * RFC 3339). jose4j reads them as whole seconds, so 1e400 (infinity) or 1e19 would become a date that never comes.
     */
    private static String checkDates(JwtContext context) {
        Map<String, Object> claims = context.getJwtClaims().getClaimsMap();
        for (String name : List.of("exp", "nbf", "iat")) {
            Object value = claims.get(name);
            if (value != null
                    && !(value instanceof Number n
                            && n.doubleValue() >= -62_135_596_800d
                            && n.doubleValue() < 253_402_300_800d)) {
                return name + " is not a date between the years 0001 and 9999";
            }
        }
        return null;
    }

    /**
     * Whether the header and the payload of a compact JWS nest objects and arrays at most {@value #MAX_JSON_DEPTH}
     * deep: a cheap scan before any parser, or any JSON writer the app answers with, recurses into them.
     */
    static boolean shallowJson(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return true; // not a JWS: jose4j refuses it
        }
        for (int p = 0; p < 2; p++) {
            byte[] json;
            try {
                json = Base64.getUrlDecoder().decode(parts[p]);
            } catch (IllegalArgumentException e) {
                return true; // not base64url: jose4j refuses it
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
