package org.myoline.patient;

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
import org.myoline.api.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.myoline.api.ETags;
import org.myoline.api.Idempotency;

@Path("/api/v1/patients/{patientId}/features")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Patients")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "500", ref = "ServerError")
@RolesAllowed({Roles.VIEWER, Roles.CLINICIAN, Roles.INTEGRATION})
public class FeatureSpanResource {

    @Inject
    Idempotency idempotency;

    @Inject
    FeatureSpanService service;

    @POST
    @RolesAllowed({Roles.CLINICIAN, Roles.INTEGRATION})
    @Operation(operationId = "createFeature", summary = "Record a dated clinical feature",
            description = "A feature from its onset (and until it resolved): every as-of answer uses only the features present on its date. The patient's own features list means present since diagnosis.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FeatureSpanRequest.class),
            examples = @ExampleObject(name = "dysphagia", value = "{\"feature\":\"DYSPHAGIA\",\"onset\":\"2024-03-04\"}")))
    @APIResponse(responseCode = "201", description = "Recorded",
            headers = {@Header(name = "Location", ref = "Location"), @Header(name = "ETag", ref = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FeatureSpanResponse.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "422", ref = "IdempotencyKeyReused")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response create(@PathParam("patientId") UUID patientId, @Valid @NotNull FeatureSpanRequest request,
            @Context UriInfo uri,
            @Parameter(description = Idempotency.KEY_DESCRIPTION, schema = @Schema(type = SchemaType.STRING, maxLength = 200))
            @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return idempotency.create(idempotencyKey, request, uri.getPath(), () -> {
            FeatureSpanResponse created = service.create(patientId, request);
            return ETags.created(uri, created.id(), created.version(), created);
        });
    }

    @GET
    @Operation(operationId = "listFeatures", summary = "List a patient's dated features", description = "Ordered by onset.")
    @APIResponse(responseCode = "200", description = "All dated features of the patient",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
                    implementation = FeatureSpanResponse.class, maxItems = FeatureSpanService.MAX_PER_PATIENT)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public List<FeatureSpanResponse> list(@PathParam("patientId") UUID patientId) {
        return service.list(patientId);
    }

    @GET
    @Path("/{featureId}")
    @Operation(operationId = "getFeature", summary = "Get one dated feature",
            description = "The feature with its current version in the ETag.")
    @APIResponse(responseCode = "200", description = "The feature", headers = @Header(name = "ETag", ref = "ETag"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FeatureSpanResponse.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@PathParam("patientId") UUID patientId, @PathParam("featureId") UUID featureId) {
        FeatureSpanResponse o = service.get(patientId, featureId);
        return ETags.ok(o, o.version());
    }

    @PUT
    @RolesAllowed({Roles.CLINICIAN, Roles.INTEGRATION})
    @Path("/{featureId}")
    @Operation(operationId = "replaceFeature", summary = "Replace a dated feature",
            description = "Full replace, for instance to record when it resolved. Requires If-Match with the current ETag.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FeatureSpanRequest.class),
            examples = @ExampleObject(name = "resolved", value = "{\"feature\":\"DYSPHAGIA\",\"onset\":\"2024-03-04\",\"resolved\":\"2024-09-01\"}")))
    @APIResponse(responseCode = "200", description = "Replaced", headers = @Header(name = "ETag", ref = "ETag"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FeatureSpanResponse.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response replace(@PathParam("patientId") UUID patientId, @PathParam("featureId") UUID featureId,
            @Valid @NotNull FeatureSpanRequest request,
            @Parameter(description = ETags.IF_MATCH_CHANGE, required = true, schema = @Schema(type = SchemaType.STRING, maxLength = 200))
            @HeaderParam("If-Match") String ifMatch) {
        FeatureSpanResponse updated = service.update(patientId, featureId, request, ifMatch);
        return ETags.ok(updated, updated.version());
    }

    @DELETE
    @RolesAllowed({Roles.CLINICIAN, Roles.INTEGRATION})
    @Path("/{featureId}")
    @Operation(operationId = "deleteFeature", summary = "Delete a dated feature",
            description = "Removes a feature recorded in error (to end one, replace it with a resolved date).")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response delete(@PathParam("patientId") UUID patientId, @PathParam("featureId") UUID featureId,
            @Parameter(description = ETags.IF_MATCH_DELETE, required = true, schema = @Schema(type = SchemaType.STRING, maxLength = 200))
            @HeaderParam("If-Match") String ifMatch) {
        service.delete(patientId, featureId, ifMatch);
        return Response.noContent().build();
    }
}
