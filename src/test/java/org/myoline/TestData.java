package org.myoline;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Builders for request bodies and a few API calls the HTTP tests share. */
public final class TestData {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private TestData() {
    }

    /** An MRN no other test uses, so tests share one database without interfering. */
    public static String uniqueMrn() {
        return "T-" + UUID.randomUUID().toString().substring(0, 8) + "-" + SEQ.incrementAndGet();
    }

    public static String patientJson(String mrn) {
        return """
                {"mrn":"%s","birthDate":"1960-05-01","sex":"female","subtype":"CLASSIC",
                 "diagnosisDate":"2020-01-10","features":["SKIN","MUSCLE"],"weightKg":62.5,"heightCm":160}
                """.formatted(mrn);
    }

    public static String createPatient() {
        return createPatient(patientJson(uniqueMrn()));
    }

    public static String createPatient(String json) {
        return given().contentType(ContentType.JSON).body(json)
                .when().post("/api/v1/patients")
                .then().statusCode(201)
                .extract().path("id");
    }

    public static String episodeJson(String drug, String start, String end) {
        return """
                {"drug":"%s","route":"ORAL","dose":{"value":15,"unit":"mg/wk"},"startDate":"%s"%s}
                """.formatted(drug, start, end == null ? "" : ",\"endDate\":\"" + end + "\"");
    }

    public static String createEpisode(String patientId, String json) {
        return given().contentType(ContentType.JSON).body(json)
                .when().post("/api/v1/patients/{id}/episodes", patientId)
                .then().statusCode(201)
                .extract().path("id");
    }
}
