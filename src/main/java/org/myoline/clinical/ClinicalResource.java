package org.myoline.clinical;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.myoline.api.ETags;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.myoline.api.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.myoline.api.ApiException;

@Path("/api/v1/patients/{patientId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Clinical")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "500", ref = "ServerError")
@RolesAllowed({Roles.VIEWER, Roles.CLINICIAN, Roles.INTEGRATION})
public class ClinicalResource {

    static final String ETAG = "Tags this view of the history as it stands (history version, view, as-of date, rules): "
            + "send it back in If-None-Match to get 304 while nothing has changed";
    static final String NOT_MODIFIED = "The representation named in If-None-Match is still current; no body";

    @Inject
    ClinicalService service;

    @GET
    @Path("/timeline")
    @Operation(operationId = "getTimeline", summary = "Lines of therapy and glucocorticoid exposure",
            description = "Lines of therapy with their regimens and reasons, the calcinosis track, and the daily "
                    + "prednisone-equivalent curve with pulses apart, using only what was known on asOf.")
    @APIResponse(responseCode = "200", description = "The timeline",
            headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING, maxLength = 200)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TimelineResponse.class)))
    @APIResponse(responseCode = "304", description = NOT_MODIFIED,
            headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING, maxLength = 200)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response timeline(@PathParam("patientId") UUID patientId,
            @Parameter(description = "Read the history as of this date (default today); later facts are ignored",
                    schema = @Schema(type = SchemaType.STRING, format = "date", example = "2009-04-30"))
            @QueryParam("asOf") String asOf,
            @Parameter(description = ETags.IF_NONE_MATCH, schema = @Schema(type = SchemaType.STRING, maxLength = 1000))
            @HeaderParam("If-None-Match") String ifNoneMatch) {
        LocalDate date = asOf(asOf);
        return conditional(service.tag(patientId, "timeline", date), ifNoneMatch, () -> service.timeline(patientId, date));
    }

    @GET
    @Path("/assessment")
    @Operation(operationId = "getAssessment", summary = "Refractoriness, current tier and next steps",
            description = "The refractoriness verdict by the default RIM-like definition and its variants, every rule "
                    + "evaluated with its evidence and source, failed drugs, inadequate trials, intolerances, the current "
                    + "escalation tier and candidate next steps. Decision support only.")
    @APIResponse(responseCode = "200", description = "The assessment",
            headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING, maxLength = 200)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AssessmentResponse.class)))
    @APIResponse(responseCode = "304", description = NOT_MODIFIED,
            headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING, maxLength = 200)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response assessment(@PathParam("patientId") UUID patientId,
            @Parameter(description = "Read the history as of this date (default today); later facts are ignored",
                    schema = @Schema(type = SchemaType.STRING, format = "date", example = "2009-04-30"))
            @QueryParam("asOf") String asOf,
            @Parameter(description = ETags.IF_NONE_MATCH, schema = @Schema(type = SchemaType.STRING, maxLength = 1000))
            @HeaderParam("If-None-Match") String ifNoneMatch) {
        LocalDate date = asOf(asOf);
        return conditional(service.tag(patientId, "assessment", date), ifNoneMatch, () -> service.assessment(patientId, date));
    }

    /**
     * 304 with the tag when the client's copy is current (the tag costs one indexed read: no history is read and
     * the engine does not run), else the view with its tag. The tag is read before the view (see
     * {@link ClinicalService#tag}).
     */
    private static Response conditional(EntityTag tag, String ifNoneMatch, Supplier<Object> view) {
        if (ETags.notModified(ifNoneMatch, tag)) {
            return Response.notModified(tag).build();
        }
        return Response.ok(view.get()).tag(tag).build();
    }

    /** Parsed here rather than by the framework so a bad date is a 400 naming the parameter. */
    private LocalDate asOf(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        LocalDate date;
        try {
            date = org.myoline.common.Dates.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("asOf", "must be a date YYYY-MM-DD");
        }
        if (date.isAfter(service.today())) {
            throw ApiException.invalid("asOf", "must not be in the future: the engine reads recorded facts, not plans");
        }
        return date;
    }
}
