package com.example.jwt.micronaut;

import com.example.jwt.nimbus.TokenVerifier;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecuredAnnotationRule;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.web.router.MethodBasedRouteMatch;
import java.util.Arrays;
import org.reactivestreams.Publisher;

/**
 * JWT_REQUIRED_SCOPE: a route {@code @Secured(IS_AUTHENTICATED)} also wants that scope among the token's, in
 * {@code scope} (space-separated) or {@code scp} (an array); else 403 (see {@link BearerAnswers}). A security rule
 * that runs just before Micronaut's {@link SecuredAnnotationRule}, which would otherwise let any valid token through.
 * Micronaut's documented way, roles read from one claim ({@code roles-name: scope}) named in {@code @Secured}, knows
 * neither a scope set at startup nor {@code scp}.
 *
 * <p>Contract: GW-3.
 */
final class RequiredScope implements SecurityRule<HttpRequest<?>> {
    private final String scope;

    /** @param scope JWT_REQUIRED_SCOPE, or null: any valid token will do */
    RequiredScope(String scope) {
        this.scope = scope;
    }

    @Override
    public Publisher<SecurityRuleResult> check(HttpRequest<?> request, Authentication authentication) {
        if (scope == null || authentication == null || TokenVerifier.hasScope(authentication.getAttributes(), scope)) {
            return Publishers.just(SecurityRuleResult.UNKNOWN);
        }
        boolean authenticatedRoute = request.getAttribute(HttpAttributes.ROUTE_MATCH, MethodBasedRouteMatch.class)
                .flatMap(route -> route.getValue(Secured.class, String[].class))
                .map(values -> Arrays.asList(values).contains(IS_AUTHENTICATED))
                .orElse(false);
        return Publishers.just(authenticatedRoute ? SecurityRuleResult.REJECTED : SecurityRuleResult.UNKNOWN);
    }

    @Override
    public int getOrder() {
        return SecuredAnnotationRule.ORDER - 1;
    }
}
