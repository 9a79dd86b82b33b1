package org.myoline.api;

import java.util.List;

/**
 * A failure the service expects and reports to the caller as a problem detail.
 * Services throw it; {@link ProblemMappers} renders it.
 */
public class ApiException extends RuntimeException {
    private final ProblemType type;
    private final transient List<ProblemDetail.FieldError> errors;

    public ApiException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ApiException(ProblemType type, String detail, List<ProblemDetail.FieldError> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public ProblemType type() {
        return type;
    }

    public List<ProblemDetail.FieldError> errors() {
        return errors;
    }

    public static ApiException notFound(String what, Object id) {
        return new ApiException(ProblemType.NOT_FOUND, what + " " + id + " does not exist");
    }

    public static ApiException conflict(String detail) {
        return new ApiException(ProblemType.CONFLICT, detail);
    }

    public static ApiException invalid(List<ProblemDetail.FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new ApiException(ProblemType.VALIDATION, detail, errors);
    }

    public static ApiException invalid(String field, String message) {
        return invalid(List.of(new ProblemDetail.FieldError(field, message)));
    }
}
