package com.example.jwt.quarkus;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.jwt.Claim;
import io.quarkus.test.security.jwt.JwtSecurity;
import org.junit.jupiter.api.Test;

/**
 * How to test an endpoint of your own in Quarkus: {@code @QuarkusTest} starts the app, {@code @TestSecurity} with
 * {@code @JwtSecurity} stands in for a verified token (the JWT check itself is what ContractTest proves), and
 * RestAssured calls it. The test profile's settings are the {@code %test.} lines of application.properties.
 */
@QuarkusTest
class ProtectedResourceTest {

    @Test
    @TestSecurity(user = "alice")
    @JwtSecurity(claims = {@Claim(key = "sub", value = "alice"), @Claim(key = "scope", value = "read")})
    void aVerifiedCallerGetsTheClaims() {
        given().when()
                .get("/protected")
                .then()
                .statusCode(200)
                .body("message", is("Access granted"))
                .body("subject", is("alice"))
                .body("claims.scope", is("read"));
    }

    @Test
    void noTokenIsA401WithABearerChallengeInJson() {
        given().when()
                .get("/protected")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("error", is("unauthorized"));
    }

    @Test
    void anInvalidTokenIsA401InvalidToken() {
        given().header("Authorization", "Bearer not.a.jwt")
                .when()
                .get("/protected")
                .then()
                .statusCode(401)
                .body("error", is("invalid_token"));
    }

    @Test
    void healthIsOpen() {
        given().when().get("/health").then().statusCode(200).body("status", is("UP"));
    }
}
