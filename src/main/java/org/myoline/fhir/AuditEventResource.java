package org.myoline.fhir;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.myoline.api.ApiException;
import org.myoline.api.Page;
import org.myoline.api.Roles;
import org.myoline.audit.AccessRecorder;
import org.myoline.security.PatientScope;

@Path("/api/v1/fhir/AuditEvent")
@Tag(name = "FHIR")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "500", ref = "ServerError")
@RolesAllowed(Roles.AUDITOR)
public class AuditEventResource {

    /** The contract's shape of one date search value. */
    @Schema(name = "FhirDateSearch", type = SchemaType.STRING, maxLength = 40, example = "ge2026-01-01",
            pattern = "^(eq|ge|gt|le|lt)?[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:[0-9]{2}))?$",
            description = "A FHIR date search: prefix eq, ge, gt, le or lt (eq if none) and a date or an instant")
    static final class DateSearch {
        private DateSearch() {
        }
    }

    static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-01-01T00:00:00Z");

    @Inject
    AuditEventService service;

    @Inject
    PatientScope scope;

    @Inject
    AccessRecorder recorder;

    @GET
    @Produces({FhirResource.FHIR_JSON, FhirSystemResource.FHIR_NDJSON})
    @Operation(operationId = "searchAuditEvents", summary = "The audit logs as FHIR R4 AuditEvents",
            description = "Changes (create, update, delete) and reads of one patient's data as AuditEvents, for an "
                    + "audit repository (IHE BALP / ATNA): a searchset Bundle, oldest first, or every match as NDJSON "
                    + "(Accept: application/fhir+ndjson or _format=ndjson). Without `patient`, the service's own "
                    + "events (retention purges). Auditor role only; the read is itself recorded.")
    @APIResponse(responseCode = "200", description = "A searchset Bundle of AuditEvents, or NDJSON of them",
            content = {@Content(mediaType = FhirResource.FHIR_JSON, schema = @Schema(ref = "FhirResource")),
                    @Content(mediaType = FhirSystemResource.FHIR_NDJSON, schema = @Schema(type = SchemaType.STRING,
                            maxLength = 2_000_000_000, description = "One FHIR R4 AuditEvent (JSON) per line"))})
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Response search(
            @Parameter(description = "The patient: an id, bare or as Patient/{id}", schema = @Schema(type = SchemaType.STRING,
                    maxLength = 60, example = "Patient/6b520a4b-c493-42d5-98f3-5e1c061d066a"))
            @QueryParam("patient") String patient,
            @Parameter(description = "When recorded: a FHIR date search, prefix eq, ge, gt, le or lt and a date or instant; "
                    + "repeat for a range (date=ge2026-01-01&date=lt2026-02-01)", schema = @Schema(type = SchemaType.ARRAY,
                    maxItems = 2, implementation = DateSearch.class))
            @QueryParam("date") List<String> dates,
            @Parameter(description = "Events per page of the Bundle", schema = @Schema(type = SchemaType.INTEGER,
                    format = "int32", minimum = "1", maximum = "1000", defaultValue = "100"))
            @QueryParam("_count") String count,
            @Parameter(description = "Events to skip (from the Bundle's next link)", schema = @Schema(type = SchemaType.INTEGER,
                    format = "int32", minimum = "0", maximum = "100000", defaultValue = "0"))
            @QueryParam("_offset") String offset,
            @Parameter(description = "json (a Bundle) or ndjson, overriding Accept", schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"json", "ndjson", "application/fhir+json", "application/fhir+ndjson"}))
            @QueryParam("_format") String format,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        UUID patientId = patient == null || patient.isBlank() ? null : patientId(patient);
        if (patientId == null) {
            scope.requireUnscoped("read the service's own audit events");
        } else {
            scope.require(patientId);
        }
        Instant from = EARLIEST;
        Instant to = LATEST;
        if (dates != null && dates.size() > 2) {
            throw ApiException.invalid("date", "at most two bounds");
        }
        for (String date : dates == null ? List.<String>of() : dates) {
            Instant[] bounds = bounds(date);
            from = bounds[0].isAfter(from) ? bounds[0] : from;
            to = bounds[1].isBefore(to) ? bounds[1] : to;
        }
        int size = Page.param("_count", count, 100, 1, 1000);
        int skip = Page.param("_offset", offset, 0, 0, 100_000);
        AuditEventService.Query query = new AuditEventService.Query(patientId, from, to, skip, size);
        if (patientId != null) {
            recorder.saw(patientId);
        }
        if (ndjson(format, headers)) {
            StreamingOutput body = out -> service.ndjson(query, out);
            return Response.ok(body, FhirSystemResource.FHIR_NDJSON).build();
        }
        String self = uri.getRequestUri().toString();
        return Response.ok(service.bundle(query, self, next -> uri.getRequestUriBuilder()
                .replaceQueryParam("_offset", next).replaceQueryParam("_count", size).build().toString()),
                FhirResource.FHIR_JSON).build();
    }

    private static boolean ndjson(String format, HttpHeaders headers) {
        if (format != null && !format.isBlank()) {
            return switch (format) {
                case "ndjson", FhirSystemResource.FHIR_NDJSON -> true;
                case "json", FhirResource.FHIR_JSON -> false;
                default -> throw ApiException.invalid("_format", "must be json or ndjson");
            };
        }
        return headers.getAcceptableMediaTypes().stream().findFirst()
                .map(m -> m.isCompatible(MediaType.valueOf(FhirSystemResource.FHIR_NDJSON)) && !m.isWildcardType())
                .orElse(false);
    }

    private static UUID patientId(String text) {
        String id = text.startsWith("Patient/") ? text.substring("Patient/".length()) : text;
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("patient", "must be a patient id, bare or as Patient/{id}");
        }
    }

    /** [from, to) of one date parameter. */
    static Instant[] bounds(String param) {
        String prefix = param.length() > 2 && Character.isLetter(param.charAt(0)) ? param.substring(0, 2) : "eq";
        String value = param.length() > 2 && Character.isLetter(param.charAt(0)) ? param.substring(2) : param;
        Instant start;
        Instant end;
        try {
            if (value.length() == 10) {
                LocalDate day = org.myoline.common.Dates.parse(value);
                start = day.atStartOfDay().toInstant(ZoneOffset.UTC);
                end = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            } else {
                start = java.time.OffsetDateTime.parse(value).toInstant();
                end = start.plusNanos(1000);
            }
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw ApiException.invalid("date", "must be a prefix (eq, ge, gt, le, lt) and a date YYYY-MM-DD or an instant");
        }
        return switch (prefix) {
            case "eq" -> new Instant[] {start, end};
            case "ge" -> new Instant[] {start, LATEST};
            case "gt" -> new Instant[] {end, LATEST};
            case "le" -> new Instant[] {EARLIEST, end};
            case "lt" -> new Instant[] {EARLIEST, start};
            default -> throw ApiException.invalid("date", "prefix must be eq, ge, gt, le or lt");
        };
    }
}
