package com.example.jwt.spring;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code /protected} behind JwtAuth's filter chain, in a web slice: spring-security-test's {@code jwt()} stands in for
 * a decoded token (its scope claim becomes SCOPE_ authorities, as for a real one), so no issuer is needed and nothing
 * is fetched.
 */
@WebMvcTest(
        controllers = ProtectedResource.class,
        properties = {
            "JWT_ISSUER=https://idp.example.com",
            "JWT_AUDIENCE=https://api.example.com",
            "JWT_REQUIRED_SCOPE=orders:read"
        })
@Import(JwtAuth.class)
class ProtectedResourceTest {
    @Autowired
    MockMvc mvc;

    @Test
    void aValidTokenGets200WithItsClaims() throws Exception {
        mvc.perform(get("/protected")
                        .with(jwt().jwt(token -> token.subject("alice")
                                .claim("scope", "orders:read")
                                .claim("tenant", "acme"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.message").value("Access granted"))
                .andExpect(jsonPath("$.subject").value("alice"))
                .andExpect(jsonPath("$.claims.sub").value("alice"))
                .andExpect(jsonPath("$.claims.tenant").value("acme"));
    }

    @Test
    void noTokenGets401() throws Exception {
        mvc.perform(get("/protected"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer"))
                .andExpect(jsonPath("$.error").value("unauthorized"));
    }

    @Test
    void aTokenWithoutTheRequiredScopeGets403() throws Exception {
        mvc.perform(get("/protected").with(jwt().jwt(token -> token.claim("scope", "orders:write"))))
                .andExpect(status().isForbidden())
                .andExpect(header().string(
                                "WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"orders:read\""))
                .andExpect(jsonPath("$.error").value("insufficient_scope"));
    }
}
