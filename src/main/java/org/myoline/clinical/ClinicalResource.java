package org.myoline.clinical;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.myoline.api.ETags;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
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

    @Inject
    TimelineRenderings renderings;

    static final String SVG = "image/svg+xml";
    private static final MediaType SVG_TYPE = MediaType.valueOf(SVG);
    static final String SVG_EXAMPLE = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1120\" height=\"90\" "
            + "viewBox=\"0 0 1120 90\" role=\"img\" aria-labelledby=\"timeline-title timeline-desc\" "
            + "font-family=\"DejaVu Sans, Verdana, Arial, sans-serif\"><title id=\"timeline-title\">Treatment timeline "
            + "as of 2009-04-30: Glucocorticoid resistant</title><desc id=\"timeline-desc\">4 lines of therapy, 5 "
            + "episodes</desc><text class=\"label verdict\" x=\"12\" y=\"24\" font-size=\"15\" font-weight=\"bold\" "
            + "fill=\"#1a1a1a\" data-status=\"GLUCOCORTICOID_RESISTANT\">Verdict: Glucocorticoid resistant</text></svg>";
    static final String HTML_EXAMPLE = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Treatment "
            + "summary SEED-000 as of 2009-04-30</title></head><body><h1>Dermatomyositis treatment summary</h1><p>Verdict "
            + "by the RIM definition: <strong id=\"verdict\" data-status=\"GLUCOCORTICOID_RESISTANT\">Glucocorticoid "
            + "resistant</strong></p></body></html>";
    static final String POLICY = "Content-Security-Policy of the rendering: no script and no external resource";

    @GET
    @Path("/timeline")
    @Produces({MediaType.APPLICATION_JSON, SVG, MediaType.TEXT_HTML})
    @Operation(operationId = "getTimeline", summary = "Lines of therapy and glucocorticoid exposure, as data or as a picture",
            description = "Lines of therapy with their regimens and reasons, the calcinosis track, and the daily "
                    + "prednisone-equivalent curve with pulses apart, using only what was known on asOf. "
                    + "The representation follows Accept (or `format`, for links that cannot set headers): JSON data; "
                    + "an SVG picture (swim lanes per line, the glucocorticoid track with its thresholds, events, "
                    + "measures, and a header with the verdict, tier and next step), self-contained with no script; or a "
                    + "one-page HTML clinical summary (the picture, the lines, the verdict under every definition with "
                    + "its criteria and sources, next steps, warnings) for embedding or printing on A4. "
                    + "`from` and `to` frame the picture; the JSON timeline is always the whole history.")
    @APIResponse(responseCode = "200", description = "The timeline",
            headers = {@Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING, maxLength = 200)),
                    @Header(name = "Content-Security-Policy", description = POLICY,
                            schema = @Schema(type = SchemaType.STRING, maxLength = 300)),
                    @Header(name = "Vary", description = "Accept: the representation depends on it",
                            schema = @Schema(type = SchemaType.STRING, maxLength = 100))},
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TimelineResponse.class)),
                    @Content(mediaType = SVG, schema = @Schema(type = SchemaType.STRING, maxLength = 50_000_000),
                            examples = @ExampleObject(name = "picture", summary = "The header of a picture", value = SVG_EXAMPLE)),
                    @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING, maxLength = 60_000_000),
                            examples = @ExampleObject(name = "summary", summary = "The head of a summary", value = HTML_EXAMPLE))})
    @APIResponse(responseCode = "304", description = NOT_MODIFIED,
            headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING, maxLength = 200)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response timeline(@PathParam("patientId") UUID patientId,
            @Parameter(description = "Read the history as of this date (default today); later facts are ignored",
                    schema = @Schema(type = SchemaType.STRING, format = "date", example = "2009-04-30"))
            @QueryParam("asOf") String asOf,
            @Parameter(description = "Pictures only: first day drawn (default: a little before the history's first date)",
                    schema = @Schema(type = SchemaType.STRING, format = "date", example = "2006-01-01"))
            @QueryParam("from") String from,
            @Parameter(description = "Pictures only: last day drawn (default: the as-of date)",
                    schema = @Schema(type = SchemaType.STRING, format = "date", example = "2009-04-30"))
            @QueryParam("to") String to,
            @Parameter(description = "The representation, overriding Accept: for links that cannot set headers (a CDS "
                    + "Hooks card, an img element)", schema = @Schema(type = SchemaType.STRING, enumeration = {"json", "svg", "html"}))
            @QueryParam("format") String format,
            @Parameter(description = ETags.IF_NONE_MATCH, schema = @Schema(type = SchemaType.STRING, maxLength = 1000))
            @HeaderParam("If-None-Match") String ifNoneMatch,
            @Context HttpHeaders headers) {
        LocalDate date = asOf(asOf);
        String kind = representation(format, headers);
        if (kind.equals("json")) {
            dates("from", from);
            dates("to", to);
            return respond(service.derived(patientId, "timeline", date, ifNoneMatch,
                    day -> service.json(service.timeline(patientId, day))), MediaType.APPLICATION_JSON_TYPE)
                    .header(HttpHeaders.VARY, HttpHeaders.ACCEPT).build();
        }
        LocalDate first = dates("from", from);
        LocalDate last = dates("to", to);
        LocalDate effectiveAsOf = date == null ? service.today() : date;
        if (last != null && last.isAfter(effectiveAsOf)) {
            throw ApiException.invalid("to", "must not be after the as-of date (" + effectiveAsOf + ")");
        }
        if (first != null && !first.isBefore(last == null ? effectiveAsOf : last)) {
            throw ApiException.invalid("from", "must be before the last day drawn");
        }
        String view = "timeline." + kind + (first == null ? "" : "~" + first) + (last == null ? "" : "~" + last);
        boolean svg = kind.equals("svg");
        ClinicalService.Derived derived = service.derived(patientId, view, date, ifNoneMatch,
                day -> (svg ? renderings.svg(patientId, day, first, last) : renderings.html(patientId, day, first, last))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (derived.notModified()) {
            return Response.notModified(derived.tag()).header(HttpHeaders.VARY, HttpHeaders.ACCEPT).build();
        }
        return Response.ok(derived.body())
                .tag(derived.tag()).type(svg ? SVG + ";charset=UTF-8" : MediaType.TEXT_HTML + ";charset=UTF-8")
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
                .header("Content-Security-Policy", svg ? TimelineRenderings.SVG_POLICY : TimelineRenderings.HTML_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    /**
     * json, svg or html: {@code format} when given, else the Accept type with the highest quality, ties going to
     * JSON, then SVG (so a generated client listing every type gets data, and a browser gets the summary).
     */
    static String representation(String format, HttpHeaders headers) {
        if (format != null && !format.isBlank()) {
            return switch (format) {
                case "json", "svg", "html" -> format;
                default -> throw ApiException.invalid("format", "must be json, svg or html");
            };
        }
        double json = 0, svg = 0, html = 0;
        for (MediaType m : headers.getAcceptableMediaTypes()) {
            double q = quality(m);
            json = Math.max(json, m.isCompatible(MediaType.APPLICATION_JSON_TYPE) ? q : 0);
            svg = Math.max(svg, m.isCompatible(SVG_TYPE) ? q : 0);
            html = Math.max(html, m.isCompatible(MediaType.TEXT_HTML_TYPE) ? q : 0);
        }
        if (json >= svg && json >= html) {
            return "json";
        }
        return svg >= html ? "svg" : "html";
    }

    private static double quality(MediaType m) {
        String q = m.getParameters().get("q");
        if (q == null) {
            return 1;
        }
        try {
            return Double.parseDouble(q);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** An optional date parameter, or a 400 naming it. */
    private static LocalDate dates(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return org.myoline.common.Dates.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name, "must be a date YYYY-MM-DD");
        }
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
        return respond(service.derived(patientId, "assessment", date, ifNoneMatch,
                day -> service.json(service.assessment(patientId, day))), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /**
     * 304 with the tag when the client's copy is current, else the body (from the result store or derived just now;
     * see {@link ClinicalService#derived}) with its tag.
     */
    private static Response.ResponseBuilder respond(ClinicalService.Derived derived, MediaType type) {
        if (derived.notModified()) {
            return Response.notModified(derived.tag());
        }
        // Typed explicitly: with several produced types, a wildcard such as application/* must still get JSON.
        return Response.ok(derived.body(), type).tag(derived.tag());
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
