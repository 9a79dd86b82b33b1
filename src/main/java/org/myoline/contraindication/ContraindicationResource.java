package org.myoline.contraindication;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.myoline.api.Roles;
import org.myoline.api.ETags;
import org.myoline.api.Idempotency;

@Path("/api/v1/patients/{patientId}/contraindications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Patients")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "500", ref = "ServerError")
@RolesAllowed({Roles.VIEWER, Roles.CLINICIAN, Roles.INTEGRATION})
public class ContraindicationResource {

    @Inject
    Idempotency idempotency;

    @Inject
    ContraindicationService service;

    @POST
    @RolesAllowed({Roles.CLINICIAN, Roles.INTEGRATION})
    @Operation(operationId = "createContraindication", summary = "Record a contraindication or preference",
            description = "What the next steps must avoid from a date (and until one): glucocorticoids, cytotoxics, teratogens while planning a pregnancy, or one named drug. Every as-of answer honours those in force on its date and says which steps it left out.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ContraindicationRequest.class),
            examples = {@ExampleObject(name = "steroid-free", value = "{\"kind\":\"AVOID_GLUCOCORTICOIDS\",\"since\":\"2024-01-15\",\"reason\":\"type 2 diabetes\"}"),
                @ExampleObject(name = "one drug", value = "{\"kind\":\"AVOID_DRUG\",\"drug\":\"cyclophosphamide\",\"since\":\"2024-01-15\",\"reason\":\"patient declines\"}")}))
    @APIResponse(responseCode = "201", description = "Recorded",
            headers = {@Header(name = "Location", ref = "Location"), @Header(name = "ETag", ref = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContraindicationResponse.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "422", ref = "IdempotencyKeyReused")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response create(@PathParam("patientId") UUID patientId, @Valid @NotNull ContraindicationRequest request,
            @Context UriInfo uri,
            @Parameter(description = Idempotency.KEY_DESCRIPTION, schema = @Schema(type = SchemaType.STRING, maxLength = 200))
            @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return idempotency.create(idempotencyKey, request, uri.getPath(), () -> {
            ContraindicationResponse created = service.create(patientId, request);
            return ETags.created(uri, created.id(), created.version(), created);
        });
    }

    @GET
    @Operation(operationId = "listContraindications", summary = "List a patient's contraindications and preferences", description = "Ordered by since.")
    @APIResponse(responseCode = "200", description = "All contraindications and preferences of the patient, ended ones included",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
                    implementation = ContraindicationResponse.class, maxItems = ContraindicationService.MAX_PER_PATIENT)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public List<ContraindicationResponse> list(@PathParam("patientId") UUID patientId) {
        return service.list(patientId);
    }

    @GET
    @Path("/{contraindicationId}")
    @Operation(operationId = "getContraindication", summary = "Get one contraindication or preference",
            description = "The contraindication with its current version in the ETag.")
    @APIResponse(responseCode = "200", description = "The contraindication", headers = @Header(name = "ETag", ref = "ETag"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContraindicationResponse.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@PathParam("patientId") UUID patientId, @PathParam("contraindicationId") UUID contraindicationId) {
        ContraindicationResponse o = service.get(patientId, contraindicationId);
        return ETags.ok(o, o.version());
    }

    @PUT
    @RolesAllowed({Roles.CLINICIAN, Roles.INTEGRATION})
    @Path("/{contraindicationId}")
    @Operation(operationId = "replaceContraindication", summary = "Replace a contraindication or preference",
            description = "Full replace, for instance to record when it ended. Requires If-Match with the current ETag.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ContraindicationRequest.class),
            examples = @ExampleObject(name = "ended", value = "{\"kind\":\"PREGNANCY_PLANNING\",\"since\":\"2024-01-15\",\"until\":\"2025-06-01\"}")))
    @APIResponse(responseCode = "200", description = "Replaced", headers = @Header(name = "ETag", ref = "ETag"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContraindicationResponse.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response replace(@PathParam("patientId") UUID patientId, @PathParam("contraindicationId") UUID contraindicationId,
            @Valid @NotNull ContraindicationRequest request,
            @Parameter(description = ETags.IF_MATCH_CHANGE, required = true, schema = @Schema(type = SchemaType.STRING, maxLength = 200))
            @HeaderParam("If-Match") String ifMatch) {
        ContraindicationResponse updated = service.update(patientId, contraindicationId, request, ifMatch);
        return ETags.ok(updated, updated.version());
    }

    @DELETE
    @RolesAllowed({Roles.CLINICIAN, Roles.INTEGRATION})
    @Path("/{contraindicationId}")
    @Operation(operationId = "deleteContraindication", summary = "Delete a contraindication or preference",
            description = "Removes one recorded in error (to end one, replace it with an until date).")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response delete(@PathParam("patientId") UUID patientId, @PathParam("contraindicationId") UUID contraindicationId,
            @Parameter(description = ETags.IF_MATCH_DELETE, required = true, schema = @Schema(type = SchemaType.STRING, maxLength = 200))
            @HeaderParam("If-Match") String ifMatch) {
        service.delete(patientId, contraindicationId, ifMatch);
        return Response.noContent().build();
    }
}
