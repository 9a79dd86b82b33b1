package org.myoline.cdshooks;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.myoline.TestData;
import org.myoline.contract.ApiTest;
import org.myoline.contract.DefaultTokenFilter;
import org.myoline.fixtures.SeedFixture;

@QuarkusTest
class CdsHooksTest implements ApiTest {

    private static String call(String mrn) {
        return """
                {"hook":"patient-view","hookInstance":"%s","context":{"userId":"Practitioner/1","patientId":"ehr-42"},
                 "prefetch":{"patient":{"resourceType":"Patient","id":"ehr-42","identifier":[
                   {"system":"urn:oid:1.2.3","value":"other-id"},
                   {"type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0203","code":"MR"}]},
                    "system":"urn:oid:1.2.36.146.595.217.0.1","value":"%s"}]}}}""".formatted(UUID.randomUUID(), mrn);
    }

    @Test
    void discoveryIsOpenAndNamesTheService() {
        given().header(DefaultTokenFilter.AS, "anonymous").when().get("/cds-services")
                .then().statusCode(200)
                .body("services[0].id", equalTo("myoline-refractoriness"))
                .body("services[0].hook", equalTo("patient-view"))
                .body("services[0].prefetch.patient", equalTo("Patient/{{context.patientId}}"));
    }

    @Test
    void seedPatientGetsARefractorinessCard() {
        String mrn = TestData.uniqueMrn();
        String id = TestData.enter(SeedFixture.load("seed-002-rituximab.json"), mrn).patientId();
        given().contentType(ContentType.JSON).body(call(mrn)).when().post("/cds-services/myoline-refractoriness")
                .then().statusCode(200)
                .body("cards", hasSize(1))
                .body("cards[0].summary", startsWith("Multi-refractory (RIM-like)"))
                .body("cards[0].summary.length()", lessThan(140))
                .body("cards[0].indicator", equalTo("warning"))
                .body("cards[0].source.label", startsWith("Myoline rules "))
                .body("cards[0].detail", containsString("rituximab"))
                .body("cards[0].summary", containsString(". Escalation "))
                .body("cards[0].detail", containsString("**Escalation "))
                .body("cards[0].links[0].url", containsString("/api/v1/patients/" + id + "/timeline"));
    }

    @Test
    void unknownPatientGetsNoCard() {
        given().contentType(ContentType.JSON).body(call("NOBODY-" + UUID.randomUUID().toString().substring(0, 8)))
                .when().post("/cds-services/myoline-refractoriness")
                .then().statusCode(200).body("cards", hasSize(0));
    }

    @Test
    void missingPrefetchIs412AndWrongHookIs400() {
        given().contentType(ContentType.JSON)
                .body("{\"hook\":\"patient-view\",\"hookInstance\":\"" + UUID.randomUUID() + "\",\"context\":{\"patientId\":\"1\"}}")
                .when().post("/cds-services/myoline-refractoriness")
                .then().statusCode(412).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(call("X").replace("patient-view", "order-select"))
                .when().post("/cds-services/myoline-refractoriness")
                .then().statusCode(400);
        given().header(DefaultTokenFilter.AS, "anonymous").contentType(ContentType.JSON).body(call("X"))
                .when().post("/cds-services/myoline-refractoriness")
                .then().statusCode(401);
    }
}
