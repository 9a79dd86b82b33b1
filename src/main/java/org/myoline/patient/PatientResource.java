package org.myoline.patient;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.myoline.api.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.myoline.api.ETags;
import org.myoline.api.Idempotency;
import org.myoline.api.MergePatch;
import org.myoline.api.Page;

@Path("/api/v1/patients")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Patients")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "500", ref = "ServerError")
@RolesAllowed({Roles.VIEWER, Roles.CLINICIAN, Roles.INTEGRATION})
public class PatientResource {

    static final String EXAMPLE = """
            {"mrn":"MRN-000123","birthDate":"1968-04-02","sex":"female","subtype":"CLASSIC",\
            "diagnosisDate":"2024-01-15","features":["SKIN","MUSCLE","DYSPHAGIA"],"weightKg":64.5,"heightCm":165}""";

    @Inject
    Idempotency idempotency;

    @Inject
    PatientService service;

    @Inject
    org.myoline.security.PatientScope scope;

    @POST
    @RolesAllowed({Roles.CLINICIAN, Roles.INTEGRATION})
    @Operation(operationId = "createPatient", summary = "Create a patient",
            description = "The MRN must be unique; a duplicate answers 409.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PatientRequest.class),
            examples = @ExampleObject(name = "classicAdult", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created",
            headers = {@Header(name = "Location", ref = "Location"), @Header(name = "ETag", ref = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PatientResponse.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "422", ref = "IdempotencyKeyReused")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response create(@Valid @NotNull PatientRequest request, @jakarta.ws.rs.core.Context UriInfo uri,
            @Parameter(description = Idempotency.KEY_DESCRIPTION, schema = @Schema(type = SchemaType.STRING, maxLength = 200))
            @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        scope.requireUnscoped("create a patient");
        return idempotency.create(idempotencyKey, request, uri.getPath(), () -> {
            PatientResponse created = service.create(request);
            return ETags.created(uri, created.id(), created.version(), created);
        });
    }

    @GET
    @Operation(operationId = "listPatients", summary = "List patients", description = "Ordered by MRN; pages start at 0.")
    @APIResponse(responseCode = "200", description = "One page of patients",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PatientPage.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public PatientPage list(
            @Parameter(description = "Exact MRN to look up", schema = @Schema(type = SchemaType.STRING, maxLength = 64, pattern = "^[A-Za-z0-9._-]{1,64}$"))
            @QueryParam("mrn") @Size(min = 1, max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String mrn,
            @Parameter(description = "Page number, from 0", schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0", maximum = "1000000", defaultValue = "0"))
            @QueryParam("page") String page,
            @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "200", defaultValue = "20"))
            @QueryParam("size") String size) {
        return service.list(mrn, Page.param("page", page, 0, 0, 1_000_000), Page.param("size", size, 20, 1, Page.MAX_SIZE),
                scope.patient());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getPatient", summary = "Get a patient",
            description = "The patient with its current version in the ETag.")
    @APIResponse(responseCode = "200", description = "The patient", headers = @Header(name = "ETag", ref = "ETag"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PatientResponse.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@PathParam("id") UUID id) {
        PatientResponse patient = service.get(id);
        return ETags.ok(patient, patient.version());
    }

    @PUT
    @RolesAllowed({Roles.CLINICIAN, Roles.INTEGRATION})
    @Path("/{id}")
    @Operation(operationId = "replacePatient", summary = "Replace a patient",
            description = "Full replacement. Send the ETag in If-Match to make sure no one else changed it meanwhile.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PatientRequest.class),
            examples = @ExampleObject(name = "classicAdult", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The replaced patient", headers = @Header(name = "ETag", ref = "ETag"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PatientResponse.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response replace(@PathParam("id") UUID id,
            @Parameter(description = ETags.IF_MATCH_CHANGE, required = true, schema = @Schema(type = SchemaType.STRING, maxLength = 200))
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull PatientRequest request) {
        PatientResponse patient = service.update(id, request, ifMatch);
        return ETags.ok(patient, patient.version());
    }

    @PATCH
    @RolesAllowed({Roles.CLINICIAN, Roles.INTEGRATION})
    @Path("/{id}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @Operation(operationId = "patchPatient", summary = "Change some fields of a patient",
            description = "JSON Merge Patch (RFC 7396): send only the fields to change; null clears an optional one. The "
                    + "result is validated as a full replace would be. Dated features stay dated. Requires If-Match.")
    @RequestBody(required = true, content = @Content(mediaType = MergePatch.MEDIA_TYPE,
            schema = @Schema(ref = "PatientInput"),
            examples = @ExampleObject(name = "weight", value = "{\"weightKg\":61.5}")))
    @APIResponse(responseCode = "200", description = "The changed patient", headers = @Header(name = "ETag", ref = "ETag"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PatientResponse.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response patch(@PathParam("id") UUID id,
            @Parameter(description = ETags.IF_MATCH_CHANGE, required = true, schema = @Schema(type = SchemaType.STRING, maxLength = 200))
            @HeaderParam("If-Match") String ifMatch,
            JsonNode patch) {
        PatientResponse patient = service.patch(id, patch, ifMatch);
        return ETags.ok(patient, patient.version());
    }

    @DELETE
    @RolesAllowed({Roles.CLINICIAN, Roles.INTEGRATION})
    @Path("/{id}")
    @Operation(operationId = "deletePatient", summary = "Delete a patient and all of their history",
            description = "Deletes the patient with every episode, observation and event. Send If-Match to avoid deleting a version you have not seen.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response delete(@PathParam("id") UUID id,
            @Parameter(description = ETags.IF_MATCH_DELETE, required = true, schema = @Schema(type = SchemaType.STRING, maxLength = 200))
            @HeaderParam("If-Match") String ifMatch) {
        service.delete(id, ifMatch);
        return Response.noContent().build();
    }
}
