package org.myoline.observation;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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

@Path("/api/v1/patients/{patientId}/observations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Observations")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "500", ref = "ServerError")
@RolesAllowed({Roles.VIEWER, Roles.CLINICIAN, Roles.INTEGRATION})
public class ObservationResource {

    @Inject
    Idempotency idempotency;

    @Inject
    ObservationService service;

    @POST
    @RolesAllowed({Roles.CLINICIAN, Roles.INTEGRATION})
    @Operation(operationId = "createObservation", summary = "Record a dated observation",
            description = "Weights and heights let the engine evaluate mg/kg and mg/m² doses on the date they were given.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ObservationRequest.class),
            examples = @ExampleObject(name = "weight", value = "{\"date\":\"2024-03-01\",\"type\":\"WEIGHT_KG\",\"value\":64.5}")))
    @APIResponse(responseCode = "201", description = "Recorded",
            headers = {@Header(name = "Location", ref = "Location"), @Header(name = "ETag", ref = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ObservationResponse.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "422", ref = "IdempotencyKeyReused")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response create(@PathParam("patientId") UUID patientId, @Valid @NotNull ObservationRequest request,
            @Context UriInfo uri,
            @Parameter(description = Idempotency.KEY_DESCRIPTION, schema = @Schema(type = SchemaType.STRING, maxLength = 200))
            @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return idempotency.create(idempotencyKey, request, uri.getPath(), () -> {
            ObservationResponse created = service.create(patientId, request);
            return ETags.created(uri, created.id(), created.version(), created);
        });
    }

    @GET
    @Operation(operationId = "listObservations", summary = "List a patient's observations", description = "Ordered by date.")
    @APIResponse(responseCode = "200", description = "All observations of the patient",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
                    implementation = ObservationResponse.class, maxItems = ObservationService.MAX_PER_PATIENT)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public List<ObservationResponse> list(@PathParam("patientId") UUID patientId) {
        return service.list(patientId);
    }

    @GET
    @Path("/{observationId}")
    @Operation(operationId = "getObservation", summary = "Get one observation",
            description = "The observation with its current version in the ETag.")
    @APIResponse(responseCode = "200", description = "The observation", headers = @Header(name = "ETag", ref = "ETag"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ObservationResponse.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@PathParam("patientId") UUID patientId, @PathParam("observationId") UUID observationId) {
        ObservationResponse o = service.get(patientId, observationId);
        return ETags.ok(o, o.version());
    }

    @DELETE
    @RolesAllowed({Roles.CLINICIAN, Roles.INTEGRATION})
    @Path("/{observationId}")
    @Operation(operationId = "deleteObservation", summary = "Delete an observation",
            description = "Removes a measurement recorded in error.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response delete(@PathParam("patientId") UUID patientId, @PathParam("observationId") UUID observationId,
            @Parameter(description = ETags.IF_MATCH_DELETE, required = true, schema = @Schema(type = SchemaType.STRING, maxLength = 200))
            @HeaderParam("If-Match") String ifMatch) {
        service.delete(patientId, observationId, ifMatch);
        return Response.noContent().build();
    }
}
