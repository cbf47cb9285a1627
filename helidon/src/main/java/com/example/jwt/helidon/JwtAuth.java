package com.example.jwt.helidon;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.Security;
import java.security.spec.X509EncodedKeySpec;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jose4j.http.Get;
import org.jose4j.http.Response;
import org.jose4j.http.SimpleResponse;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
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
    private static final Pattern ALLOWED_TYP = Pattern.compile("(application/)?(jwt|at\\+jwt)");

    /** Reads the claims without checking anything, only to pick the issuer's consumer (jose4j's two-pass pattern). */
    private final JwtConsumer firstPass = new JwtConsumerBuilder()
            .setSkipAllValidators().setDisableRequireSignature().setSkipSignatureVerification().build();
    /** Per trusted issuer, each with its own keys: one issuer's key never verifies another's token. */
    private final Map<String, Consumers> consumers = new HashMap<>();
    private final String tokenHeader;
    private final String requiredScope;
    private final String retryAfterSeconds;

    /**
     * The issuer's consumers, one per signature provider. The JDK verifies RSA fastest (SHA-256 and BigInteger run
     * on CPU intrinsics); BouncyCastle verifies ES256 and EdDSA 5 to 8 times faster than the JDK's SunEC.
     */
    private record Consumers(JwtConsumer jdk, JwtConsumer bouncyCastle) {
        JwtConsumer forAlgorithm(String alg) {
            return alg != null && (alg.startsWith("RS") || alg.startsWith("PS")) ? jdk : bouncyCastle;
        }
    }

    JwtAuth(JwtSettings settings) {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider()); // last in the list: the JDK's defaults do not change
        }
        ProviderContext bouncyCastle = new ProviderContext();
        bouncyCastle.getSuppliedKeyProviderContext().setSignatureProvider(BouncyCastleProvider.PROVIDER_NAME);
        settings.issuers().forEach((issuer, jwksUri) -> {
            JwtConsumerBuilder builder = new JwtConsumerBuilder()
                    .setVerificationKeyResolver(new JwksKeys(jwksUri, settings))
                    .registerValidator(JwtAuth::checkDates)
                    .setJwsAlgorithmConstraints(ConstraintType.PERMIT, settings.algorithms().toArray(String[]::new))
                    .setExpectedIssuer(issuer)
                    .setRequireExpirationTime()
                    .setAllowedClockSkewInSeconds(settings.clockSkewSeconds())
                    .registerValidator(JwtAuth::checkType);
            if (settings.audience() == null) {
                builder.setSkipDefaultAudienceValidation();
            } else {
                builder.setExpectedAudience(settings.audience());
            }
            // built once: thread-safe and reused by every request
            JwtConsumer jdk = builder.build();
            consumers.put(issuer, new Consumers(jdk, builder.setJwsProviderContext(bouncyCastle).build()));
        });
        tokenHeader = settings.tokenHeader();
        requiredScope = settings.requiredScope();
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
        String token = bearerToken(req, res);
        if (token == null) {
            return; // answered
        }
        Map<String, Object> claims;
        try {
            // The token's iss picks the consumer: a token from an issuer we do not trust costs no JWKS fetch.
            JwtContext context = firstPass.process(token);
            Consumers issuer = consumers.get(context.getJwtClaims().getClaimValue("iss"));
            if (issuer == null) {
                invalidToken(res, "The access token is invalid");
                return;
            }
            issuer.forAlgorithm(context.getJoseObjects().get(0).getAlgorithmHeaderValue()).processContext(context);
            claims = context.getJwtClaims().getClaimsMap();
        } catch (InvalidJwtException e) {
            if (causedBy(e, KeysUnavailable.class)) {
                res.header(HeaderNames.RETRY_AFTER, retryAfterSeconds);
                deny(res, Status.SERVICE_UNAVAILABLE_503, null, "temporarily_unavailable",
                        "The signing keys are unavailable, try again later");
                return;
            }
            LOG.log(System.Logger.Level.DEBUG, "Rejected a token: error code {0}",
                    e.getErrorDetails().isEmpty() ? "none" : e.getErrorDetails().get(0).getErrorCode());
            invalidToken(res, e.hasExpired() ? "The access token expired" : "The access token is invalid");
            return;
        } catch (RuntimeException e) {
            // Hostile input must never become a 500: a token jose4j chokes on is invalid.
            LOG.log(System.Logger.Level.WARNING, "Rejected a token jose4j could not process: {0}", e.getClass().getName());
            invalidToken(res, "The access token is invalid");
            return;
        }
        if (requiredScope != null && !hasScope(claims, requiredScope)) {
            deny(res, Status.FORBIDDEN_403, "Bearer error=\"insufficient_scope\", scope=\"" + requiredScope + "\"",
                    "insufficient_scope", "The access token lacks the required scope");
            return;
        }
        req.context().register(new VerifiedClaims(claims));
        res.next();
    }

    /**
     * The token, or null after answering. From {@code Authorization: Bearer <token>} (RFC 6750 §2.1: never from
     * {@code ?access_token=}, which leaks into logs), or from JWT_HEADER with or without a Bearer prefix.
     */
    private String bearerToken(ServerRequest req, ServerResponse res) {
        HeaderName name = HeaderNames.create(tokenHeader);
        // BRR-4: the header is not a list (RFC 9110 §11.6.2); two copies are ambiguous, whatever they hold.
        if (req.headers().contains(name) && req.headers().get(name).allValues().size() > 1) {
            deny(res, Status.BAD_REQUEST_400, AMBIGUOUS, "invalid_request", "More than one credential");
            return null;
        }
        String header = req.headers().first(name).orElse(null);
        String[] credentials = header == null ? new String[] {""} : credentials(header);
        String token;
        if (credentials[0].equalsIgnoreCase("Bearer")) {
            token = credentials.length == 2 ? credentials[1] : "";
        } else if (!tokenHeader.equalsIgnoreCase("Authorization") && !credentials[0].isEmpty()) {
            token = header.strip(); // a custom header may carry the bare token
        } else {
            deny(res, Status.UNAUTHORIZED_401, "Bearer", "unauthorized", "Bearer token required");
            return null;
        }
        if (!isToken68(token)) {
            deny(res, Status.BAD_REQUEST_400,
                    "Bearer error=\"invalid_request\", error_description=\"Malformed bearer credentials\"",
                    "invalid_request", "Malformed bearer credentials");
            return null;
        }
        return token;
    }

    private static final String AMBIGUOUS =
            "Bearer error=\"invalid_request\", error_description=\"More than one credential\"";

    private static void invalidToken(ServerResponse res, String description) {
        deny(res, Status.UNAUTHORIZED_401, "Bearer error=\"invalid_token\", error_description=\"" + description + "\"",
                "invalid_token", description);
    }

    /** The scope is one of the space-separated {@code scope}, or an element of the {@code scp} array. */
    private static boolean hasScope(Map<String, Object> claims, String scope) {
        if (claims.get("scope") instanceof String scopes && List.of(scopes.split(" ")).contains(scope)) {
            return true;
        }
        return claims.get("scp") instanceof List<?> scp && scp.contains(scope);
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
        return allowedType(context.getJoseObjects().get(0).getHeaders().getObjectHeaderValue("typ")) ? null
                : "typ is not JWT or at+jwt";
    }

    private static boolean allowedType(Object typ) {
        return typ == null || typ instanceof String s && ALLOWED_TYP.matcher(s.toLowerCase(Locale.ROOT)).matches();
    }

    /**
     * CLM-5: exp, nbf and iat, when present, are dates: finite numbers within the years 0001 to 9999 (RFC 7519 §2,
     * RFC 3339). jose4j reads them as whole seconds, so 1e400 (infinity) or 1e19 would become a date that never comes.
     */
    private static String checkDates(JwtContext context) {
        Map<String, Object> claims = context.getJwtClaims().getClaimsMap();
        for (String name : List.of("exp", "nbf", "iat")) {
            Object value = claims.get(name);
            if (value != null && !(value instanceof Number n && n.doubleValue() >= -62_135_596_800d
                    && n.doubleValue() < 253_402_300_800d)) {
                return name + " is not a date between the years 0001 and 9999";
            }
        }
        return null;
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
     * The issuer's keys, cached by jose4j's {@link HttpsJwks}: one fetch at a time (concurrent first requests wait for
     * it), no refetch within its "refresh reprieve threshold" of the last one (this rate-limits unknown kids), and the
     * old keys kept when the refetch after expiry fails. Instead of jose4j's {@code HttpsJwksVerificationKeyResolver},
     * which takes the first of several fitting keys and reports an outage like an unknown kid, this resolver accepts
     * exactly ONE suitable key, and tells an outage (503) from an unknown kid (401).
     */
    private static final class JwksKeys implements VerificationKeyResolver {
        private final HttpsJwks jwks;
        private final JwksGet get;
        private final Set<String> algorithms;
        private final VerificationJwkSelector selector = new VerificationJwkSelector();
        /** Each EC and OKP key in BouncyCastle's own form: converting it per request would cost a verification. */
        private final Map<Key, Key> bouncyCastleKeys = new ConcurrentHashMap<>();

        JwksKeys(URI jwksUri, JwtSettings settings) {
            long refreshMinMillis = settings.jwksRefreshMinSeconds() * 1000L;
            algorithms = settings.algorithms();
            get = new JwksGet(settings.jwksTimeoutMillis(), refreshMinMillis);
            jwks = new HttpsJwks(jwksUri.toString());
            jwks.setSimpleHttpGet(get);
            jwks.setDefaultCacheDuration(settings.jwksCacheSeconds());
            // HttpsJwks applies this to EVERY refetch, also the one after the cache expires: capped by the cache
            // time, so that a removed key never outlives JWT_JWKS_CACHE_SECONDS.
            jwks.setRefreshReprieveThreshold(Math.min(refreshMinMillis, settings.jwksCacheSeconds() * 1000L));
            // When the refetch after expiry fails, keep the cached keys and try again after the refresh interval.
            jwks.setRetainCacheOnErrorDuration(Math.max(1, settings.jwksRefreshMinSeconds()));
        }

        @Override
        public Key resolveKey(JsonWebSignature jws, List<JsonWebStructure> nested) throws UnresolvableKeyException {
            // JWKS-8: what can be decided without keys is decided before any key is looked up (jose4j checks the
            // algorithm, crit and typ only after this), so such a token gets 401 even while the JWKS is down.
            Object crit = jws.getHeaders().getObjectHeaderValue("crit");
            if (!algorithms.contains(jws.getAlgorithmHeaderValue()) || crit != null
                    || !allowedType(jws.getHeaders().getObjectHeaderValue("typ"))) {
                throw new UnresolvableKeyException("refused without a key");
            }
            Object kid = jws.getHeaders().getObjectHeaderValue("kid");
            if (kid != null && !(kid instanceof String)) {
                throw new UnresolvableKeyException("kid is not a string");
            }
            List<JsonWebKey> keys = cachedKeys();
            List<JsonWebKey> candidates = suitable(jws, keys);
            // An unknown kid may be a key rotated in since the last fetch. HttpsJwks rate-limits that refetch only
            // while it holds keys; an issuer serving an empty set would otherwise be fetched for every such token.
            if (candidates.isEmpty() && kid != null && !(keys.isEmpty() && get.succeededRecently())) {
                refresh();
                candidates = suitable(jws, cachedKeys());
            }
            if (candidates.isEmpty() && get.lastFetchFailed()) {
                throw new KeysUnavailable();
            }
            if (candidates.size() != 1) {
                throw new UnresolvableKeyException("no single key fits the token");
            }
            Key key = candidates.get(0).getKey();
            return key.getAlgorithm().equals("RSA") ? key : bouncyCastleKey(key);
        }

        /** BouncyCastle's key for a JDK public key (equal keys of a refetched JWKS hit the same entry). */
        private Key bouncyCastleKey(Key key) {
            if (bouncyCastleKeys.size() > 64) {
                bouncyCastleKeys.clear(); // only a JWKS that keeps rotating gets here: never grow without bound
            }
            return bouncyCastleKeys.computeIfAbsent(key, JwksKeys::convert);
        }

        private static Key convert(Key key) {
            try {
                return KeyFactory.getInstance(key.getAlgorithm(), BouncyCastleProvider.PROVIDER_NAME)
                        .generatePublic(new X509EncodedKeySpec(key.getEncoded()));
            } catch (GeneralSecurityException e) {
                return key; // the JDK's form still verifies, only slower
            }
        }

        /**
         * The keys whose kid, type, curve and use fit the token's header (jose4j's selector), minus RSA keys under
         * 2048 bits: jose4j would refuse to verify with them anyway, but they must not count as a second key for a
         * kid-less token.
         */
        private List<JsonWebKey> suitable(JsonWebSignature jws, List<JsonWebKey> keys) throws UnresolvableKeyException {
            try {
                return selector.selectList(jws, keys).stream().filter(key -> !isWeakRsa(key)).toList();
            } catch (JoseException e) {
                throw new UnresolvableKeyException("no key fits the token");
            }
        }

        private static boolean isWeakRsa(JsonWebKey key) {
            return key instanceof RsaJsonWebKey rsa && rsa.getRsaPublicKey().getModulus().bitLength() < 2048;
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
                // recorded by JwksGet; the cached keys stay
            }
        }
    }

    /**
     * jose4j's HTTP GET, adapted to the contract:
     * <ul>
     *   <li>our connect and read timeouts, and no retries: {@link Get} retries 3 times by default, which would hold
     *       requests for many seconds while the JWKS is down;</li>
     *   <li>the response's {@code Cache-Control}/{@code Expires} are dropped, so that JWT_JWKS_CACHE_SECONDS alone
     *       decides how long keys are trusted (HttpsJwks would take the issuer's max-age over it);</li>
     *   <li>"200 but not a JWKS" counts as a failed fetch, and the outcome of the last fetch is recorded;</li>
     *   <li>after a failed fetch, no new attempt for JWT_JWKS_REFRESH_MIN_SECONDS: it fails at once. HttpsJwks lets
     *       every request that waited for a failed first fetch fetch again, one after the other, and does not
     *       rate-limit refetches after a failure: without this, 200 requests during an outage would queue up 200
     *       timeouts, and a flood of unknown kids would cost one fetch each.</li>
     * </ul>
     */
    private static final class JwksGet extends Get {
        private record Fetch(long endedNanos, boolean failed) {
        }

        private final long refreshMinNanos;
        private volatile Fetch last; // null until the first fetch

        JwksGet(int timeoutMillis, long refreshMinMillis) {
            setConnectTimeout(timeoutMillis);
            setReadTimeout(timeoutMillis);
            setRetries(0);
            refreshMinNanos = refreshMinMillis * 1_000_000L;
        }

        boolean lastFetchFailed() {
            Fetch f = last;
            return f != null && f.failed();
        }

        boolean succeededRecently() {
            Fetch f = last;
            return f != null && !f.failed() && System.nanoTime() - f.endedNanos() < refreshMinNanos;
        }

        @Override
        public SimpleResponse get(String location) throws IOException {
            Fetch previous = last;
            if (previous != null && previous.failed() && System.nanoTime() - previous.endedNanos() < refreshMinNanos) {
                throw new IOException("the last JWKS fetch failed; not trying again yet");
            }
            try {
                SimpleResponse response = super.get(location);
                new JsonWebKeySet(response.getBody()); // throws if the body is not a JWKS
                last = new Fetch(System.nanoTime(), false);
                Map<String, List<String>> noCachingHeaders = Map.of();
                return new Response(response.getStatusCode(), response.getStatusMessage(), noCachingHeaders,
                        response.getBody());
            } catch (IOException | JoseException | RuntimeException e) {
                last = new Fetch(System.nanoTime(), true);
                LOG.log(System.Logger.Level.WARNING, "JWKS fetch from {0} failed: {1}", location,
                        e.getClass().getSimpleName());
                throw e instanceof IOException io ? io : new IOException("not a JWKS");
            }
        }
    }

    /**
     * The header value split at its first run of whitespace ({@code \s}): scheme and credentials. By hand, like
     * {@link #isToken68}: the two regular expressions cost more CPU than jose4j's parsing of the whole token.
     */
    static String[] credentials(String header) {
        String value = header.strip();
        int end = 0;
        while (end < value.length() && !isSpace(value.charAt(end))) {
            end++;
        }
        int start = end;
        while (start < value.length() && isSpace(value.charAt(start))) {
            start++;
        }
        return end == value.length() ? new String[] {value}
                : new String[] {value.substring(0, end), value.substring(start)};
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** RFC 6750 §2.1 token68: {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}. */
    static boolean isToken68(String s) {
        int i = 0;
        while (i < s.length() && isToken68Char(s.charAt(i))) {
            i++;
        }
        if (i == 0) {
            return false;
        }
        while (i < s.length() && s.charAt(i) == '=') {
            i++;
        }
        return i == s.length();
    }

    private static boolean isToken68Char(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
                || c == '~' || c == '+' || c == '/';
    }
}
