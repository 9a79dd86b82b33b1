package org.myoline.event;

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

@Path("/api/v1/patients/{patientId}/events")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Events")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "500", ref = "ServerError")
@RolesAllowed({Roles.VIEWER, Roles.CLINICIAN, Roles.INTEGRATION})
public class DiseaseEventResource {

    @Inject
    Idempotency idempotency;

    @Inject
    DiseaseEventService service;

    @POST
    @RolesAllowed({Roles.CLINICIAN, Roles.INTEGRATION})
    @Operation(operationId = "createEvent", summary = "Record a flare, relapse or remission",
            description = "Flares during a glucocorticoid taper mark dependence; flares on a drug after an adequate trial mark its failure; relapses after a response do not.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DiseaseEventRequest.class),
            examples = @ExampleObject(name = "relapse", value = "{\"date\":\"2024-06-10\",\"type\":\"RELAPSE\",\"domain\":\"SKIN\"}")))
    @APIResponse(responseCode = "201", description = "Recorded",
            headers = {@Header(name = "Location", ref = "Location"), @Header(name = "ETag", ref = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DiseaseEventResponse.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "422", ref = "IdempotencyKeyReused")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response create(@PathParam("patientId") UUID patientId, @Valid @NotNull DiseaseEventRequest request,
            @Context UriInfo uri,
            @Parameter(description = Idempotency.KEY_DESCRIPTION, schema = @Schema(type = SchemaType.STRING, maxLength = 200))
            @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return idempotency.create(idempotencyKey, request, uri.getPath(), () -> {
            DiseaseEventResponse created = service.create(patientId, request);
            return ETags.created(uri, created.id(), created.version(), created);
        });
    }

    @GET
    @Operation(operationId = "listEvents", summary = "List a patient's disease events", description = "Ordered by date.")
    @APIResponse(responseCode = "200", description = "All disease events of the patient",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
                    implementation = DiseaseEventResponse.class, maxItems = DiseaseEventService.MAX_PER_PATIENT)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public List<DiseaseEventResponse> list(@PathParam("patientId") UUID patientId) {
        return service.list(patientId);
    }

    @GET
    @Path("/{eventId}")
    @Operation(operationId = "getEvent", summary = "Get one disease event",
            description = "The event with its current version in the ETag.")
    @APIResponse(responseCode = "200", description = "The event", headers = @Header(name = "ETag", ref = "ETag"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DiseaseEventResponse.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@PathParam("patientId") UUID patientId, @PathParam("eventId") UUID eventId) {
        DiseaseEventResponse o = service.get(patientId, eventId);
        return ETags.ok(o, o.version());
    }

    @DELETE
    @RolesAllowed({Roles.CLINICIAN, Roles.INTEGRATION})
    @Path("/{eventId}")
    @Operation(operationId = "deleteEvent", summary = "Delete a disease event",
            description = "Removes an event recorded in error.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response delete(@PathParam("patientId") UUID patientId, @PathParam("eventId") UUID eventId,
            @Parameter(description = ETags.IF_MATCH_DELETE, required = true, schema = @Schema(type = SchemaType.STRING, maxLength = 200))
            @HeaderParam("If-Match") String ifMatch) {
        service.delete(patientId, eventId, ifMatch);
        return Response.noContent().build();
    }
}
