package org.myoline.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPairGenerator;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.myoline.TestData;
import org.myoline.contract.ApiTest;
import org.myoline.contract.DefaultTokenFilter;

/** Every /api/v1 endpoint needs a valid token; roles decide reads and writes; health and docs stay open. */
@QuarkusTest
class AccessControlTest implements ApiTest {

    @jakarta.inject.Inject
    TokenPrincipalFactory tokens;

    /** The service verifies a token once and then reuses the verification (TokenCacheTest covers the rules). */
    @Test
    void theServiceRemembersAVerifiedToken() throws Exception {
        String token = Jwt.issuer(TestTokens.ISSUER).subject("cache-" + java.util.UUID.randomUUID()).groups(Set.of("viewer"))
                .expiresIn(600).sign(io.smallrye.jwt.util.KeyUtils.readPrivateKey("/dev-keys/privateKey.pem"));
        int before = tokens.size();
        given().header("Authorization", "Bearer " + token).when().get("/api/v1/drugs").then().statusCode(200);
        int after = tokens.size();
        given().header("Authorization", "Bearer " + token).when().get("/api/v1/drugs").then().statusCode(200);
        org.junit.jupiter.api.Assertions.assertEquals(before + 1, after, "the token was remembered");
        org.junit.jupiter.api.Assertions.assertEquals(after, tokens.size(), "and used again, not added twice");
    }

    @ParameterizedTest(name = "{0} {1} without a token")
    @CsvSource({"GET,/api/v1/patients", "GET,/api/v1/drugs", "POST,/api/v1/patients",
            "GET,/api/v1/patients/6d1c3a9e-0000-4000-8000-000000000031/assessment",
            "DELETE,/api/v1/patients/6d1c3a9e-0000-4000-8000-000000000031"})
    void noTokenIs401Problem(String method, String path) {
        given().header(DefaultTokenFilter.AS, "anonymous").contentType(ContentType.JSON).body("{}")
                .when().request(method, path)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer"))
                .body("type", equalTo("urn:myoline:problem:unauthorized"));
    }

    @Test
    void forgedExpiredOrForeignTokensAre401() throws Exception {
        var otherKey = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        String forged = Jwt.issuer(TestTokens.ISSUER).subject("mallory").groups(Set.of("clinician")).sign(otherKey);
        String foreignIssuer = Jwt.issuer("someone-else").subject("eve").groups(Set.of("clinician")).sign(
                io.smallrye.jwt.util.KeyUtils.readPrivateKey("/dev-keys/privateKey.pem"));
        String expired = Jwt.issuer(TestTokens.ISSUER).subject("old").groups(Set.of("clinician"))
                .issuedAt(1_600_000_000L).expiresAt(1_600_000_600L)
                .sign(io.smallrye.jwt.util.KeyUtils.readPrivateKey("/dev-keys/privateKey.pem"));
        for (String token : new String[] {forged, foreignIssuer, expired, "not-a-jwt"}) {
            given().header("Authorization", "Bearer " + token).when().get("/api/v1/patients")
                    .then().statusCode(401).contentType("application/problem+json");
        }
    }

    @Test
    void viewerReadsButCannotWrite() {
        String patient = TestData.createPatient();
        given().header(DefaultTokenFilter.AS, "viewer").when().get("/api/v1/patients/{id}", patient).then().statusCode(200);
        given().header(DefaultTokenFilter.AS, "viewer").when().get("/api/v1/patients/{id}/assessment", patient)
                .then().statusCode(200);
        given().header(DefaultTokenFilter.AS, "viewer").contentType(ContentType.JSON)
                .body(TestData.patientJson(TestData.uniqueMrn()))
                .when().post("/api/v1/patients")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:myoline:problem:forbidden"));
        given().header(DefaultTokenFilter.AS, "viewer").contentType(ContentType.JSON)
                .body(TestData.episodeJson("methotrexate", "2021-01-01", null))
                .when().post("/api/v1/patients/{id}/episodes", patient).then().statusCode(403);
        given().header(DefaultTokenFilter.AS, "viewer").header("If-Match", "\"0\"")
                .when().delete("/api/v1/patients/{id}", patient).then().statusCode(403);
        given().when().get("/api/v1/patients/{id}", patient).then().statusCode(200);
    }

    @Test
    void integrationAndClinicianWrite() {
        given().header(DefaultTokenFilter.AS, "integration").contentType(ContentType.JSON)
                .body(TestData.patientJson(TestData.uniqueMrn()))
                .when().post("/api/v1/patients").then().statusCode(201);
        given().header(DefaultTokenFilter.AS, "clinician").contentType(ContentType.JSON)
                .body(TestData.patientJson(TestData.uniqueMrn()))
                .when().post("/api/v1/patients").then().statusCode(201);
    }

    @Test
    void aTokenWithoutARoleIsForbiddenEverywhere() {
        given().header(DefaultTokenFilter.AS, "norole").when().get("/api/v1/patients").then().statusCode(403);
        given().header(DefaultTokenFilter.AS, "norole").when().get("/api/v1/drugs").then().statusCode(403);
    }

    @Test
    void healthOpenApiAndSwaggerUiStayOpen() {
        given().header(DefaultTokenFilter.AS, "anonymous").when().get("/q/health/ready").then().statusCode(200);
        given().header(DefaultTokenFilter.AS, "anonymous").when().get("/q/openapi").then().statusCode(200);
        given().header(DefaultTokenFilter.AS, "anonymous").when().get("/q/swagger-ui/").then().statusCode(200);
    }
}
