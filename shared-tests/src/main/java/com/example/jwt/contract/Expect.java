package com.example.jwt.contract;

import com.example.jwt.issuer.Json;
import com.example.jwt.issuer.Token;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks on the app's answers, each judged twice: its verdict (accepted, rejected, 503 in time, or hung / 5xx)
 * and, when the verdict is right, its form (the challenge, the JSON body, no cookie, no leak). Every failure names the
 * requirement of CONTRACT.md it breaks and its {@link Consequence}, and is recorded for the running case, which goes
 * on: a case reports every failure it finds. Every negative answer also gets the common checks of
 * {@link #negative}.
 */
public final class Expect {
    /** A server or framework name followed by a version: "Jetty:// 12.0.25", "Apache Tomcat/11.0.1", "Helidon 4.5". */
    private static final Pattern PRODUCT_VERSION = Pattern.compile("(?i)\\b(jetty|tomcat|helidon|javalin|dropwizard"
            + "|spring|jersey|netty|undertow|grizzly|vert\\.?x|quarkus|micronaut|node(\\.js)?|express)"
            + "\\W{0,5}v?\\d+\\.\\d+");

    private Expect() {}

    /** ANS-1: 200 with the JSON body {@code {"message":"Access granted","subject":...,"claims":{...}}}. */
    public static void accepted(Answer a, Token token) {
        accepted(a, token.algorithm(), token.subject(), String.valueOf(token.claimValue("iss")));
    }

    /** ANS-1 for a token minted elsewhere (a real issuer's): its alg, sub and iss are read from it. */
    public static void accepted(Answer a, String compact) {
        String[] parts = compact.split("\\.");
        Map<String, Object> header = Json.objectOrNull(decode(parts[0]));
        Map<String, Object> claims = parts.length > 1 ? Json.objectOrNull(decode(parts[1])) : null;
        if (header == null || claims == null || !(claims.get("sub") instanceof String sub)) {
            throw new IllegalArgumentException("not a JWT with a sub");
        }
        accepted(a, String.valueOf(header.get("alg")), sub, String.valueOf(claims.get("iss")));
    }

    private static String decode(String segment) {
        return new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8);
    }

    private static void accepted(Answer a, String algorithm, String subject, String issuer) {
        if (a.status() != 200) {
            Consequence c = a.status() >= 500
                    ? Consequence.FAILS_UNDER_FAULTS
                    : a.status() < 300 ? Consequence.ANSWER_FORM : Consequence.REFUSES_VALID;
            record(new Finding("ANS-1", c, "a valid token must be accepted with 200; got " + a.describe(), algorithm));
            return;
        }
        noCookie(a);
        Map<String, Object> body = jsonBody(a, "ANS-1");
        if (body == null) {
            return;
        }
        // The members' names, never their values: what answered, when it was not the protected resource.
        String members = " (the body's members: " + String.join(", ", body.keySet()) + ")";
        if (!"Access granted".equals(body.get("message"))) {
            form("ANS-1", "body.message must be \"Access granted\"" + members);
        }
        if (!subject.equals(body.get("subject"))) {
            form("ANS-1", "body.subject must be the token's sub" + members);
        }
        if (!(body.get("claims") instanceof Map<?, ?> claims)
                || !subject.equals(claims.get("sub"))
                || !issuer.equals(claims.get("iss"))) {
            form("ANS-1", "body.claims must be an object holding the token's claims (sub, iss)" + members);
        }
    }

    /**
     * A 200 for a token whose claims may hold JSON too deep or too large to read back: JSON, "Access granted", the
     * token's subject, no cookie; the claims themselves are not parsed.
     */
    public static void acceptedShallow(Answer a, Token token) {
        noCookie(a);
        String type = a.first("content-type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            form("ANS-1", "the answer must be application/json; Content-Type was " + type);
        }
        if (!a.body().contains("\"Access granted\"") || !a.body().contains("\"" + token.subject() + "\"")) {
            form("ANS-1", "a 200 must say \"Access granted\" and carry the token's subject");
        }
    }

    /** ANS-2: no credentials: 401 with a Bearer challenge that carries no error code. */
    public static void noCredentials(Answer a, String... secrets) {
        if (!rejected(a, "ANS-2", "a request without Bearer credentials")) {
            return;
        }
        negative(a, secrets);
        if (a.status() != 401) {
            form("ANS-2", "a request without Bearer credentials must get 401; got " + a.describe());
        }
        Map<String, String> bearer = bearerChallenge(a, "ANS-2");
        if (bearer != null && bearer.containsKey("error")) {
            form(
                    "ANS-2",
                    "the challenge of a request without credentials must not carry an error code "
                            + "(RFC 6750 §3.1); got error=" + bearer.get("error"));
        }
    }

    /** ANS-3: an invalid token: 401, {@code error="invalid_token"} in the challenge and in the JSON body. */
    public static void invalidToken(Answer a, String... secrets) {
        invalidToken(a, "this request", secrets);
    }

    private static void invalidToken(Answer a, String what, String... secrets) {
        if (!rejected(a, "ANS-3", what)) {
            return;
        }
        negative(a, secrets);
        if (a.status() != 401) {
            form("ANS-3", "an invalid token must get 401; got " + a.describe());
        }
        Map<String, String> bearer = bearerChallenge(a, "ANS-3");
        if (bearer != null && !"invalid_token".equals(bearer.get("error"))) {
            form("ANS-3", "the challenge must carry error=\"invalid_token\"; got " + bearer);
        }
        Map<String, Object> body = jsonBody(a, "ANS-3");
        if (body != null && !"invalid_token".equals(body.get("error"))) {
            form("ANS-3", "the JSON body's error must be \"invalid_token\"");
        }
    }

    /** An invalid token, naming its parts as secrets. */
    public static void invalidToken(Answer a, Token token, String compact) {
        invalidToken(
                a, "a token with alg " + token.algorithm() + " (kid " + token.kid() + ")", secretsOf(token, compact));
    }

    /** BRR-3: malformed credentials: 400 {@code invalid_request} or 401 {@code invalid_token}. */
    public static void malformed(Answer a, String... secrets) {
        if (!rejected(a, "BRR-3", "malformed credentials")) {
            return;
        }
        negative(a, secrets);
        String expected = switch (a.status()) {
            case 400 -> "invalid_request";
            case 401 -> "invalid_token";
            default -> null;
        };
        if (expected == null) {
            form("BRR-3", "malformed credentials must get 400 or 401; got " + a.describe());
            return;
        }
        Map<String, String> bearer = bearerChallenge(a, "BRR-3");
        Map<String, Object> body = jsonBody(a, "BRR-3");
        if (bearer != null
                && body != null
                && (!expected.equals(bearer.get("error")) || !expected.equals(body.get("error")))) {
            form(
                    "BRR-3",
                    "a " + a.status() + " must carry error=\"" + expected + "\" in the challenge and the body; got "
                            + a.describe());
        }
    }

    /** BRR-4: more than one credential is ambiguous: 400 {@code invalid_request}, whatever the copies hold. */
    public static void ambiguous(Answer a, String... secrets) {
        if (!rejected(a, "BRR-4", "a request carrying the token header more than once")) {
            return;
        }
        negative(a, secrets);
        if (a.status() != 400) {
            form(
                    "BRR-4",
                    "a request carrying the token header more than once must get 400 invalid_request; got "
                            + a.describe());
            return;
        }
        Map<String, String> bearer = bearerChallenge(a, "BRR-4");
        Map<String, Object> body = jsonBody(a, "BRR-4");
        if (bearer != null
                && body != null
                && (!"invalid_request".equals(bearer.get("error")) || !"invalid_request".equals(body.get("error")))) {
            form(
                    "BRR-4",
                    "a 400 must carry error=\"invalid_request\" in the challenge and the body; got " + a.describe());
        }
    }

    /**
     * A request the app must refuse with one of these statuses, with the checks of every negative answer; a failure
     * names {@code requirement} and says what was sent. Reaching the protected handler lets the request through.
     */
    public static void refused(Answer a, String requirement, String what, Set<Integer> statuses, String... secrets) {
        if (a.body().contains("Access granted")) {
            record(requirement, Consequence.LETS_THROUGH, what + " reached the protected handler: " + a.status());
            return;
        }
        if (a.status() >= 500) {
            record(requirement, Consequence.FAILS_UNDER_FAULTS, what + " must be refused, not " + a.describe());
            return;
        }
        if (!statuses.contains(a.status())) {
            form(requirement, what + " must get one of " + new TreeSet<>(statuses) + "; got " + a.describe());
        }
        Findings.within(requirement, what, () -> negative(a, secrets));
    }

    /** GW-3: a valid token without the required scope: 403 and an insufficient_scope challenge naming the scope. */
    public static void insufficientScope(Answer a, String scope, String... secrets) {
        if (!rejected(a, "GW-3", "a valid token without the required scope")) {
            return;
        }
        negative(a, secrets);
        if (a.status() != 403) {
            form("GW-3", "a valid token without the required scope must get 403; got " + a.describe());
        }
        Map<String, String> bearer = bearerChallenge(a, "GW-3");
        if (bearer != null
                && (!"insufficient_scope".equals(bearer.get("error")) || !scope.equals(bearer.get("scope")))) {
            form(
                    "GW-3",
                    "the challenge must carry error=\"insufficient_scope\" and scope=\"" + scope + "\"; got " + bearer);
        }
        Map<String, Object> body = jsonBody(a, "GW-3");
        if (body != null && !"insufficient_scope".equals(body.get("error"))) {
            form("GW-3", "the JSON body's error must be \"insufficient_scope\"");
        }
    }

    /**
     * JWKS-4: keys cannot be had: 503 within the bound, Retry-After, JSON temporarily_unavailable. Anything else while
     * the issuer fails is a failure under issuer faults (or lets the token through).
     */
    public static void unavailable(Answer a, long maxMillis, String... secrets) {
        if (a.status() >= 200 && a.status() < 300) {
            record(
                    "JWKS-4",
                    Consequence.LETS_THROUGH,
                    "a token whose keys cannot be fetched was accepted: " + a.status());
            return;
        }
        if (a.status() == 503) {
            Margins.note("JWKS-4", a.millis(), maxMillis);
        }
        if (a.status() != 503) {
            record(
                    "JWKS-4",
                    Consequence.FAILS_UNDER_FAULTS,
                    "when the JWKS cannot be fetched and no cached key fits, the answer must be 503; got "
                            + a.describe());
            return;
        }
        if (a.millis() > maxMillis) {
            record(
                    "JWKS-4",
                    Consequence.FAILS_UNDER_FAULTS,
                    "the 503 must come within JWT_JWKS_TIMEOUT_MS + 1 s = " + maxMillis + " ms; took " + a.millis()
                            + " ms");
        }
        negative(a, secrets);
        String retryAfter = a.first("retry-after");
        if (retryAfter == null || !(retryAfter.trim().matches("\\d+") || retryAfter.contains("GMT"))) {
            form("JWKS-4", "a 503 must carry Retry-After (seconds or an HTTP date); got " + retryAfter);
        }
        Map<String, Object> body = jsonBody(a, "JWKS-4");
        if (body != null && !"temporarily_unavailable".equals(body.get("error"))) {
            form("JWKS-4", "the 503 body must be {\"error\":\"temporarily_unavailable\",...}");
        }
    }

    /**
     * The verdict of an answer that must be a refusal: false (and recorded) when it was let through (2xx) or failed
     * (5xx, 503 included: a refusal needs no keys from the issuer).
     */
    private static boolean rejected(Answer a, String requirement, String what) {
        if (a.status() >= 200 && a.status() < 300) {
            record(requirement, Consequence.LETS_THROUGH, what + " must be rejected; it got " + a.status());
            return false;
        }
        if (a.status() >= 500) {
            record(
                    a.status() == 503 ? requirement : "ANS-5",
                    Consequence.FAILS_UNDER_FAULTS,
                    what + " must be rejected (4xx), never a server error; got " + a.describe());
            return false;
        }
        return true;
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

    /**
     * The checks every refusal gets, on its form (ANS-4 to ANS-8): no cookie, no stack trace, no HTML page, no server
     * version, nothing of the token echoed, a JSON body with a string {@code error}, generic descriptions.
     */
    public static void negative(Answer a, String... secrets) {
        noCookie(a);
        String seen = a.everything();
        String lower = seen.toLowerCase(Locale.ROOT);
        for (String marker : List.of("exception", "\tat ", "at java.", "at org.", "at com.", "at io.")) {
            if (lower.contains(marker)) {
                form("ANS-5", "the answer looks like it contains a stack trace or exception (" + marker.trim() + ")");
                break;
            }
        }
        if (lower.contains("<html") || lower.contains("<!doctype")) {
            form("ANS-8", "an error answer must not be an HTML page");
        }
        Matcher product = PRODUCT_VERSION.matcher(seen);
        if (product.find()) {
            form(
                    "ANS-8",
                    "an error answer must not name the server or framework with its version (\"" + product.group()
                            + "\")");
        }
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 3 && seen.contains(secret)) {
                form("ANS-4", "the answer echoes part of the token, a claim or a kid");
                break;
            }
        }
        Map<String, Object> body = jsonBody(a, "ANS-7");
        if (body == null) {
            return;
        }
        if (!(body.get("error") instanceof String)) {
            form("ANS-7", "an error body must be a JSON object with a string \"error\" member");
        }
        checkDescription(body.get("error_description"), "body");
        if (a.first("www-authenticate") != null) {
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
            form("ANS-4", "error_description in the " + where + " must be a string");
            return;
        }
        for (char c : d.toCharArray()) {
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                form(
                        "ANS-4",
                        "error_description in the " + where
                                + " must be printable ASCII without \" or \\ (RFC 6750 §3)");
                return;
            }
        }
        String lower = d.toLowerCase(Locale.ROOT);
        for (String leak : List.of("jose4j", "nimbus", "org.", "java.", "com.", "decode the jwt", "{", "}")) {
            if (lower.contains(leak)) {
                form("ANS-4", "error_description in the " + where + " must be generic, not a library message");
                return;
            }
        }
    }

    static void noCookie(Answer a) {
        if (!a.all("set-cookie").isEmpty()) {
            form("ANS-6", "the API is stateless: no Set-Cookie");
        }
    }

    /** The JSON object of the body, or null (recorded) when the answer is not one. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> jsonBody(Answer a, String requirement) {
        String type = a.first("content-type");
        if (type == null || !type.toLowerCase(Locale.ROOT).matches("application/([a-z.+-]+\\+)?json.*")) {
            form(requirement, "the answer must be application/json; Content-Type was " + type);
            return null;
        }
        Map<String, Object> body = Json.objectOrNull(a.body());
        if (body == null) {
            form(requirement, "the body must be a JSON object");
        }
        return body;
    }

    /** The Bearer challenge's parameters, or null (recorded) when there is none. */
    private static Map<String, String> bearerChallenge(Answer a, String requirement) {
        if (a.all("www-authenticate").isEmpty()) {
            form(requirement, "a " + a.status() + " must carry WWW-Authenticate (RFC 6750 §3)");
            return null;
        }
        Map<String, String> bearer = challenges(a).get("bearer");
        if (bearer == null) {
            form(requirement, "WWW-Authenticate must hold a Bearer challenge; got " + a.all("www-authenticate"));
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
                form("ANS-3", "WWW-Authenticate does not parse (" + e.getMessage() + "): " + header);
            }
        }
        return result;
    }

    /** Records a failure of the answer's form: its status class was right. */
    static void form(String requirement, String message) {
        record(requirement, Consequence.ANSWER_FORM, message);
    }

    /** Records a failure of the running case (see {@link Findings}). */
    static void record(String requirement, Consequence consequence, String message) {
        record(new Finding(requirement, consequence, message));
    }

    static void record(Finding finding) {
        Findings.record(finding);
    }

    /** A failure that ends the case: what follows would make no sense after it. */
    static ContractFailure fail(String requirement, Consequence consequence, String message) {
        return new ContractFailure(requirement, consequence, message);
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
