package org.myoline.rules;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.myoline.TestData;
import org.myoline.contract.ApiTest;

@QuarkusTest
class RulesResourceTest implements ApiTest {

    @Test
    void theRulesInForceWithTheirSourcesAndVersion() {
        given().when().get("/api/v1/rules").then().statusCode(200)
                .body("version", matchesPattern("2026\\.12\\.1/[0-9a-f]{12}"))
                .body("defaultDefinition", equalTo("RIM"))
                .body("rules.rule", hasItems("GC-RESISTANT", "REFRACTORY-RIM", "MULTI-REFRACTORY", "MOD-STEROID-SPARING"))
                .body("rules.find { it.rule == 'GC-RESISTANT' }.params.minDays", equalTo(28))
                .body("rules.find { it.rule == 'REFRACTORY-STRICT' }.definition", equalTo("STRICT"))
                .body("drugs.find { it.code == 'methotrexate' }.adequateTrial.minDays", equalTo(84))
                .body("overlays.size()", equalTo(0));
    }

    @Test
    void everyAnswerCarriesTheSameVersion() {
        String version = given().when().get("/api/v1/rules").then().statusCode(200).extract().path("version");
        String patient = TestData.createPatient();
        given().when().get("/api/v1/patients/" + patient + "/assessment").then().statusCode(200)
                .body("rulesVersion", equalTo(version));
        given().when().get("/api/v1/patients/" + patient + "/timeline").then().statusCode(200)
                .body("rulesVersion", equalTo(version));
    }

    @Test
    void noSourceNamesAFileOutsideTheRepository() {
        JsonPath rules = given().when().get("/api/v1/rules").then().statusCode(200).extract().jsonPath();
        List<String> sources = rules.getList("rules.source");
        List<String> trials = rules.getList("drugs.adequateTrial.source");
        assertEquals(RulesLoader.loadDefault().rules().all().size(), sources.size());
        for (String source : sources) {
            assertFalse(source.contains("domain.md") || source.contains("../"), source);
        }
        for (String source : trials) {
            assertFalse(source != null && (source.contains("domain.md") || source.contains("../")), source);
        }
    }
}
