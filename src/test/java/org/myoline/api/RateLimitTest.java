package org.myoline.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.myoline.contract.ApiTest;

/** With a rate set, a caller past it gets 429 with Retry-After; another caller and the health probes do not. */
@QuarkusTest
@TestProfile(RateLimitTest.FivePerSecond.class)
class RateLimitTest implements ApiTest {

    public static class FivePerSecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("myoline.http.rate-limit", "5");
        }
    }

    @Test
    void aCallerPastItsRateGets429WithRetryAfter() {
        int limited = 0;
        for (int i = 0; i < 40 && limited == 0; i++) {
            Response r = given().when().get("/api/v1/drugs/methotrexate");
            if (r.statusCode() == 429) {
                limited++;
                assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
                assertTrue(r.header("Retry-After") != null, "Retry-After");
                assertTrue(r.asString().contains("urn:myoline:problem:too-many-requests"), r.asString());
            } else {
                assertTrue(r.statusCode() == 200, "status " + r.statusCode());
            }
        }
        assertTrue(limited > 0, "40 requests in a row passed a limit of 5 a second");
        given().header(org.myoline.contract.DefaultTokenFilter.AS, "viewer").when().get("/api/v1/drugs/methotrexate")
                .then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(200);
    }
}
