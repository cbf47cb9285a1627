package com.example.jwt.quarkus;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The {@code JsonWebToken} that Quarkus injects into a resource: the claims the jose4j verifier returned, as plain
 * Java values. Its groups, which Quarkus turns into roles for {@code @RolesAllowed}, are the token's scopes (from
 * {@code scope}, space-separated, or the {@code scp} array), as SmallRye JWT's {@code smallrye.jwt.path.groups=scope}
 * would map them.
 *
 * <p>The idiom: what the framework calls for the JWT check.
 *
 * <p>Contract: GW-3, ANS-1.
 */
record VerifiedToken(String rawToken, Map<String, Object> claims) implements JsonWebToken {

    @Override
    public String getName() {
        return claims.get("sub") instanceof String sub ? sub : "";
    }

    @Override
    public String getRawToken() {
        return rawToken;
    }

    @Override
    public Set<String> getClaimNames() {
        return claims.keySet();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String name) {
        return (T) claims.get(name);
    }

    @Override
    public Set<String> getAudience() {
        return claims.get("aud") instanceof List<?> list
                ? new LinkedHashSet<>(list.stream().map(String::valueOf).toList())
                : claims.get("aud") instanceof String aud ? Set.of(aud) : Set.of();
    }

    @Override
    public Set<String> getGroups() {
        Set<String> scopes = new LinkedHashSet<>();
        if (claims.get("scope") instanceof String scope) {
            scopes.addAll(List.of(scope.split(" ")));
        }
        if (claims.get("scp") instanceof List<?> scp) {
            scp.forEach(s -> scopes.add(String.valueOf(s)));
        }
        scopes.remove("");
        return scopes;
    }

    @Override
    public String toString() {
        return "VerifiedToken[sub=" + getName() + "]"; // never the token itself
    }
}
