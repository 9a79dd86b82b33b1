package org.myoline.assessment;

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

@Path("/api/v1/patients/{patientId}/episodes/{episodeId}/assessments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Episodes")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "500", ref = "ServerError")
@RolesAllowed({Roles.VIEWER, Roles.CLINICIAN, Roles.INTEGRATION})
public class EpisodeAssessmentResource {

    @Inject
    Idempotency idempotency;

    @Inject
    EpisodeAssessmentService service;

    @POST
    @RolesAllowed({Roles.CLINICIAN, Roles.INTEGRATION})
    @Operation(operationId = "createEpisodeAssessment", summary = "Record a dated response assessment of an episode",
            description = "How the episode's drug was working at a visit. The engine judges the trial at each: an adequately dosed and long trial assessed NONE (or WORSENING, or PARTIAL and then escalated) counts as failed from that date, even while the drug continues. The episode's response stays as the summary.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EpisodeAssessmentRequest.class),
            examples = @ExampleObject(name = "no response", value = "{\"date\":\"2024-09-02\",\"category\":\"NONE\",\"instrument\":\"INVESTIGATOR\"}")))
    @APIResponse(responseCode = "201", description = "Recorded",
            headers = {@Header(name = "Location", ref = "Location"), @Header(name = "ETag", ref = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EpisodeAssessmentResponse.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "422", ref = "IdempotencyKeyReused")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response create(@PathParam("patientId") UUID patientId, @PathParam("episodeId") UUID episodeId,
            @Valid @NotNull EpisodeAssessmentRequest request,
            @Context UriInfo uri,
            @Parameter(description = Idempotency.KEY_DESCRIPTION, schema = @Schema(type = SchemaType.STRING, maxLength = 200))
            @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return idempotency.create(idempotencyKey, request, uri.getPath(), () -> {
            EpisodeAssessmentResponse created = service.create(patientId, new EpisodeAssessmentService.Input(episodeId, request));
            return ETags.created(uri, created.id(), created.version(), created);
        });
    }

    @GET
    @Operation(operationId = "listEpisodeAssessments", summary = "List an episode's response assessments", description = "Ordered by date.")
    @APIResponse(responseCode = "200", description = "All response assessments of the episode",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
                    implementation = EpisodeAssessmentResponse.class, maxItems = EpisodeAssessmentService.MAX_PER_PATIENT)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public List<EpisodeAssessmentResponse> list(@PathParam("patientId") UUID patientId,
            @PathParam("episodeId") UUID episodeId) {
        return service.list(patientId, episodeId);
    }

    @GET
    @Path("/{assessmentId}")
    @Operation(operationId = "getEpisodeAssessment", summary = "Get one response assessment",
            description = "The assessment with its current version in the ETag.")
    @APIResponse(responseCode = "200", description = "The assessment", headers = @Header(name = "ETag", ref = "ETag"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EpisodeAssessmentResponse.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@PathParam("patientId") UUID patientId, @PathParam("episodeId") UUID episodeId,
            @PathParam("assessmentId") UUID assessmentId) {
        EpisodeAssessmentResponse o = service.get(patientId, episodeId, assessmentId);
        return ETags.ok(o, o.version());
    }

    @DELETE
    @RolesAllowed({Roles.CLINICIAN, Roles.INTEGRATION})
    @Path("/{assessmentId}")
    @Operation(operationId = "deleteEpisodeAssessment", summary = "Delete a response assessment",
            description = "Removes an assessment recorded in error.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response delete(@PathParam("patientId") UUID patientId, @PathParam("episodeId") UUID episodeId,
            @PathParam("assessmentId") UUID assessmentId,
            @Parameter(description = ETags.IF_MATCH_DELETE, required = true, schema = @Schema(type = SchemaType.STRING, maxLength = 200))
            @HeaderParam("If-Match") String ifMatch) {
        service.delete(patientId, episodeId, assessmentId, ifMatch);
        return Response.noContent().build();
    }
}
