package org.myoline.patient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.HashSet;
import java.util.Collections;
import java.util.ArrayList;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.myoline.contract.ApiTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.myoline.TestData;

@QuarkusTest
class PatientResourceTest implements ApiTest {

    @Test
    void createReturns201WithLocationEtagAndBody() {
        String mrn = TestData.uniqueMrn();
        String id = given().contentType(ContentType.JSON).body(TestData.patientJson(mrn))
                .when().post("/api/v1/patients")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/patients/"))
                .header("ETag", equalTo("\"0\""))
                .body("mrn", equalTo(mrn))
                .body("sex", equalTo("female"))
                .body("subtype", equalTo("CLASSIC"))
                .body("features", contains("SKIN", "MUSCLE"))
                .body("weightKg", equalTo(62.5f))
                .body("version", equalTo(0))
                .extract().path("id");

        given().when().get("/api/v1/patients/{id}", id)
                .then().statusCode(200)
                .header("ETag", equalTo("\"0\""))
                .body("id", equalTo(id))
                .body("birthDate", equalTo("1960-05-01"))
                .body("diagnosisDate", equalTo("2020-01-10"));
    }

    @Test
    void locationHeaderPointsAtTheCreatedPatient() {
        String location = given().contentType(ContentType.JSON).body(TestData.patientJson(TestData.uniqueMrn()))
                .when().post("/api/v1/patients")
                .then().statusCode(201).extract().header("Location");
        String id = given().when().get(location).then().statusCode(200).extract().path("id");
        org.junit.jupiter.api.Assertions.assertTrue(location.endsWith(id));
    }

    /** Pages chosen by an index subquery must still tile the whole list: in MRN order, each patient once. */
    @Test
    void walkingEveryPageVisitsEveryPatientOnceInMrnOrder() {
        for (int i = 0; i < 5; i++) {
            TestData.createPatient();
        }
        long total = given().when().get("/api/v1/patients").then().statusCode(200).extract().jsonPath().getLong("totalItems");
        List<String> seen = new ArrayList<>();
        for (int page = 0; page * 7L < total; page++) {
            seen.addAll(given().queryParam("size", 7).queryParam("page", page).when().get("/api/v1/patients")
                    .then().statusCode(200).extract().jsonPath().getList("items.mrn", String.class));
        }
        assertEquals(total, seen.size());
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no patient on two pages");
        List<String> sorted = new ArrayList<>(seen);
        Collections.sort(sorted);
        assertEquals(sorted, seen, "MRN order across pages");
    }

    @Test
    void listIsPagedAndFiltersByMrn() {
        String mrn = TestData.uniqueMrn();
        TestData.createPatient(TestData.patientJson(mrn));
        TestData.createPatient();
        TestData.createPatient();

        given().queryParam("mrn", mrn).when().get("/api/v1/patients")
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].mrn", equalTo(mrn))
                .body("totalItems", equalTo(1))
                .body("totalPages", equalTo(1));

        given().queryParam("size", 2).queryParam("page", 0).when().get("/api/v1/patients")
                .then().statusCode(200)
                .body("items", hasSize(2))
                .body("size", equalTo(2))
                .body("page", equalTo(0));

        given().queryParam("size", 201).when().get("/api/v1/patients")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("size"));
        given().queryParam("page", -1).when().get("/api/v1/patients")
                .then().statusCode(400)
                .body("errors.field", hasItem("page"));
    }

    @Test
    void replaceChangesFieldsAndBumpsVersion() {
        String mrn = TestData.uniqueMrn();
        String id = TestData.createPatient(TestData.patientJson(mrn));
        String changed = TestData.patientJson(mrn).replace("CLASSIC", "AMYOPATHIC").replace("[\"SKIN\",\"MUSCLE\"]", "[\"SKIN\"]");
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(changed)
                .when().put("/api/v1/patients/{id}", id)
                .then().statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("subtype", equalTo("AMYOPATHIC"))
                .body("features", contains("SKIN"))
                .body("version", equalTo(1));
    }

    /**
     * A read answers exactly what the last write answered (the read has its own one-statement path): features since
     * diagnosis and dated ones present today, a resolved one left out, subtype conversions in order, decimals,
     * timestamps and the version.
     */
    @Test
    void aReadShowsThePatientExactlyAsTheLastWriteReturnedIt() {
        String mrn = TestData.uniqueMrn();
        String id = TestData.createPatient(TestData.patientJson(mrn).replace("62.5", "61.20"));
        String base = "/api/v1/patients/" + id;
        given().contentType(ContentType.JSON).body("{\"feature\":\"DYSPHAGIA\",\"onset\":\"2021-03-04\"}")
                .when().post(base + "/features").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"feature\":\"ILD\",\"onset\":\"2021-01-04\",\"resolved\":\"2022-01-01\"}")
                .when().post(base + "/features").then().statusCode(201);
        String written = null;
        String[][] conversions = {{"AMYOPATHIC", "2022-05-01"}, {"CLASSIC", "2023-07-09"}};
        for (String[] to : conversions) {
            String etag = given().when().get(base).then().statusCode(200).extract().header("ETag");
            String body = TestData.patientJson(mrn).replace("62.5", "61.20").replace("\"CLASSIC\"", "\"" + to[0] + "\"")
                    .replace("\"heightCm\":160", "\"heightCm\":160.50,\"subtypeSince\":\"" + to[1] + "\"");
            written = given().contentType(ContentType.JSON).header("If-Match", etag).body(body).when().put(base)
                    .then().statusCode(200).extract().asString();
        }
        String raw = given().when().get(base).then().statusCode(200).extract().asString();
        io.restassured.path.json.JsonPath read = new io.restassured.path.json.JsonPath(raw);
        io.restassured.path.json.JsonPath wrote = new io.restassured.path.json.JsonPath(written);
        assertEquals(wrote.getMap(""), read.getMap(""), "the read equals the write's answer");
        assertEquals(List.of("SKIN", "MUSCLE", "DYSPHAGIA"), read.getList("features"));
        assertEquals(2, read.getList("subtypeHistory").size());
        // As written on the wire: 61.20 sent is 61.2 answered by the write and by the read alike.
        assertTrue(written.contains("\"weightKg\":61.2,") && raw.contains("\"weightKg\":61.2,"), raw);
        assertTrue(written.contains("\"heightCm\":160.5,") && raw.contains("\"heightCm\":160.5,"), raw);
        assertEquals("2023-07-09", read.getString("subtypeSince"));
    }

    @Test
    void replaceWithoutIfMatchIs428AndChangesNothing() {
        String mrn = TestData.uniqueMrn();
        String id = TestData.createPatient(TestData.patientJson(mrn));
        given().contentType(ContentType.JSON).body(TestData.patientJson(mrn).replace("CLASSIC", "JUVENILE"))
                .when().put("/api/v1/patients/{id}", id)
                .then().statusCode(428).contentType("application/problem+json");
        given().when().get("/api/v1/patients/{id}", id).then().body("subtype", equalTo("CLASSIC")).body("version", equalTo(0));
    }

    @Test
    void staleIfMatchIsRejectedWith412AndChangesNothing() {
        String mrn = TestData.uniqueMrn();
        String id = TestData.createPatient(TestData.patientJson(mrn));
        given().contentType(ContentType.JSON).header("If-Match", "\"7\"")
                .body(TestData.patientJson(mrn).replace("CLASSIC", "JUVENILE"))
                .when().put("/api/v1/patients/{id}", id)
                .then().statusCode(412)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:myoline:problem:precondition-failed"));
        given().when().get("/api/v1/patients/{id}", id).then().body("subtype", equalTo("CLASSIC"));
        given().header("If-Match", "\"3\"").when().delete("/api/v1/patients/{id}", id).then().statusCode(412);
        given().when().get("/api/v1/patients/{id}", id).then().statusCode(200);
    }

    @Test
    void duplicateMrnIs409OnCreateAndOnReplace() {
        String mrn = TestData.uniqueMrn();
        TestData.createPatient(TestData.patientJson(mrn));
        given().contentType(ContentType.JSON).body(TestData.patientJson(mrn))
                .when().post("/api/v1/patients")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:myoline:problem:conflict"))
                .body("status", equalTo(409))
                .body("detail", containsString(mrn));

        String other = TestData.createPatient();
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(TestData.patientJson(mrn))
                .when().put("/api/v1/patients/{id}", other)
                .then().statusCode(409);
    }

    @Test
    void deleteRemovesThePatientAndTheirEpisodes() {
        String id = TestData.createPatient();
        String episode = TestData.createEpisode(id, TestData.episodeJson("methotrexate", "2021-01-01", null));
        given().when().delete("/api/v1/patients/{id}", id).then().statusCode(428)
                .contentType("application/problem+json").body("type", equalTo("urn:myoline:problem:precondition-required"));
        given().header("If-Match", "\"0\"").when().delete("/api/v1/patients/{id}", id).then().statusCode(204);
        given().when().get("/api/v1/patients/{id}", id).then().statusCode(404);
        given().when().get("/api/v1/patients/{id}/episodes/{e}", id, episode).then().statusCode(404);
        given().header("If-Match", "*").when().delete("/api/v1/patients/{id}", id).then().statusCode(404);
    }

    @Test
    void unknownIdIs404ProblemAndMalformedIdIs404() {
        given().when().get("/api/v1/patients/{id}", "6d1c3a9e-0000-4000-8000-000000000000")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:myoline:problem:not-found"))
                .body("title", notNullValue())
                .body("instance", endsWith("6d1c3a9e-0000-4000-8000-000000000000"));
        given().when().get("/api/v1/patients/not-a-uuid")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
