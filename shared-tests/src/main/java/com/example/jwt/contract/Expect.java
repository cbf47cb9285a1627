package com.example.jwt.contract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks on the app's answers. Each failure names the requirement of CONTRACT.md it breaks. Every negative
 * answer also gets the common checks: no 5xx (but the JWKS 503), no cookie, a JSON body with an {@code error} member,
 * no stack trace, and nothing of the token echoed.
 */
public final class Expect {
    /** A server or framework name followed by a version: "Jetty:// 12.0.25", "Apache Tomcat/11.0.1", "Helidon 4.5". */
    private static final Pattern PRODUCT_VERSION = Pattern.compile("(?i)\\b(jetty|tomcat|helidon|javalin|dropwizard"
            + "|spring|jersey|netty|undertow|grizzly|node(\\.js)?|express)\\W{0,5}v?\\d+\\.\\d+");

    private Expect() {}

    /** ANS-1: 200 with the JSON body {@code {"message":"Access granted","subject":...,"claims":{...}}}. */
    public static void accepted(Answer a, Token token) {
        if (a.status() != 200) {
            throw fail("ANS-1", "a valid token must be accepted with 200; got " + a.describe());
        }
        noCookie(a);
        Map<String, Object> body = jsonBody(a, "ANS-1");
        if (!"Access granted".equals(body.get("message"))) {
            throw fail("ANS-1", "body.message must be \"Access granted\"");
        }
        if (!token.subject().equals(body.get("subject"))) {
            throw fail("ANS-1", "body.subject must be the token's sub");
        }
        if (!(body.get("claims") instanceof Map<?, ?> claims)
                || !token.subject().equals(claims.get("sub"))
                || !String.valueOf(token.claimValue("iss")).equals(claims.get("iss"))) {
            throw fail("ANS-1", "body.claims must be an object holding the token's claims (sub, iss)");
        }
    }

    /** ANS-2: no credentials: 401 with a Bearer challenge that carries no error code. */
    public static void noCredentials(Answer a, String... secrets) {
        negative(a, secrets);
        if (a.status() != 401) {
            throw fail("ANS-2", "a request without Bearer credentials must get 401; got " + a.describe());
        }
        Map<String, String> bearer = bearerChallenge(a, "ANS-2");
        if (bearer.containsKey("error")) {
            throw fail(
                    "ANS-2",
                    "the challenge of a request without credentials must not carry an error code "
                            + "(RFC 6750 §3.1); got error=" + bearer.get("error"));
        }
    }

    /** ANS-3: an invalid token: 401, {@code error="invalid_token"} in the challenge and in the JSON body. */
    public static void invalidToken(Answer a, String... secrets) {
        negative(a, secrets);
        if (a.status() != 401) {
            throw fail("ANS-3", "an invalid token must get 401; got " + a.describe());
        }
        Map<String, String> bearer = bearerChallenge(a, "ANS-3");
        if (!"invalid_token".equals(bearer.get("error"))) {
            throw fail("ANS-3", "the challenge must carry error=\"invalid_token\"; got " + bearer);
        }
        if (!"invalid_token".equals(jsonBody(a, "ANS-3").get("error"))) {
            throw fail("ANS-3", "the JSON body's error must be \"invalid_token\"");
        }
    }

    /** An invalid token, naming its parts as secrets. */
    public static void invalidToken(Answer a, Token token, String compact) {
        invalidToken(a, secretsOf(token, compact));
    }

    /** BRR-3: malformed credentials: 400 {@code invalid_request} or 401 {@code invalid_token}. */
    public static void malformed(Answer a, String... secrets) {
        negative(a, secrets);
        String expected = switch (a.status()) {
            case 400 -> "invalid_request";
            case 401 -> "invalid_token";
            default -> throw fail("BRR-3", "malformed credentials must get 400 or 401; got " + a.describe());
        };
        Map<String, String> bearer = bearerChallenge(a, "BRR-3");
        if (!expected.equals(bearer.get("error"))
                || !expected.equals(jsonBody(a, "BRR-3").get("error"))) {
            throw fail(
                    "BRR-3",
                    "a " + a.status() + " must carry error=\"" + expected + "\" in the challenge and the body; got "
                            + a.describe());
        }
    }

    /** BRR-4: more than one credential is ambiguous: 400 {@code invalid_request}, whatever the copies hold. */
    public static void ambiguous(Answer a, String... secrets) {
        negative(a, secrets);
        if (a.status() != 400) {
            throw fail(
                    "BRR-4",
                    "a request carrying the token header more than once must get 400 invalid_request; got "
                            + a.describe());
        }
        Map<String, String> bearer = bearerChallenge(a, "BRR-4");
        if (!"invalid_request".equals(bearer.get("error"))
                || !"invalid_request".equals(jsonBody(a, "BRR-4").get("error"))) {
            throw fail(
                    "BRR-4",
                    "a 400 must carry error=\"invalid_request\" in the challenge and the body; got " + a.describe());
        }
    }

    /**
     * A request the app must refuse with one of these statuses, with the checks of every negative answer; a failure
     * names {@code requirement} and says what was sent.
     */
    public static void refused(Answer a, String requirement, String what, Set<Integer> statuses, String... secrets) {
        if (a.body().contains("Access granted")) {
            throw fail(requirement, what + " reached the protected handler: " + a.status());
        }
        if (!statuses.contains(a.status())) {
            throw fail(requirement, what + " must get one of " + new TreeSet<>(statuses) + "; got " + a.describe());
        }
        try {
            negative(a, secrets);
        } catch (ContractFailure f) {
            throw fail(requirement, what + ": " + f.getMessage());
        }
    }

    /** GW-3: a valid token without the required scope: 403 and an insufficient_scope challenge naming the scope. */
    public static void insufficientScope(Answer a, String scope, String... secrets) {
        negative(a, secrets);
        if (a.status() != 403) {
            throw fail("GW-3", "a valid token without the required scope must get 403; got " + a.describe());
        }
        Map<String, String> bearer = bearerChallenge(a, "GW-3");
        if (!"insufficient_scope".equals(bearer.get("error")) || !scope.equals(bearer.get("scope"))) {
            throw fail(
                    "GW-3",
                    "the challenge must carry error=\"insufficient_scope\" and scope=\"" + scope + "\"; got " + bearer);
        }
        if (!"insufficient_scope".equals(jsonBody(a, "GW-3").get("error"))) {
            throw fail("GW-3", "the JSON body's error must be \"insufficient_scope\"");
        }
    }

    /** JWKS-4: keys cannot be had: 503, Retry-After, JSON temporarily_unavailable, within the bound. */
    public static void unavailable(Answer a, long maxMillis, String... secrets) {
        negative(a, secrets);
        if (a.status() != 503) {
            throw fail(
                    "JWKS-4",
                    "when the JWKS cannot be fetched and no cached key fits, the answer must be 503; got "
                            + a.describe());
        }
        String retryAfter = a.first("retry-after");
        if (retryAfter == null || !(retryAfter.trim().matches("\\d+") || retryAfter.contains("GMT"))) {
            throw fail("JWKS-4", "a 503 must carry Retry-After (seconds or an HTTP date); got " + retryAfter);
        }
        if (!"temporarily_unavailable".equals(jsonBody(a, "JWKS-4").get("error"))) {
            throw fail("JWKS-4", "the 503 body must be {\"error\":\"temporarily_unavailable\",...}");
        }
        if (a.millis() > maxMillis) {
            throw fail(
                    "JWKS-4",
                    "the 503 must come within JWT_JWKS_TIMEOUT_MS + 1 s = " + maxMillis + " ms; took " + a.millis()
                            + " ms");
        }
    }

    /** The strings of a token that no error answer may contain. */
    public static String[] secretsOf(Token token, String compact) {
        List<String> secrets = new ArrayList<>(List.of(compact, token.subject()));
        for (String part : compact.split("\\.")) {
            if (part.length() >= 8) {
                secrets.add(part);
            }
        }
        return secrets.toArray(String[]::new);
    }

    /** The checks every negative answer gets (ANS-4 to ANS-7). */
    public static void negative(Answer a, String... secrets) {
        if (a.status() >= 200 && a.status() < 300) {
            throw fail("ANS-3", "this request must be rejected; it got " + a.status());
        }
        if (a.status() >= 500 && a.status() != 503) {
            throw fail("ANS-5", "a bad request is never a server error; got " + a.describe());
        }
        noCookie(a);
        String seen = a.everything();
        String lower = seen.toLowerCase(Locale.ROOT);
        for (String marker : List.of("exception", "\tat ", "at java.", "at org.", "at com.", "at io.")) {
            if (lower.contains(marker)) {
                throw fail(
                        "ANS-5",
                        "the answer looks like it contains a stack trace or exception (" + marker.trim() + ")");
            }
        }
        if (lower.contains("<html") || lower.contains("<!doctype")) {
            throw fail("ANS-8", "an error answer must not be an HTML page");
        }
        Matcher product = PRODUCT_VERSION.matcher(seen);
        if (product.find()) {
            throw fail(
                    "ANS-8",
                    "an error answer must not name the server or framework with its version (\"" + product.group()
                            + "\")");
        }
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 3 && seen.contains(secret)) {
                throw fail("ANS-4", "the answer echoes part of the token, a claim or a kid");
            }
        }
        Map<String, Object> body = jsonBody(a, "ANS-7");
        if (!(body.get("error") instanceof String)) {
            throw fail("ANS-7", "an error body must be a JSON object with a string \"error\" member");
        }
        checkDescription(body.get("error_description"), "body");
        String challenge = a.first("www-authenticate");
        if (challenge != null) {
            Map<String, String> bearer = challenges(a).get("bearer");
            if (bearer != null) {
                checkDescription(bearer.get("error_description"), "challenge");
            }
        }
    }

    private static void checkDescription(Object description, String where) {
        if (description == null) {
            return;
        }
        if (!(description instanceof String d)) {
            throw fail("ANS-4", "error_description in the " + where + " must be a string");
        }
        for (char c : d.toCharArray()) {
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                throw fail(
                        "ANS-4",
                        "error_description in the " + where
                                + " must be printable ASCII without \" or \\ (RFC 6750 §3)");
            }
        }
        String lower = d.toLowerCase(Locale.ROOT);
        for (String leak : List.of("jose4j", "nimbus", "org.", "java.", "com.", "decode the jwt", "{", "}")) {
            if (lower.contains(leak)) {
                throw fail("ANS-4", "error_description in the " + where + " must be generic, not a library message");
            }
        }
    }

    static void noCookie(Answer a) {
        if (!a.all("set-cookie").isEmpty()) {
            throw fail("ANS-6", "the API is stateless: no Set-Cookie");
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> jsonBody(Answer a, String requirement) {
        String type = a.first("content-type");
        if (type == null || !type.toLowerCase(Locale.ROOT).matches("application/([a-z.+-]+\\+)?json.*")) {
            throw fail(requirement, "the answer must be application/json; Content-Type was " + type);
        }
        Map<String, Object> body = Json.objectOrNull(a.body());
        if (body == null) {
            throw fail(requirement, "the body must be a JSON object");
        }
        return body;
    }

    private static Map<String, String> bearerChallenge(Answer a, String requirement) {
        if (a.all("www-authenticate").isEmpty()) {
            throw fail(requirement, "a 401 must carry WWW-Authenticate (RFC 6750 §3)");
        }
        Map<String, String> bearer = challenges(a).get("bearer");
        if (bearer == null) {
            throw fail(requirement, "WWW-Authenticate must hold a Bearer challenge; got " + a.all("www-authenticate"));
        }
        return bearer;
    }

    /** Parses every WWW-Authenticate header (RFC 9110 §11.6.1) into scheme (lower case) to parameters. */
    static Map<String, Map<String, String>> challenges(Answer a) {
        Map<String, Map<String, String>> result = new LinkedHashMap<>();
        for (String header : a.all("www-authenticate")) {
            try {
                new ChallengeParser(header).parseInto(result);
            } catch (IllegalArgumentException e) {
                throw fail("ANS-3", "WWW-Authenticate does not parse (" + e.getMessage() + "): " + header);
            }
        }
        return result;
    }

    static ContractFailure fail(String requirement, String message) {
        return new ContractFailure(requirement, message);
    }

    /**
     * challenge = auth-scheme [ 1*SP ( token68 / #auth-param ) ], auth-param = token BWS "=" BWS ( token /
     * quoted-string )
     */
    private static final class ChallengeParser {
        private static final String TCHAR = "!#$%&'*+-.^_`|~";
        private final String s;
        private int pos;

        ChallengeParser(String s) {
            this.s = s;
        }

        void parseInto(Map<String, Map<String, String>> out) {
            skip(" ,");
            while (pos < s.length()) {
                String scheme = token().toLowerCase(Locale.ROOT);
                Map<String, String> params = new LinkedHashMap<>();
                out.put(scheme, params);
                skip(" ");
                while (pos < s.length()) {
                    int mark = pos;
                    String name = token();
                    skip(" ");
                    if (pos >= s.length() || s.charAt(pos) != '=') {
                        pos = mark; // the next challenge's scheme
                        break;
                    }
                    pos++;
                    skip(" ");
                    String value = pos < s.length() && s.charAt(pos) == '"' ? quoted() : token();
                    if (params.put(name.toLowerCase(Locale.ROOT), value) != null) {
                        throw new IllegalArgumentException("parameter " + name + " twice");
                    }
                    skip(" ");
                    if (pos < s.length() && s.charAt(pos) != ',') {
                        throw new IllegalArgumentException("expected , at " + pos);
                    }
                    skip(" ,");
                }
                skip(" ,");
            }
        }

        private String token() {
            int start = pos;
            while (pos < s.length()
                    && (Character.isLetterOrDigit(s.charAt(pos)) && s.charAt(pos) < 128
                            || TCHAR.indexOf(s.charAt(pos)) >= 0)) {
                pos++;
            }
            if (start == pos) {
                throw new IllegalArgumentException("expected a token at " + pos);
            }
            return s.substring(start, pos);
        }

        private String quoted() {
            StringBuilder out = new StringBuilder();
            pos++;
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\' && pos < s.length()) {
                    c = s.charAt(pos++);
                }
                out.append(c);
            }
            throw new IllegalArgumentException("unterminated quoted string");
        }

        private void skip(String chars) {
            while (pos < s.length() && chars.indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
        }
    }
}
