package org.myoline.cohort;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.myoline.api.Roles;
import org.myoline.api.Violations;
import org.myoline.engine.model.Feature;
import org.myoline.engine.model.Subtype;

@Path("/api/v1/cohorts/outcomes")
@Tag(name = "Cohorts")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "500", ref = "ServerError")
@RolesAllowed({Roles.VIEWER, Roles.CLINICIAN, Roles.INTEGRATION})
public class CohortResource {
    static final String CSV = "text/csv";
    static final String SVG = "image/svg+xml";

    @Inject
    CohortService service;

    @Inject
    org.myoline.security.PatientScope scope;

    @GET
    @Produces({MediaType.APPLICATION_JSON, CSV, SVG})
    @Operation(operationId = "getCohortOutcomes", summary = "Outcomes of a drug across the patients who received it",
            description = "Responses to the first treatment era, courses, relapse among major responders (with a "
                    + "Kaplan–Meier relapse-free curve), re-treatment, adverse-event stops and conversion to muscle "
                    + "disease, as JSON, as CSV (Accept: text/csv) or the curve as SVG (Accept: image/svg+xml).")
    @APIResponse(responseCode = "200", description = "The outcome table", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CohortOutcomeResponse.class)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING, maxLength = 10000000,
                    example = "measure,value\r\ndrug,ivig\r\npatients,27\r\n")),
            @Content(mediaType = SVG, schema = @Schema(type = SchemaType.STRING, maxLength = 10000000,
                    example = "<svg xmlns=\"http://www.w3.org/2000/svg\">…</svg>"))})
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "406", ref = "NotAcceptable")
    public Response outcomes(
            @Parameter(description = "Catalogue code of the drug", required = true,
                    schema = @Schema(type = SchemaType.STRING, maxLength = 64, pattern = "^[a-z0-9-]{1,64}$", example = "ivig"))
            @QueryParam("drug") String drug,
            @Parameter(description = "Only patients of this subtype",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"CLASSIC", "AMYOPATHIC", "HYPOMYOPATHIC", "JUVENILE"}))
            @QueryParam("subtype") String subtype,
            @Parameter(description = "Only patients with this feature", schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"SKIN", "MUSCLE", "DYSPHAGIA", "ILD", "RAPIDLY_PROGRESSIVE_ILD", "ANTI_MDA5", "CALCINOSIS", "MALIGNANCY"}))
            @QueryParam("feature") String feature,
            @Parameter(description = "Only patients whose first episode of the drug started on or after this date",
                    schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("from") String from,
            @Parameter(description = "Only patients whose first episode of the drug started on or before this date",
                    schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("to") String to,
            @Context HttpHeaders headers) {
        scope.requireUnscoped("read a cohort of patients");
        Violations v = new Violations();
        v.check(drug != null && !drug.isBlank(), "drug", "is required");
        Subtype s = parseEnum(Subtype.class, subtype, "subtype", v);
        Feature f = parseEnum(Feature.class, feature, "feature", v);
        LocalDate fromDate = parseDate(from, "from", v);
        LocalDate toDate = parseDate(to, "to", v);
        v.check(fromDate == null || toDate == null || !toDate.isBefore(fromDate), "to", "must not be before from");
        v.throwIfAny();
        MediaType wanted = headers.getAcceptableMediaTypes().stream()
                .filter(m -> m.isCompatible(MediaType.APPLICATION_JSON_TYPE) || m.isCompatible(MediaType.valueOf(CSV))
                        || m.isCompatible(MediaType.valueOf(SVG)))
                .findFirst().orElseThrow(NotAcceptableException::new);
        CohortOutcomeResponse outcome = service.outcomes(new CohortFilter(drug, s, f, fromDate, toDate));
        if (wanted.isWildcardType() || wanted.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            return Response.ok(outcome, MediaType.APPLICATION_JSON_TYPE).build();
        }
        if (wanted.isCompatible(MediaType.valueOf(CSV))) {
            return Response.ok(CohortRenderings.csv(outcome), CSV + ";charset=UTF-8")
                    .header("Content-Disposition", "inline; filename=\"" + drug + "-outcomes.csv\"").build();
        }
        return Response.ok(CohortRenderings.svg(outcome), SVG).build();
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String field, Violations v) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            v.add(field, "must be one of " + String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
            return null;
        }
    }

    private static LocalDate parseDate(String value, String field, Violations v) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return org.myoline.common.Dates.parse(value);
        } catch (DateTimeParseException e) {
            v.add(field, "must be a date YYYY-MM-DD");
            return null;
        }
    }

}
