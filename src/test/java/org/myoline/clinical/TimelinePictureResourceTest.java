package org.myoline.clinical;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.myoline.TestData;
import org.myoline.contract.ApiTest;

/** The timeline as an SVG picture and as an HTML summary: negotiation, headers, caching, escaping, bad input. */
@QuarkusTest
class TimelinePictureResourceTest implements ApiTest {

    private static final String EVIL = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&amp;";

    private static String patientWithHistory() {
        String patient = TestData.createPatient();
        TestData.createEpisode(patient, """
                {"drug":"prednisolone","route":"ORAL","dose":{"value":60,"unit":"mg/d"},"startDate":"2024-01-10",
                 "doseChanges":[{"date":"2024-03-01","dose":{"value":30,"unit":"mg/d"}}]}""");
        TestData.createEpisode(patient, """
                {"drug":"methotrexate","route":"SC","dose":{"value":20,"unit":"mg/wk"},"startDate":"2024-01-15",
                 "endDate":"2024-08-30","stopReason":"INEFFICACY","response":"NONE","notes":"%s"}"""
                .formatted(EVIL.replace("\"", "\\\"")));
        return patient;
    }

    @Test
    void svgIsSelfContainedDeterministicTaggedAndEscaped() {
        String patient = patientWithHistory();
        Response first = given().accept("image/svg+xml").queryParam("asOf", "2024-10-01").when()
                .get("/api/v1/patients/{id}/timeline", patient);
        first.then().statusCode(200).contentType(startsWith("image/svg+xml"))
                .header("Content-Security-Policy", "default-src 'none'").header("Vary", containsString("Accept"))
                .header("X-Content-Type-Options", "nosniff");
        String svg = first.asString();
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), svg.substring(0, 80));
        assertTrue(svg.contains("<title id=\"timeline-title\">") && svg.contains("<desc id=\"timeline-desc\">"));
        assertTrue(svg.contains("data-drug=\"methotrexate\"") && svg.contains("data-drug=\"prednisolone\""));
        assertTrue(svg.contains("data-stop=\"INEFFICACY\""), "the stop is marked");
        assertFalse(svg.contains("<script") || svg.contains("<img") || svg.contains("href="), "nothing the note holds runs");
        assertTrue(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&#39;&amp;amp;"),
                "the note is escaped in the bar's text alternative");
        String again = given().accept("image/svg+xml").queryParam("asOf", "2024-10-01").when()
                .get("/api/v1/patients/{id}/timeline", patient).then().statusCode(200).extract().asString();
        assertEquals(svg, again, "the same history gives byte-identical output");

        String tag = first.header("ETag");
        String jsonTag = given().queryParam("asOf", "2024-10-01").when().get("/api/v1/patients/{id}/timeline", patient)
                .then().statusCode(200).extract().header("ETag");
        assertNotEquals(tag, jsonTag, "the picture and the data are different representations");
        given().accept("image/svg+xml").queryParam("asOf", "2024-10-01").header("If-None-Match", tag).when()
                .get("/api/v1/patients/{id}/timeline", patient).then().statusCode(304);
        given().accept("application/json").queryParam("asOf", "2024-10-01").header("If-None-Match", tag).when()
                .get("/api/v1/patients/{id}/timeline", patient).then().statusCode(200);
        given().accept("image/svg+xml").queryParam("asOf", "2024-10-01").queryParam("from", "2024-03-01")
                .header("If-None-Match", tag).when().get("/api/v1/patients/{id}/timeline", patient).then().statusCode(200);
    }

    @Test
    void htmlSummaryCarriesThePictureTheVerdictAndAPolicyMatchingItsStyle() {
        String patient = patientWithHistory();
        String status = given().queryParam("asOf", "2024-10-01").when().get("/api/v1/patients/{id}/assessment", patient)
                .then().statusCode(200).extract().path("status");
        Response page = given().accept("text/html").queryParam("asOf", "2024-10-01").when()
                .get("/api/v1/patients/{id}/timeline", patient);
        page.then().statusCode(200).contentType(startsWith("text/html"));
        String html = page.asString();
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("id=\"verdict\" data-status=\"" + status + "\""), "the header verdict is /assessment's");
        assertTrue(html.contains("<svg xmlns="), "the picture is inlined");
        String mrn = given().when().get("/api/v1/patients/{id}", patient).then().statusCode(200).extract().path("mrn");
        assertTrue(html.contains("Patient " + mrn + " "), "the page names the patient (read with the history)");
        assertTrue(html.contains("<table id=\"lines\">") && html.contains("<table id=\"definitions\">"));
        assertTrue(html.contains(">RIM<") && html.contains(">STRICT<") && html.contains(">SKIN<"), "all three definitions");
        assertFalse(html.contains("<script") || html.contains("<img") || html.contains("<link"), "no script, no external resource");
        Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(html);
        assertTrue(style.find());
        String policy = page.header("Content-Security-Policy");
        assertTrue(policy.startsWith("default-src 'none'; style-src 'sha256-" + sha256(style.group(1)) + "'"),
                "the policy allows exactly the page's own style: " + policy);
        assertTrue(html.contains("@page { size: A4"), "prints on A4");
    }

    @ParameterizedTest(name = "Accept {0} gives {1}")
    @CsvSource(delimiter = '|', value = {
            "application/json                                                              | application/json",
            "*/*                                                                           | application/json",
            "application/*                                                                 | application/json",
            "application/*;q=0.9, text/*;q=0.2                                             | application/json",
            "application/json, image/svg+xml, text/html                                    | application/json",
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8     | text/html",
            "image/svg+xml                                                                 | image/svg+xml",
            "image/*                                                                       | image/svg+xml",
            "text/html;q=0.5, image/svg+xml;q=0.9                                          | image/svg+xml"})
    void acceptChoosesTheRepresentation(String accept, String expected) {
        String patient = patientWithHistory();
        var response = given().header("Accept", accept.trim()).when().get("/api/v1/patients/{id}/timeline", patient).then()
                .statusCode(200).contentType(startsWith(expected.trim()));
        if (expected.trim().equals("application/json")) {
            response.body("lines", org.hamcrest.Matchers.not(org.hamcrest.Matchers.empty()));
        }
    }

    @Test
    void formatOverridesAcceptForLinksThatCannotSetHeaders() {
        String patient = patientWithHistory();
        given().accept("application/json").queryParam("format", "svg").when().get("/api/v1/patients/{id}/timeline", patient)
                .then().statusCode(200).contentType(startsWith("image/svg+xml"));
        given().accept("image/svg+xml").queryParam("format", "html").when().get("/api/v1/patients/{id}/timeline", patient)
                .then().statusCode(200).contentType(startsWith("text/html"));
    }

    @ParameterizedTest(name = "{0}={1} is refused naming {0}")
    @CsvSource({"format, png", "from, 2024-13-01", "to, yesterday", "to, 2099-01-01", "from, 2026-11-30"})
    void badPictureParametersAre400NamingTheParameter(String name, String value) {
        String patient = patientWithHistory();
        var request = given().accept("image/svg+xml").queryParam(name, value);
        if (name.equals("from")) {
            request = request.queryParam("to", "2025-01-01");
        }
        request.when().get("/api/v1/patients/{id}/timeline", patient).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", org.hamcrest.Matchers.equalTo(name));
    }

    @Test
    void anUnknownPatientIsProblemJsonWhateverThePictureAsked() {
        given().accept("image/svg+xml").when().get("/api/v1/patients/{id}/timeline", java.util.UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json");
        given().accept("text/html").when().get("/api/v1/patients/{id}/timeline", java.util.UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json");
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
