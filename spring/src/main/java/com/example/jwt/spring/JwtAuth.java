package com.example.jwt.spring;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.Resource;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;

/**
 * All the JWT configuration of the app: a stateless {@link SecurityFilterChain} with {@code oauth2ResourceServer().jwt()},
 * and the pieces where Spring's defaults fall short of the contract (each is named and says why).
 */
@Configuration
class JwtAuth {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, JwtSettings settings) throws Exception {
        JsonBearerAnswers answers = new JsonBearerAnswers(settings);
        // One decoder per trusted issuer, each with its own keys; the token's iss picks it, and an unlisted issuer
        // is rejected before anything is fetched.
        Map<String, AuthenticationManager> byIssuer = new HashMap<>();
        for (Map.Entry<String, String> issuer : settings.jwksUris().entrySet()) {
            byIssuer.put(issuer.getKey(),
                    new JwtAuthenticationProvider(jwtDecoder(issuer.getKey(), issuer.getValue(), settings))::authenticate);
        }
        return http
                .authorizeHttpRequests(authorize -> {
                    authorize.requestMatchers("/health").permitAll();
                    if (settings.requiredScope() != null) { // scope and scp become SCOPE_ authorities
                        authorize.anyRequest().hasAuthority("SCOPE_" + settings.requiredScope());
                    } else {
                        authorize.anyRequest().authenticated();
                    }
                })
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable) // no cookies, no browser session: nothing to forge
                .requestCache(AbstractHttpConfigurer::disable)
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .authenticationManagerResolver(new JwtIssuerAuthenticationManagerResolver(byIssuer::get))
                        .bearerTokenResolver(new HeaderOnlyBearerTokenResolver(settings.header()))
                        .authenticationEntryPoint(answers)
                        .accessDeniedHandler(answers)
                        // By default an AuthenticationServiceException (the JWKS is down) is rethrown and ends as
                        // a 500; hand it to the entry point, which answers 503.
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                AuthenticationEntryPointFailureHandler failures =
                                        new AuthenticationEntryPointFailureHandler(answers);
                                failures.setRethrowAuthenticationServiceException(false);
                                filter.setAuthenticationFailureHandler(failures);
                                return filter;
                            }
                        }))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(answers).accessDeniedHandler(answers))
                .build();
    }

    /**
     * A decoder built from a Nimbus {@link JWKSource} with the cache time, refetch rate limit, outage tolerance and
     * timeouts from the settings (the property-built one refetches for every unknown kid: spring-security#19643),
     * our key selection (Spring's skips Ed25519 keys), and the contract's validators.
     */
    static JwtDecoder jwtDecoder(String issuer, String jwksUri, JwtSettings settings) throws IOException {
        Jwks jwks = new Jwks(jwksUri, settings);
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(jwks.source)
                .jwtProcessorCustomizer(processor -> {
                    processor.setJWSKeySelector(jwks);
                    processor.setJWSVerifierFactory(new FastVerifierFactory());
                    processor.setJWSTypeVerifier((type, context) -> checkType(type));
                    processor.setJWTClaimsSetVerifier((claims, context) -> { }); // Spring's validators below do it
                })
                .build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(settings.clockSkew());
        timestamps.setAllowEmptyExpiryClaim(false); // allowed by default: a token without exp would never expire
        List<OAuth2TokenValidator<Jwt>> validators =
                new ArrayList<>(List.of(timestamps, new JwtIssuerValidator(issuer), JwtAuth::checkDates));
        if (settings.audience() != null) {
            validators.add(new JwtClaimValidator<List<String>>("aud",
                    aud -> aud != null && aud.contains(settings.audience())));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        // Spring's claim conversion turns ["https://issuer"] into "https://issuer"; keep iss as sent, so it must match.
        decoder.setClaimSetConverter(MappedJwtClaimSetConverter.withDefaults(Map.of("iss", iss -> iss)));
        return decoder;
    }

    /**
     * CLM-5: exp, nbf and iat, when present, are dates: finite numbers within the years 0001 to 9999 (RFC 7519 §2,
     * RFC 3339). Nimbus reads them as whole seconds times 1000, so 1e19 wraps around to 1969 and 253402300800 is the
     * year 10000: the values are checked as the token sent them.
     */
    private static OAuth2TokenValidatorResult checkDates(Jwt jwt) {
        String token = jwt.getTokenValue();
        int start = token.indexOf('.') + 1;
        Map<String, Object> claims;
        try {
            claims = JSONObjectUtils.parse(new Base64URL(token.substring(start, token.indexOf('.', start)))
                    .decodeToString());
        } catch (java.text.ParseException | RuntimeException e) {
            claims = null;
        }
        for (String name : List.of("exp", "nbf", "iat")) {
            Object value = claims == null ? "" : claims.get(name);
            if (value != null && !(value instanceof Number n && n.doubleValue() >= -62_135_596_800d
                    && n.doubleValue() < 253_402_300_800d)) {
                return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "Dates out of range", null));
            }
        }
        return OAuth2TokenValidatorResult.success();
    }

    /** {@code typ} absent, JWT or at+jwt (Nimbus accepts only JWT, and Spring's default validator rejects at+jwt). */
    private static void checkType(JOSEObjectType type) throws BadJOSEException {
        String typ = type == null ? "jwt" : type.getType().toLowerCase(Locale.ROOT).replaceFirst("^application/", "");
        if (!typ.equals("jwt") && !typ.equals("at+jwt")) {
            throw new BadJOSEException("typ is not JWT or at+jwt");
        }
    }

    /** The JWKS could not be fetched and no cached key fits: 503, not 401. */
    static final class JwksUnavailableException extends JwtException {
        JwksUnavailableException() {
            super("JWKS unavailable");
        }
    }

    /**
     * The issuer's keys. Nimbus's {@link JWKSourceBuilder} caches them (one fetch at a time), limits refetches, and
     * keeps the last good set while the JWKS is down. This class picks exactly one key for a token, by kid, type,
     * curve and use (never "try every key"), including Ed25519 keys, and tells an outage apart from an unknown kid.
     */
    static final class Jwks implements JWSKeySelector<SecurityContext> {
        private static final byte[] ED25519_X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
        final JWKSource<SecurityContext> source;
        /**
         * Each JWK as a verifying key, made once: building it per request (key factory, point checks) costs more than
         * the RSA verification itself. Equal JWKs of a refetched set hit the same entry.
         */
        private final Map<JWK, List<Key>> javaKeys = new ConcurrentHashMap<>();
        private final Set<String> algorithms;
        private volatile boolean lastFetchFailed;

        Jwks(String jwksUri, JwtSettings settings) throws IOException {
            algorithms = settings.algorithmSet();
            int timeout = settings.jwksTimeoutMillis();
            URL url = URI.create(jwksUri).toURL();
            long cacheMillis = settings.jwksCache().toMillis();
            long refreshMinMillis = settings.jwksRefreshMin().toMillis();
            long minGapMillis = cacheMillis == 0 ? refreshMinMillis : Math.min(refreshMinMillis, cacheMillis);
            JWKSourceBuilder<SecurityContext> builder = JWKSourceBuilder.<SecurityContext>create(url,
                            new RecordingRetriever(timeout, refreshMinMillis, minGapMillis))
                    .refreshAheadCache(false)
                    .outageTolerantForever() // a failed refresh keeps the keys we have
                    .retrying(false);
            if (cacheMillis == 0) {
                builder.cache(false);
            } else {
                builder.cache(cacheMillis, timeout + 1000L);
            }
            // Nimbus wants the rate limit under the cache time; when it is not, the cache time bounds refetches anyway.
            long rateLimit = cacheMillis == 0 ? refreshMinMillis : Math.min(refreshMinMillis, cacheMillis - 1);
            if (rateLimit > 0) {
                builder.rateLimited(rateLimit);
            } else {
                builder.rateLimited(false);
            }
            source = builder.build();
        }

        @Override
        public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
            JWSAlgorithm alg = header.getAlgorithm();
            // JWKS-8: a token refused for its algorithm or a crit header needs no key: it gets 401 even while the JWKS
            // is down (Nimbus checks crit only after choosing the key).
            if (!algorithms.contains(alg.getName()) || header.getCriticalParams() != null) {
                return List.of();
            }
            JWKMatcher.Builder matcher = new JWKMatcher.Builder()
                    .keyType(KeyType.forAlgorithm(alg))
                    .keyUses(KeyUse.SIGNATURE, null)
                    .curves(Curve.forJWSAlgorithm(alg));
            if (header.getKeyID() != null) {
                matcher.keyID(header.getKeyID());
            }
            List<JWK> keys;
            try {
                keys = source.get(new JWKSelector(matcher.build()), context);
            } catch (RateLimitReachedException e) {
                keys = List.of(); // an unknown kid within JWT_JWKS_REFRESH_MIN_SECONDS of the last fetch
            } catch (KeySourceException e) {
                throw new JwksUnavailableException();
            }
            if (keys.isEmpty() && lastFetchFailed) {
                throw new JwksUnavailableException();
            }
            // RSA keys under 2048 bits never verify, so they do not count as a second key for a kid-less token
            keys = keys.stream().filter(k -> !(k instanceof RSAKey rsa) || rsa.size() >= 2048).toList();
            if (keys.size() != 1) {
                return List.of(); // no key, or several for a token without kid
            }
            if (javaKeys.size() > 64) {
                javaKeys.clear(); // only a JWKS that keeps rotating gets here: never grow without bound
            }
            return javaKeys.computeIfAbsent(keys.get(0), Jwks::toJavaKey);
        }

        /** RSA keys in the JDK's form, which verifies them fastest; EC and Ed25519 keys in BouncyCastle's. */
        private static List<Key> toJavaKey(JWK jwk) {
            try {
                if (jwk instanceof RSAKey rsa) {
                    return List.of(rsa.toPublicKey());
                }
                byte[] der;
                if (jwk instanceof OctetKeyPair okp) {
                    byte[] x = okp.getX().decode();
                    der = new byte[ED25519_X509_PREFIX.length + x.length];
                    System.arraycopy(ED25519_X509_PREFIX, 0, der, 0, ED25519_X509_PREFIX.length);
                    System.arraycopy(x, 0, der, ED25519_X509_PREFIX.length, x.length);
                } else {
                    der = ((ECKey) jwk).toECPublicKey().getEncoded(); // checks that the point is on the curve
                }
                String type = jwk instanceof OctetKeyPair ? "Ed25519" : "EC";
                return List.of(KeyFactory.getInstance(type, BOUNCY_CASTLE).generatePublic(new X509EncodedKeySpec(der)));
            } catch (JOSEException | GeneralSecurityException | ClassCastException e) {
                return List.of();
            }
        }

        /**
         * Nimbus's retriever with our timeouts, a record of whether the last fetch gave a usable JWKS, and:
         * <ul>
         *   <li>no new attempt within JWT_JWKS_REFRESH_MIN_SECONDS of a failed one: requests that waited for a failed
         *       fetch would otherwise each try again, one after the other, and answer long after the timeout;</li>
         *   <li>JWKS-7: at most one fetch per refresh interval (or cache time, if shorter). Nimbus's rate limiter lets
         *       two refetches through per interval, which under steady traffic with unknown kids fetched the JWKS in
         *       pairs a few milliseconds apart; the second gets the set the first fetched.</li>
         * </ul>
         */
        private final class RecordingRetriever extends DefaultResourceRetriever {
            private final long refreshMinNanos;
            private final long minGapNanos;
            private volatile long lastFailureNanos;
            private volatile Fetched last; // the last good fetch, or null

            private record Fetched(long startNanos, Resource resource) {
            }

            RecordingRetriever(int timeoutMillis, long refreshMinMillis, long minGapMillis) {
                super(timeoutMillis, timeoutMillis, 512 * 1024);
                refreshMinNanos = refreshMinMillis * 1_000_000L;
                minGapNanos = minGapMillis * 1_000_000L;
            }

            @Override
            public Resource retrieveResource(URL url) throws IOException {
                long start = System.nanoTime();
                if (lastFetchFailed && start - lastFailureNanos < refreshMinNanos) {
                    throw new IOException("the last JWKS fetch failed; not trying again yet");
                }
                Fetched previous = last;
                if (!lastFetchFailed && previous != null && start - previous.startNanos() < minGapNanos) {
                    return previous.resource();
                }
                try {
                    Resource resource = super.retrieveResource(url);
                    JWKSet.parse(resource.getContent()); // "200 but not a JWKS" is an outage too
                    last = new Fetched(start, resource);
                    lastFetchFailed = false;
                    return resource;
                } catch (IOException | java.text.ParseException | RuntimeException e) {
                    lastFailureNanos = System.nanoTime();
                    lastFetchFailed = true;
                    throw e instanceof IOException io ? io : new IOException("not a JWKS");
                }
            }
        }
    }

    /** BouncyCastle's provider, used by instance: it is not added to the JVM's provider list. */
    static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    /**
     * Nimbus's verifiers for RSA (the JDK's provider verifies it fastest), and BouncyCastle's provider for ES256/384/512
     * and EdDSA: 5 to 8 times faster than the JDK's SunEC, and Nimbus's own EdDSA verifier needs Google Tink.
     */
    static final class FastVerifierFactory implements JWSVerifierFactory {
        private final DefaultJWSVerifierFactory nimbus = new DefaultJWSVerifierFactory();

        @Override
        public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
            JWSAlgorithm alg = header.getAlgorithm();
            String jcaName = switch (alg.getName()) {
                case "EdDSA", "Ed25519" -> "Ed25519";
                case "ES256" -> "SHA256withPLAIN-ECDSA"; // JOSE's R||S signature form, no DER conversion
                case "ES384" -> "SHA384withPLAIN-ECDSA";
                case "ES512" -> "SHA512withPLAIN-ECDSA";
                default -> null;
            };
            return jcaName == null ? nimbus.createJWSVerifier(header, key)
                    : new BouncyCastleVerifier(alg, jcaName, (PublicKey) key);
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            Set<JWSAlgorithm> all = new java.util.HashSet<>(nimbus.supportedJWSAlgorithms());
            all.add(JWSAlgorithm.EdDSA);
            return all;
        }

        @Override
        public JCAContext getJCAContext() {
            return nimbus.getJCAContext();
        }
    }

    private record BouncyCastleVerifier(JWSAlgorithm alg, String jcaName, PublicKey key) implements JWSVerifier {
        @Override
        public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
            if (header.getCriticalParams() != null) {
                return false; // no extension is understood (RFC 7515 §4.1.11)
            }
            try {
                Signature verifier = Signature.getInstance(jcaName, BOUNCY_CASTLE);
                verifier.initVerify(key);
                verifier.update(signingInput);
                return verifier.verify(signature.decode());
            } catch (GeneralSecurityException | RuntimeException e) {
                return false; // a key of another type, or a signature of the wrong length
            }
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(alg);
        }

        @Override
        public JCAContext getJCAContext() {
            return new JCAContext();
        }
    }

    /**
     * RFC 6750 §2.1: the token comes only from the Authorization header, with the scheme in any case. Spring's resolver
     * takes "Bearertoken" for a malformed bearer token and answers 401 invalid_token; this one treats any scheme other
     * than Bearer as no credentials, and a value that is not token68 as a malformed request (400).
     */
    static final class HeaderOnlyBearerTokenResolver implements BearerTokenResolver {
        private final String header;

        HeaderOnlyBearerTokenResolver(String header) {
            this.header = header;
        }

        @Override
        public String resolve(HttpServletRequest request) {
            // BRR-4: the header is not a list (RFC 9110 §11.6.2); two copies are ambiguous, whatever they hold.
            java.util.Enumeration<String> copies = request.getHeaders(header);
            if (copies.hasMoreElements() && copies.nextElement() != null && copies.hasMoreElements()) {
                throw new OAuth2AuthenticationException(new OAuth2Error("invalid_request", "More than one credential",
                        null));
            }
            String value = request.getHeader(header);
            String[] credentials = value == null ? new String[] {""} : credentials(value);
            String token;
            if (credentials[0].equalsIgnoreCase("Bearer")) {
                token = credentials.length == 2 ? credentials[1] : "";
            } else if (!header.equalsIgnoreCase("Authorization") && !credentials[0].isEmpty()) {
                token = value.strip(); // JWT_HEADER names another header: its value may be the bare token
            } else {
                return null;
            }
            if (!isToken68(token)) {
                throw new OAuth2AuthenticationException(new OAuth2Error("invalid_request"));
            }
            return token;
        }
    }

    /**
     * Every 400/401/503 answer: an RFC 6750 challenge with a generic description (Spring's descriptions quote library
     * messages) and a JSON body (Spring sends none).
     */
    static final class JsonBearerAnswers implements AuthenticationEntryPoint, AccessDeniedHandler {
        private final String retryAfterSeconds;
        private final String requiredScope;

        JsonBearerAnswers(JwtSettings settings) {
            retryAfterSeconds = String.valueOf(Math.max(1, settings.jwksRefreshMin().toSeconds()));
            requiredScope = settings.requiredScope();
        }

        /** A valid token without JWT_REQUIRED_SCOPE: 403 insufficient_scope, naming the scope (RFC 6750 §3.1). */
        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
                throws IOException {
            response.setHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"" + requiredScope + "\"");
            response.setStatus(403);
            response.setContentType("application/json");
            response.getOutputStream().write(("{\"error\":\"insufficient_scope\",\"error_description\":"
                    + "\"The access token lacks the required scope\"}").getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
                throws IOException {
            if (causedBy(e, JwksUnavailableException.class)) {
                response.setHeader("Retry-After", retryAfterSeconds);
                write(response, 503, null, "temporarily_unavailable",
                        "The signing keys are unavailable, try again later");
            } else if (e instanceof OAuth2AuthenticationException oauth
                    && "invalid_request".equals(oauth.getError().getErrorCode())) {
                // only our resolver raises invalid_request, with a description of ours
                String description = Objects.requireNonNullElse(oauth.getError().getDescription(),
                        "Malformed bearer credentials");
                write(response, 400, "invalid_request", "invalid_request", description);
            } else if (e instanceof OAuth2AuthenticationException || e instanceof AuthenticationServiceException) {
                write(response, 401, "invalid_token", "invalid_token", "The access token is invalid");
            } else {
                write(response, 401, "", "unauthorized", "Bearer token required");
            }
        }

        private static void write(HttpServletResponse response, int status, String challengeError, String error,
                                  String description) throws IOException {
            if (challengeError != null) {
                response.setHeader("WWW-Authenticate", challengeError.isEmpty() ? "Bearer"
                        : "Bearer error=\"" + challengeError + "\", error_description=\"" + description + "\"");
            }
            response.setStatus(status);
            response.setContentType("application/json");
            response.getOutputStream().write(("{\"error\":\"" + error + "\",\"error_description\":\"" + description
                    + "\"}").getBytes(StandardCharsets.UTF_8));
        }

        private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
            return false;
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
