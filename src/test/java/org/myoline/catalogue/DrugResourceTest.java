package org.myoline.catalogue;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import org.myoline.contract.ApiTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DrugResourceTest implements ApiTest {

    @Test
    void catalogueListsEveryAgentTheBriefNames() {
        given().when().get("/api/v1/drugs")
                .then().statusCode(200)
                .body("code", hasItems("prednisone", "prednisolone", "methylprednisolone", "methotrexate",
                        "azathioprine", "mycophenolate", "ciclosporin", "tacrolimus", "cyclophosphamide",
                        "chlorambucil", "hydroxychloroquine", "ivig", "rituximab", "efalizumab", "infliximab",
                        "etanercept", "adalimumab", "tofacitinib", "thalidomide", "sodium-thiosulfate",
                        "aluminium-hydroxide", "magnesium-hydroxide", "upadacitinib", "baricitinib", "ruxolitinib",
                        "topical-pimecrolimus", "bisphosphonate", "diltiazem", "probenecid"));
    }

    @Test
    void drugCarriesCodesTierAndWithdrawnFlag() {
        given().when().get("/api/v1/drugs/rituximab")
                .then().statusCode(200)
                .body("tier", equalTo(5))
                .body("atc.code", hasItems("L01FA01", "L01XC02"))
                .body("rxnormIngredient.code", equalTo("121191"))
                .body("rxnormIngredient.evidence", equalTo("V"))
                .body("withdrawn", equalTo(false));
        given().when().get("/api/v1/drugs/efalizumab")
                .then().statusCode(200).body("withdrawn", equalTo(true));
        given().when().get("/api/v1/drugs/sodium-thiosulfate")
                .then().statusCode(200).body("track", equalTo("CALCINOSIS")).body("role", equalTo("BACKGROUND"));
    }

    @Test
    void unknownDrugIs404Problem() {
        given().when().get("/api/v1/drugs/unobtainium")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:myoline:problem:not-found"));
    }
}
