package com.example.jwt.helidon;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.security.Key;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jose4j.http.Get;
import org.jose4j.http.SimpleResponse;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * All the JWT code of the app: a Helidon {@link Handler} placed before the protected routes. It reads the bearer token
 * (RFC 6750), verifies it with jose4j against the issuer's JWKS, and either passes the request on with the verified
 * claims in its context ({@code res.next()}) or answers itself: 401/400 for a missing, malformed or invalid token,
 * 503 when the keys cannot be fetched.
 */
final class JwtAuth implements Handler {
    private static final System.Logger LOG = System.getLogger(JwtAuth.class.getName());
    private static final Pattern TOKEN68 = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
    private static final Pattern ALLOWED_TYP = Pattern.compile("(application/)?(jwt|at\\+jwt)");

    private final JwtConsumer consumer;
    private final String retryAfterSeconds;

    JwtAuth(JwtSettings settings) {
        JwtConsumerBuilder builder = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksKeys(settings))
                .setJwsAlgorithmConstraints(ConstraintType.PERMIT, settings.algorithms().toArray(String[]::new))
                .setExpectedIssuer(settings.issuer())
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(settings.clockSkewSeconds())
                .registerValidator(JwtAuth::checkType);
        if (settings.audience() == null) {
            builder.setSkipDefaultAudienceValidation();
        } else {
            builder.setExpectedAudience(settings.audience());
        }
        consumer = builder.build(); // built once: thread-safe and reused by every request
        retryAfterSeconds = String.valueOf(Math.max(1, settings.jwksRefreshMinSeconds()));
    }

    /** The verified claims, in the request context, for the handlers after this one. */
    record VerifiedClaims(Map<String, Object> claims) {
    }

    static Map<String, Object> claims(ServerRequest req) {
        return req.context().get(VerifiedClaims.class).orElseThrow().claims();
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        // RFC 6750 §2.1: only the Authorization header; never ?access_token= (it leaks into logs).
        String header = req.headers().first(HeaderNames.AUTHORIZATION).orElse("");
        String[] credentials = header.strip().split("\\s+", 2);
        if (!credentials[0].equalsIgnoreCase("Bearer")) {
            deny(res, Status.UNAUTHORIZED_401, "Bearer", "unauthorized", "Bearer token required");
            return;
        }
        String token = credentials.length == 2 ? credentials[1] : "";
        if (!TOKEN68.matcher(token).matches()) {
            deny(res, Status.BAD_REQUEST_400,
                    "Bearer error=\"invalid_request\", error_description=\"Malformed bearer credentials\"",
                    "invalid_request", "Malformed bearer credentials");
            return;
        }
        try {
            req.context().register(new VerifiedClaims(consumer.processToClaims(token).getClaimsMap()));
        } catch (InvalidJwtException e) {
            if (causedBy(e, KeysUnavailable.class)) {
                res.header(HeaderNames.RETRY_AFTER, retryAfterSeconds);
                deny(res, Status.SERVICE_UNAVAILABLE_503, null, "temporarily_unavailable",
                        "The signing keys are unavailable, try again later");
                return;
            }
            LOG.log(System.Logger.Level.DEBUG, "Rejected a token: error code {0}",
                    e.getErrorDetails().isEmpty() ? "none" : e.getErrorDetails().get(0).getErrorCode());
            String description = e.hasExpired() ? "The access token expired" : "The access token is invalid";
            deny(res, Status.UNAUTHORIZED_401, "Bearer error=\"invalid_token\", error_description=\"" + description
                    + "\"", "invalid_token", description);
            return;
        }
        res.next();
    }

    /** The RFC 6750 error, as JSON. */
    record ErrorBody(String error, String error_description) {
    }

    private static void deny(ServerResponse res, Status status, String challenge, String error, String description) {
        if (challenge != null) {
            res.header(HeaderNames.WWW_AUTHENTICATE, challenge);
        }
        res.status(status).send(new ErrorBody(error, description));
    }

    /** RFC 8725 §3.11: only access tokens and plain JWTs; a DPoP proof or logout token is not a credential here. */
    private static String checkType(JwtContext context) {
        Object typ = context.getJoseObjects().get(0).getHeaders().getObjectHeaderValue("typ");
        if (typ == null || typ instanceof String s && ALLOWED_TYP.matcher(s.toLowerCase(Locale.ROOT)).matches()) {
            return null;
        }
        return "typ is not JWT or at+jwt";
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** No key could be had because the JWKS could not be fetched: the answer is 503, not 401. */
    private static final class KeysUnavailable extends UnresolvableKeyException {
        KeysUnavailable() {
            super("JWKS unavailable");
        }
    }

    /**
     * The issuer's keys. jose4j's {@link HttpsJwks} fetches and caches them: one fetch at a time, refetch at most once
     * per JWT_JWKS_REFRESH_MIN_SECONDS for an unknown kid (its "reprieve threshold"), and the old keys kept when a
     * refresh fails. This class adds what the contract needs on top: the kid picks exactly one key (no trying every
     * key), and an outage is told apart from an unknown kid.
     */
    private static final class JwksKeys implements VerificationKeyResolver {
        private final HttpsJwks jwks;
        private final VerificationJwkSelector selector = new VerificationJwkSelector();
        private volatile boolean lastFetchFailed;

        JwksKeys(JwtSettings settings) {
            jwks = new HttpsJwks(settings.jwksUri().toString());
            jwks.setSimpleHttpGet(new RecordingGet(settings.jwksTimeoutMillis()));
            jwks.setDefaultCacheDuration(settings.jwksCacheSeconds());
            jwks.setRefreshReprieveThreshold(settings.jwksRefreshMinSeconds() * 1000L);
            // After a failed refresh, keep using the cached keys and try again after the refresh interval.
            jwks.setRetainCacheOnErrorDuration(Math.max(1, settings.jwksRefreshMinSeconds()));
        }

        @Override
        public Key resolveKey(JsonWebSignature jws, List<JsonWebStructure> nested) throws UnresolvableKeyException {
            Object kid = jws.getHeaders().getObjectHeaderValue("kid");
            if (kid != null && !(kid instanceof String)) {
                throw new UnresolvableKeyException("kid is not a string");
            }
            List<JsonWebKey> candidates = select(jws, cachedKeys());
            if (candidates.isEmpty() && kid != null) {
                refresh(); // an unknown kid may be a rotated-in key; HttpsJwks rate-limits this
                candidates = select(jws, cachedKeys());
            }
            if (candidates.isEmpty() && lastFetchFailed) {
                throw new KeysUnavailable();
            }
            if (candidates.size() != 1) {
                throw new UnresolvableKeyException("no single key fits the token");
            }
            return candidates.get(0).getKey();
        }

        /** The keys of the JWKS whose kid, type, curve and use fit the token's header. */
        private List<JsonWebKey> select(JsonWebSignature jws, List<JsonWebKey> keys) throws UnresolvableKeyException {
            try {
                return selector.selectList(jws, keys);
            } catch (JoseException e) {
                throw new UnresolvableKeyException("no key fits the token");
            }
        }

        private List<JsonWebKey> cachedKeys() throws KeysUnavailable {
            try {
                return jwks.getJsonWebKeys();
            } catch (IOException | JoseException e) {
                throw new KeysUnavailable();
            }
        }

        private void refresh() {
            try {
                jwks.refresh();
            } catch (IOException | JoseException e) {
                // recorded by RecordingGet; the cached keys stay
            }
        }

        /** jose4j's HTTP GET with our timeouts, no retries, and a record of whether the last fetch worked. */
        private final class RecordingGet extends Get {
            RecordingGet(int timeoutMillis) {
                setConnectTimeout(timeoutMillis);
                setReadTimeout(timeoutMillis);
                setRetries(0); // jose4j retries 3 times by default: a JWKS outage would hold requests far too long
            }

            @Override
            public SimpleResponse get(String location) throws IOException {
                try {
                    SimpleResponse response = super.get(location);
                    new JsonWebKeySet(response.getBody()); // "200 but not a JWKS" is an outage too
                    lastFetchFailed = false;
                    return response;
                } catch (IOException | JoseException | RuntimeException e) {
                    lastFetchFailed = true;
                    LOG.log(System.Logger.Level.WARNING, "JWKS fetch from {0} failed: {1}", location,
                            e.getClass().getSimpleName());
                    throw e instanceof IOException io ? io : new IOException("not a JWKS");
                }
            }
        }
    }
}
