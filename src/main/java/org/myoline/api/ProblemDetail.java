package org.myoline.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * RFC 9457 problem details. Every error the API returns has this shape, with media type
 * {@code application/problem+json}; validation errors name each offending field in {@code errors}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", requiredProperties = {"type", "title", "status"}, description = "RFC 9457 problem details")
public record ProblemDetail(
        @Schema(description = "URI reference identifying the problem type", example = "urn:myoline:problem:validation",
                maxLength = 200) String type,
        @Schema(description = "Short, human-readable summary of the problem type", example = "Request validation failed",
                maxLength = 200) String title,
        @Schema(description = "HTTP status code", example = "400", minimum = "100", maximum = "599") int status,
        @Schema(description = "Explanation specific to this occurrence", maxLength = 2000,
                example = "2 fields are invalid") String detail,
        @Schema(description = "URI reference of the request that produced the problem", maxLength = 2000,
                example = "/api/v1/patients") String instance,
        @Schema(description = "Offending fields, for validation problems", maxItems = 100) List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** Kept within the published bounds, whatever the request carried: an overlong instance is left out. */
    public ProblemDetail {
        detail = cut(detail, 2000);
        instance = instance != null && instance.length() > 2000 ? null : instance;
        errors = errors == null ? null : errors.stream().limit(100).toList();
    }

    static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    @Schema(name = "FieldError", requiredProperties = {"field", "message"}, description = "One invalid field of the request")
    public record FieldError(
            @Schema(description = "JSON path of the field in the request body, or the parameter name",
                    example = "dose.unit", maxLength = 300) String field,
            @Schema(description = "What is wrong with it", example = "must be one of mg/d, mg/kg/d, …",
                    maxLength = 1000) String message) {
        public FieldError {
            field = cut(field, 300);
            message = cut(message, 1000);
        }
    }
}
