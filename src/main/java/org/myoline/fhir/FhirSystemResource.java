package org.myoline.fhir;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.myoline.api.BulkUploads;
import org.myoline.api.ProblemDetail;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.myoline.api.ApiException;
import org.myoline.audit.AccessLog;
import org.myoline.audit.AccessRecorder;
import org.myoline.api.Roles;
import org.myoline.patient.PatientRepository;
import org.myoline.security.PatientScope;

/** System-level FHIR R4 operations: Bundle import, NDJSON import and NDJSON export of every patient. */
@Path("/api/v1/fhir")
@Tag(name = "FHIR")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "500", ref = "ServerError")
public class FhirSystemResource {
    public static final String FHIR_NDJSON = "application/fhir+ndjson";
    private static final Set<String> EXPORT_TYPES = Set.of("Patient", "Condition", "MedicationStatement", "Observation",
            "CarePlan", "Flag", "DocumentReference");

    /** A methotrexate order for a new patient, as an EHR sends it (15 mg subcutaneously once a week). */
    static final String BUNDLE_EXAMPLE = """
            {"resourceType":"Bundle","type":"transaction","entry":[
             {"fullUrl":"urn:uuid:0b6f4c1e-54a4-4a57-9d9a-8f0f1d7c2e11","request":{"method":"POST","url":"Patient"},
              "resource":{"resourceType":"Patient","identifier":[{"type":{"coding":[{"system":\
            "http://terminology.hl7.org/CodeSystem/v2-0203","code":"MR"}]},"system":"urn:myoline:mrn","value":"MRN-000123"}],
              "gender":"female","birthDate":"1968-04-02"}},
             {"request":{"method":"POST","url":"Condition"},"resource":{"resourceType":"Condition",
              "subject":{"reference":"urn:uuid:0b6f4c1e-54a4-4a57-9d9a-8f0f1d7c2e11"},"onsetDateTime":"2024-01-15",
              "code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"M33.12"}]}}},
             {"request":{"method":"POST","url":"MedicationRequest"},"resource":{"resourceType":"MedicationRequest",
              "identifier":[{"system":"https://ehr.example/order","value":"ORD-1"}],"status":"active","intent":"order",
              "subject":{"reference":"urn:uuid:0b6f4c1e-54a4-4a57-9d9a-8f0f1d7c2e11"},"authoredOn":"2024-01-20",
              "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"6851"}]},
              "dosageInstruction":[{"timing":{"repeat":{"frequency":1,"period":1,"periodUnit":"wk"}},
               "route":{"coding":[{"system":"http://snomed.info/sct","code":"34206005"}]},
               "doseAndRate":[{"doseQuantity":{"value":15,"unit":"mg","system":"http://unitsofmeasure.org","code":"mg"}}]}]}}]}""";

    static final String NDJSON_EXAMPLE = """
            {"resourceType":"Patient","id":"p1","identifier":[{"type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0203","code":"MR"}]},"system":"urn:myoline:mrn","value":"MRN-000123"}],"gender":"female","birthDate":"1968-04-02"}
            {"resourceType":"Condition","subject":{"reference":"Patient/p1"},"code":{"coding":[{"system":"http://snomed.info/sct","code":"396230008"}]},"onsetDateTime":"2024-01-15"}
            {"resourceType":"MedicationStatement","identifier":[{"system":"urn:example:ehr:orders","value":"rx-881"}],"status":"active","subject":{"reference":"Patient/p1"},"medicationCodeableConcept":{"coding":[{"system":"http://www.whocc.no/atc","code":"L04AX03"}]},"effectivePeriod":{"start":"2024-01-20"},"dosage":[{"route":{"coding":[{"system":"http://snomed.info/sct","code":"34206005"}]},"doseAndRate":[{"doseQuantity":{"value":15,"system":"http://unitsofmeasure.org","code":"mg/wk"}}]}]}
            """;

    @Inject
    FhirImportService imports;

    @Inject
    FhirExportService export;

    @Inject
    PatientRepository patients;

    @Inject
    PatientScope scope;

    @Inject
    AccessRecorder recorder;

    @Inject
    AccessLog accessLog;

    @Inject
    BulkKickoff bulk;

    @Inject
    FhirParsing parsing;

    @POST
    @Consumes({FhirResource.FHIR_JSON, "application/json"})
    @Produces(FhirResource.FHIR_JSON)
    @RolesAllowed({Roles.CLINICIAN, Roles.INTEGRATION})
    @Operation(operationId = "importFhirBundle", summary = "Import a FHIR R4 transaction or batch Bundle",
            description = "Patient (MRN from the identifier typed v2-0203 MR in the deployment's MRN system), Condition "
                    + "(dermatomyositis by SNOMED CT 396230008 or ICD-10 M33.0x/M33.1x, features), MedicationStatement, "
                    + "MedicationRequest and MedicationAdministration (drug by RxNorm, ATC or Myoline code; UCUM doses; "
                    + "SNOMED CT routes; mCODE stop reasons; administrations fold into one episode with courses) and "
                    + "Observation (LOINC 29463-7 weight, 8302-2 height, 2157-6 CK; Myoline codes for scores, events and "
                    + "responses). Every imported medication and observation needs an identifier: importing the same "
                    + "resource again writes nothing, a changed one updates the record it created. A transaction is "
                    + "all or nothing (422 with an OperationOutcome naming each bad entry); a batch writes each record "
                    + "on its own and reports per entry. Other resource types are ignored with a warning.")
    @RequestBody(required = true, content = {
            @Content(mediaType = FhirResource.FHIR_JSON, schema = @Schema(ref = "FhirResource"),
                    examples = @ExampleObject(name = "transaction", value = BUNDLE_EXAMPLE)),
            @Content(mediaType = "application/json", schema = @Schema(ref = "FhirResource"),
                    examples = @ExampleObject(name = "transaction", value = BUNDLE_EXAMPLE))})
    @APIResponse(responseCode = "200", description = "transaction-response or batch-response Bundle: per entry a status, "
            + "the location of the Myoline record and an OperationOutcome for warnings or errors",
            content = @Content(mediaType = FhirResource.FHIR_JSON, schema = @Schema(ref = "FhirResource")))
    @APIResponse(responseCode = "400", description = "Not a transaction or batch Bundle (OperationOutcome)",
            content = @Content(mediaType = FhirResource.FHIR_JSON, schema = @Schema(ref = "FhirResource")))
    @APIResponse(responseCode = "422", description = "Transaction rejected, nothing written: an OperationOutcome with "
            + "one issue per problem, naming the entry (Bundle.entry[n]) and the reason",
            content = @Content(mediaType = FhirResource.FHIR_JSON, schema = @Schema(ref = "FhirResource")))
    public Response importBundle(byte[] body) {
        FhirImportService.Result result = imports.bundle(body);
        return Response.status(result.status()).type(FhirResource.FHIR_JSON).entity(result.body()).build();
    }

    @POST
    @Path("/$import")
    @Consumes({FHIR_NDJSON, "application/x-ndjson"})
    @Produces(FhirResource.FHIR_JSON)
    @RolesAllowed(Roles.INTEGRATION)
    @Operation(operationId = "importFhirNdjson", summary = "Import FHIR R4 resources as NDJSON, one per line",
            description = "The resources a Bundle may carry, one per line, any order; references between lines by "
                    + "Type/id. Written patient by patient: a patient whose lines are all good is written in one "
                    + "transaction, a patient with a bad line is not written at all (no half histories).\n\n"
                    + "Without Prefer: the answer is a batch-response Bundle with one entry per line, in line order; "
                    + "bodies over the request limit (1 MiB) are 413.\n\n"
                    + "With `Prefer: respond-async` (FHIR Bulk Data): a feed of any size (up to "
                    + "MYOLINE_BULK_MAX_BODY_SIZE) is streamed to the database and imported in the background by "
                    + "any replica; the answer is 202 with Content-Location, the status URL to poll "
                    + "(GET /api/v1/fhir/bulk-jobs/{jobId}). Several files: multipart/form-data, one file per part.")
    @RequestBody(required = true, content = {
            @Content(mediaType = FHIR_NDJSON, schema = @Schema(type = SchemaType.STRING, maxLength = 100_000_000,
                    description = "One FHIR R4 resource (JSON) per line"),
                    examples = @ExampleObject(name = "one patient", description = "Set as text by NdjsonExampleFilter")),
            @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(type = SchemaType.OBJECT,
                    description = "Written by NdjsonExampleFilter"),
                    examples = @ExampleObject(name = "files by resource type", description = "Patient.ndjson, "
                            + "Condition.ndjson and MedicationRequest.ndjson as three parts named file",
                            value = "{\"file\": [\"Patient.ndjson\", \"Condition.ndjson\", \"MedicationRequest.ndjson\"]}"))})
    @APIResponse(responseCode = "200", description = "batch-response Bundle, one entry per line",
            content = @Content(mediaType = FhirResource.FHIR_JSON, schema = @Schema(ref = "FhirResource")))
    @APIResponse(responseCode = "202", description = "Prefer: respond-async: the feed is stored and queued. "
            + "Poll Content-Location; the body is an OperationOutcome saying how many lines were staged",
            headers = @Header(name = "Content-Location", description = "The job's status URL (absolute)",
                    schema = @Schema(type = SchemaType.STRING, format = "uri", maxLength = 2000)),
            content = @Content(mediaType = FhirResource.FHIR_JSON, schema = @Schema(ref = "FhirResource")))
    @APIResponse(responseCode = "400", description = "No resources in the body, or several files without Prefer: "
            + "respond-async (OperationOutcome); a multipart body that cannot be read (problem)",
            content = {@Content(mediaType = FhirResource.FHIR_JSON, schema = @Schema(ref = "FhirResource")),
                    @Content(mediaType = ProblemDetail.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetail.class))})
    public Response importNdjson(@HeaderParam("Prefer") @Parameter(description = "respond-async: import in the "
            + "background (FHIR Bulk Data); any size", schema = @Schema(type = SchemaType.STRING, maxLength = 200,
                    example = "respond-async")) String prefer,
            @Context UriInfo uri, InputStream body) throws IOException {
        if (BulkUploads.respondAsync(prefer)) {
            return startImport(uri, List.of(() -> body));
        }
        FhirImportService.Result result = imports.ndjson(new String(body.readAllBytes(), StandardCharsets.UTF_8));
        return Response.status(result.status()).type(FhirResource.FHIR_JSON).entity(result.body()).build();
    }

    @POST
    @Path("/$import")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(FhirResource.FHIR_JSON)
    @RolesAllowed(Roles.INTEGRATION)
    @Operation(hidden = true)
    public Response importNdjsonFiles(@HeaderParam("Prefer") String prefer, @Context UriInfo uri,
            @RestForm(FileUpload.ALL) List<FileUpload> files) {
        if (!BulkUploads.respondAsync(prefer)) {
            return outcome(400, OperationOutcome.IssueType.NOTSUPPORTED, "several files (multipart/form-data) are "
                    + "imported asynchronously only: send Prefer: respond-async");
        }
        if (files == null || files.isEmpty()) {
            return outcome(400, OperationOutcome.IssueType.REQUIRED, "no file parts: send each NDJSON file as a part "
                    + "with a file name");
        }
        return startImport(uri, files.stream()
                .<BulkKickoff.Feed>map(f -> () -> Files.newInputStream(f.uploadedFile())).toList());
    }

    private Response startImport(UriInfo uri, List<BulkKickoff.Feed> feeds) {
        try {
            return accepted(uri, bulk.startImport(uri.getRequestUri(), feeds));
        } catch (BulkKickoff.EmptyFeed e) {
            return outcome(400, OperationOutcome.IssueType.REQUIRED, e.getMessage());
        }
    }

    private Response outcome(int status, OperationOutcome.IssueType code, String message) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(code).setDiagnostics(message);
        return Response.status(status).type(FhirResource.FHIR_JSON)
                .entity(parsing.parser().encodeResourceToString(outcome)).build();
    }

    private Response accepted(UriInfo uri, UUID job) {
        URI status = uri.getBaseUriBuilder().path(BulkKickoff.JOBS_PATH + job).build();
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                .setDiagnostics("Accepted as bulk job " + job + ": poll " + status);
        return Response.accepted(parsing.parser().encodeResourceToString(outcome)).type(FhirResource.FHIR_JSON)
                .header("Content-Location", status.toString()).build();
    }

    @GET
    @Path("/$export")
    @Produces({FHIR_NDJSON, FhirResource.FHIR_JSON})
    @RolesAllowed(Roles.INTEGRATION)
    @Transactional
    @Operation(operationId = "exportFhirNdjson", summary = "Every patient as FHIR R4 NDJSON",
            description = "Streams each patient's export (the resources of GET /api/v1/patients/{patientId}/fhir), "
                    + "one resource per line, patient after patient in id order. Every resource has an id and "
                    + "references are Type/id, so the file can be sent back to POST /api/v1/fhir/$import.\n\n"
                    + "With `Prefer: respond-async` (FHIR Bulk Data): 202 with Content-Location, the status URL; "
                    + "once done, its manifest lists one NDJSON file per resource type, downloaded with the same "
                    + "token.")
    @APIResponse(responseCode = "200", description = "NDJSON, one FHIR R4 resource per line",
            content = @Content(mediaType = FHIR_NDJSON, schema = @Schema(type = SchemaType.STRING,
                    maxLength = 2_000_000_000, description = "One FHIR R4 resource (JSON) per line")))
    @APIResponse(responseCode = "202", description = "Prefer: respond-async: the export is queued; poll "
            + "Content-Location (the body, an OperationOutcome, says so too)",
            headers = @Header(name = "Content-Location", description = "The job's status URL (absolute)",
                    schema = @Schema(type = SchemaType.STRING, format = "uri", maxLength = 2000)),
            content = @Content(mediaType = FhirResource.FHIR_JSON, schema = @Schema(ref = "FhirResource")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response exportAll(@HeaderParam("Prefer") @Parameter(description = "respond-async: export in the "
            + "background into files (FHIR Bulk Data)", schema = @Schema(type = SchemaType.STRING, maxLength = 200,
                    example = "respond-async")) String prefer,
            @Context UriInfo uri,
            @QueryParam("_type") @Parameter(description = "Comma-separated resource types to "
            + "include (Patient, Condition, MedicationStatement, Observation, CarePlan, Flag, DocumentReference); all "
            + "but DocumentReference when absent. DocumentReference (each patient's timeline picture, SVG inline) only "
            + "when named, as it is large",
            schema = @Schema(type = SchemaType.STRING, maxLength = 200, example = "Patient,MedicationStatement"))
            String types,
            @QueryParam("patient") @Parameter(description = "Only these patients: comma-separated ids, bare or as "
                    + "Patient/{id} (at most 1000). A token limited to one patient exports that patient only, and "
                    + "naming another is refused (403)",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 40000,
                            example = "Patient/6b520a4b-c493-42d5-98f3-5e1c061d066a"))
            String patient) {
        Set<String> wanted = types == null || types.isBlank() ? Set.of()
                : new LinkedHashSet<>(Arrays.stream(types.split(",")).map(String::trim).toList());
        for (String type : wanted) {
            if (!EXPORT_TYPES.contains(type)) {
                throw ApiException.invalid("_type", "'" + type + "' is not exported; one of " + EXPORT_TYPES);
            }
        }
        List<UUID> named = patientIds(patient);
        named.forEach(scope::require);
        if (named.isEmpty() && scope.patient().isPresent()) {
            named = List.of(scope.patient().get());
        }
        for (UUID id : named) {
            if (!patients.exists(id)) {
                throw ApiException.notFound("Patient", id);
            }
        }
        if (BulkUploads.respondAsync(prefer)) {
            return accepted(uri, bulk.startExport(uri.getRequestUri(), wanted, named,
                    named.isEmpty() ? patients.count() : named.size()));
        }
        List<UUID> ids = !named.isEmpty() ? named : patients.allIds();
        AccessRecorder.Stamp who = recorder.stamp("exportFhirNdjson");
        StreamingOutput body = out -> {
            List<AccessLog.Entry> seen = new ArrayList<>();
            for (UUID id : ids) {
                try {
                    export.ndjson(id, wanted, out);
                    seen.add(who.entry(id, 200));
                } catch (ApiException gone) {
                    // deleted while the export ran (or never there): it is simply not in the file
                }
                if (seen.size() == 500) {
                    accessLog.record(seen);
                    seen = new ArrayList<>();
                }
            }
            accessLog.record(seen);
        };
        return Response.ok(body, FHIR_NDJSON).build();
    }

    private static List<UUID> patientIds(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String[] parts = text.split(",");
        if (parts.length > 1000) {
            throw ApiException.invalid("patient", "names at most 1000 patients");
        }
        List<UUID> ids = new ArrayList<>();
        for (String part : parts) {
            String id = part.trim().startsWith("Patient/") ? part.trim().substring("Patient/".length()) : part.trim();
            try {
                ids.add(UUID.fromString(id));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("patient", "'" + (id.length() > 60 ? id.substring(0, 60) : id)
                        + "' is not a patient id");
            }
        }
        return ids.stream().distinct().toList();
    }
}
