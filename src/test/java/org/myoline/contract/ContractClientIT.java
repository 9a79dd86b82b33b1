package org.myoline.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.net.URL;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.myoline.client.ApiClient;
import org.myoline.client.ApiException;
import org.myoline.client.api.ClinicalApi;
import org.myoline.client.api.DrugsApi;
import org.myoline.client.api.EpisodesApi;
import org.myoline.client.api.PatientsApi;
import org.myoline.client.model.Assessment;
import org.myoline.client.model.Episode;
import org.myoline.client.model.EpisodeInput;
import org.myoline.client.model.Line;
import org.myoline.client.model.Patient;
import org.myoline.client.model.PatientInput;
import org.myoline.client.model.Problem;
import org.myoline.client.model.RefractoryStatus;
import org.myoline.client.model.Timeline;
import org.myoline.fixtures.SeedFixture;

/**
 * An outside system's view: a Java client generated at build time from openapi/openapi.yaml drives the
 * packaged jar through a realistic flow (seed 000 entered episode by episode, timeline and assessment
 * read back) and provokes each documented error. Only the generated client talks to the service.
 */
@QuarkusIntegrationTest
class ContractClientIT implements ApiTest {

    @TestHTTPResource("/")
    URL base;

    private ApiClient client;

    @BeforeEach
    void client() {
        client = new ApiClient();
        client.updateBaseUri(base.toString().replaceAll("/$", ""));
        String token = org.myoline.security.TestTokens.mint("client-it", "integration");
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
    }

    @Test
    void seedHistoryThroughTheGeneratedClient() throws Exception {
        SeedFixture seed = SeedFixture.load("seed-000-efalizumab.json");
        ObjectNode patientJson = seed.patient().deepCopy();
        patientJson.put("mrn", "CLIENT-" + UUID.randomUUID().toString().substring(0, 8));
        PatientInput input = client.getObjectMapper().treeToValue(patientJson, PatientInput.class);
        String key = UUID.randomUUID().toString();
        Patient patient = new PatientsApi(client).createPatient(input, key);
        assertEquals(input.getMrn(), patient.getMrn());
        assertEquals(patient.getId(), new PatientsApi(client).createPatient(input, key).getId(),
                "a retry with the same Idempotency-Key returns the original patient");

        EpisodesApi episodes = new EpisodesApi(client);
        for (JsonNode node : seed.episodes()) {
            ObjectNode body = node.deepCopy();
            body.remove("key");
            Episode created = episodes.createEpisode(patient.getId(),
                    client.getObjectMapper().treeToValue(body, EpisodeInput.class), UUID.randomUUID().toString());
            assertEquals(body.path("drug").asText(), created.getDrug());
        }
        assertEquals(5, episodes.listEpisodes(patient.getId()).size());

        ClinicalApi clinical = new ClinicalApi(client);
        LocalDate asOf = LocalDate.parse("2009-04-30");
        Timeline timeline = clinical.getTimeline(patient.getId(), asOf, null, null, null, null);
        assertEquals(List.of(1, 2, 3, 4), timeline.getLines().stream().map(Line::getNumber).toList());
        assertEquals(List.of("efalizumab", "azathioprine"), timeline.getLines().get(3).getDrugs());
        Assessment assessment = clinical.getAssessment(patient.getId(), asOf, null);
        assertEquals(RefractoryStatus.GLUCOCORTICOID_RESISTANT, assessment.getStatus());
        assertEquals("ivig", assessment.getNextSteps().get(0).getDrug());
        assertTrue(assessment.getNextSteps().stream().noneMatch(s -> s.getDrug().equals("efalizumab")));
        assertEquals("methotrexate", assessment.getInadequateTrials().get(0).getDrug());
        assertEquals(2, new DrugsApi(client).getDrug("methotrexate").getTier());
    }

    @Test
    void everyDocumentedClientErrorComesBackAsAProblem() throws Exception {
        PatientsApi patients = new PatientsApi(client);
        String mrn = "CLIENT-" + UUID.randomUUID().toString().substring(0, 8);
        String firstKey = UUID.randomUUID().toString();
        Patient patient = patients.createPatient(new PatientInput().mrn(mrn).birthDate(LocalDate.of(1970, 1, 1))
                .sex(org.myoline.client.model.Sex.FEMALE).subtype(org.myoline.client.model.Subtype.CLASSIC), firstKey);

        Problem invalid = problem(400, () -> patients.createPatient(new PatientInput().mrn("not a valid mrn!")
                .birthDate(LocalDate.of(1970, 1, 1)).sex(org.myoline.client.model.Sex.FEMALE)
                .subtype(org.myoline.client.model.Subtype.CLASSIC), null));
        assertEquals("mrn", invalid.getErrors().get(0).getField());

        Problem notFound = problem(404, () -> patients.getPatient(UUID.randomUUID()));
        assertEquals("urn:myoline:problem:not-found", notFound.getType());

        Problem reused = problem(422, () -> patients.createPatient(new PatientInput().mrn(mrn + "-other")
                .birthDate(LocalDate.of(1970, 1, 1)).sex(org.myoline.client.model.Sex.MALE)
                .subtype(org.myoline.client.model.Subtype.CLASSIC), firstKey));
        assertEquals("urn:myoline:problem:idempotency-key-reused", reused.getType());

        Problem duplicate = problem(409, () -> patients.createPatient(new PatientInput().mrn(mrn)
                .birthDate(LocalDate.of(1970, 1, 1)).sex(org.myoline.client.model.Sex.MALE)
                .subtype(org.myoline.client.model.Subtype.CLASSIC), null));
        assertTrue(duplicate.getDetail().contains(mrn));

        PatientInput juvenile = new PatientInput().mrn(mrn).birthDate(LocalDate.of(1970, 1, 1))
                .sex(org.myoline.client.model.Sex.FEMALE).subtype(org.myoline.client.model.Subtype.JUVENILE);
        Problem stale = problem(412, () -> patients.replacePatient(patient.getId(), "\"99\"", juvenile));
        assertEquals(412, stale.getStatus());
        Problem missing = problem(428, () -> patients.replacePatient(patient.getId(), "", juvenile));
        assertEquals("urn:myoline:problem:precondition-required", missing.getType());

        Problem future = problem(400, () -> new ClinicalApi(client).getAssessment(patient.getId(), LocalDate.now().plusDays(2), null));
        assertEquals("asOf", future.getErrors().get(0).getField());

        String token = org.myoline.security.TestTokens.mint("client-it", "integration");
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token)
                .setHeader("Content-Type", "text/plain"));
        PatientsApi plainText = new PatientsApi(client); // API objects capture the interceptor when built
        Problem mediaType = problem(415, () -> plainText.createPatient(new PatientInput().mrn(mrn + "x")
                .birthDate(LocalDate.of(1970, 1, 1)).sex(org.myoline.client.model.Sex.FEMALE)
                .subtype(org.myoline.client.model.Subtype.CLASSIC), null));
        assertEquals(415, mediaType.getStatus());
    }

    private interface Call {
        void run() throws ApiException;
    }

    /** The call must fail with this status and an application/problem+json body of the contract's Problem shape. */
    private Problem problem(int status, Call call) throws Exception {
        ApiException e = assertThrows(ApiException.class, call::run);
        assertEquals(status, e.getCode(), e.getResponseBody());
        Map<String, List<String>> headers = e.getResponseHeaders().map();
        assertTrue(headers.getOrDefault("content-type", List.of()).stream().anyMatch(v -> v.startsWith("application/problem+json")),
                "problem+json expected: " + headers);
        Problem problem = client.getObjectMapper().readValue(e.getResponseBody(), Problem.class);
        assertEquals(status, problem.getStatus());
        return problem;
    }
}
