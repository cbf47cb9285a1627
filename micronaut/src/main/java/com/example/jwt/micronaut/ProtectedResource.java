package com.example.jwt.micronaut;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/** The two endpoints. Micronaut Security has verified the token before {@link #protectedResource} runs. */
@Controller
class ProtectedResource {
    @Serdeable
    record Health(String status) {}

    @Serdeable
    record Granted(String message, String subject, Map<String, Object> claims) {}

    @Get("/health")
    @Secured(SecurityRule.IS_ANONYMOUS)
    Health health() {
        return new Health("UP");
    }

    @Get("/protected")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    Granted protectedResource(Authentication authentication) {
        return new Granted("Access granted", authentication.getName(), authentication.getAttributes()); // as sent
    }
}
