package org.myoline.episode;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import org.myoline.api.MergePatch;

@Path("/api/v1/patients/{patientId}/episodes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Episodes")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "500", ref = "ServerError")
@RolesAllowed({Roles.VIEWER, Roles.CLINICIAN, Roles.INTEGRATION})
public class EpisodeResource {

    static final String EXAMPLE = """
            {"drug":"prednisolone","route":"ORAL","dose":{"value":60,"unit":"mg/d"},"startDate":"2024-01-15",\
            "endDate":"2024-09-30","doseChanges":[{"date":"2024-03-11","dose":{"value":40,"unit":"mg/d"}},\
            {"date":"2024-04-08","dose":{"value":10,"unit":"mg/d"}}],"response":"PARTIAL","stopReason":"INEFFICACY",\
            "notes":"Taper after the switch"}""";

    @Inject
    Idempotency idempotency;

    @Inject
    EpisodeService service;

    @POST
    @RolesAllowed({Roles.CLINICIAN, Roles.INTEGRATION})
    @Operation(operationId = "createEpisode", summary = "Add a treatment episode to a patient",
            description = "The drug must be a catalogue code; units are UCUM; dose changes must lie inside the episode and be in date order.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EpisodeRequest.class),
            examples = @ExampleObject(name = "prednisoloneTaper", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created",
            headers = {@Header(name = "Location", ref = "Location"), @Header(name = "ETag", ref = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EpisodeResponse.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "422", ref = "IdempotencyKeyReused")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response create(@PathParam("patientId") UUID patientId, @Valid @NotNull EpisodeRequest request,
            @Context UriInfo uri,
            @Parameter(description = Idempotency.KEY_DESCRIPTION, schema = @Schema(type = SchemaType.STRING, maxLength = 200))
            @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return idempotency.create(idempotencyKey, request, uri.getPath(), () -> {
            EpisodeResponse created = service.create(patientId, request);
            return ETags.created(uri, created.id(), created.version(), created);
        });
    }

    @GET
    @Operation(operationId = "listEpisodes", summary = "List a patient's episodes",
            description = "Ordered by start date, then by the order they were recorded.")
    @APIResponse(responseCode = "200", description = "All episodes of the patient",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = EpisodeResponse.class,
                            maxItems = EpisodeService.MAX_EPISODES_PER_PATIENT)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public List<EpisodeResponse> list(@PathParam("patientId") UUID patientId) {
        return service.list(patientId);
    }

    @GET
    @Path("/{episodeId}")
    @Operation(operationId = "getEpisode", summary = "Get one episode",
            description = "The episode with its current version in the ETag.")
    @APIResponse(responseCode = "200", description = "The episode", headers = @Header(name = "ETag", ref = "ETag"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EpisodeResponse.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@PathParam("patientId") UUID patientId, @PathParam("episodeId") UUID episodeId) {
        EpisodeResponse episode = service.get(patientId, episodeId);
        return ETags.ok(episode, episode.version());
    }

    @PUT
    @RolesAllowed({Roles.CLINICIAN, Roles.INTEGRATION})
    @Path("/{episodeId}")
    @Operation(operationId = "replaceEpisode", summary = "Replace an episode",
            description = "Full replacement. Send the ETag in If-Match to make sure no one else changed it meanwhile.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EpisodeRequest.class),
            examples = @ExampleObject(name = "prednisoloneTaper", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The replaced episode", headers = @Header(name = "ETag", ref = "ETag"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EpisodeResponse.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response replace(@PathParam("patientId") UUID patientId, @PathParam("episodeId") UUID episodeId,
            @Parameter(description = ETags.IF_MATCH_CHANGE, required = true, schema = @Schema(type = SchemaType.STRING, maxLength = 200))
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull EpisodeRequest request) {
        EpisodeResponse episode = service.update(patientId, episodeId, request, ifMatch);
        return ETags.ok(episode, episode.version());
    }

    @PATCH
    @RolesAllowed({Roles.CLINICIAN, Roles.INTEGRATION})
    @Path("/{episodeId}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @Operation(operationId = "patchEpisode", summary = "Change some fields of an episode",
            description = "JSON Merge Patch (RFC 7396): send only the fields to change (to end an episode: endDate and "
                    + "stopReason); null clears an optional one; an array (doseChanges) is replaced whole. The result is "
                    + "validated as a full replace would be. Requires If-Match.")
    @RequestBody(required = true, content = @Content(mediaType = MergePatch.MEDIA_TYPE,
            schema = @Schema(ref = "EpisodeInput"),
            examples = @ExampleObject(name = "stop", value = "{\"endDate\":\"2024-07-20\",\"stopReason\":\"INEFFICACY\",\"response\":\"NONE\"}")))
    @APIResponse(responseCode = "200", description = "The changed episode", headers = @Header(name = "ETag", ref = "ETag"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EpisodeResponse.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response patch(@PathParam("patientId") UUID patientId, @PathParam("episodeId") UUID episodeId,
            @Parameter(description = ETags.IF_MATCH_CHANGE, required = true, schema = @Schema(type = SchemaType.STRING, maxLength = 200))
            @HeaderParam("If-Match") String ifMatch,
            JsonNode patch) {
        EpisodeResponse episode = service.patch(patientId, episodeId, patch, ifMatch, EpisodeRequest.class);
        return ETags.ok(episode, episode.version());
    }

    @DELETE
    @RolesAllowed({Roles.CLINICIAN, Roles.INTEGRATION})
    @Path("/{episodeId}")
    @Operation(operationId = "deleteEpisode", summary = "Delete an episode",
            description = "Events that referred to it keep their date and type but lose the link.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response delete(@PathParam("patientId") UUID patientId, @PathParam("episodeId") UUID episodeId,
            @Parameter(description = ETags.IF_MATCH_DELETE, required = true, schema = @Schema(type = SchemaType.STRING, maxLength = 200))
            @HeaderParam("If-Match") String ifMatch) {
        service.delete(patientId, episodeId, ifMatch);
        return Response.noContent().build();
    }
}
