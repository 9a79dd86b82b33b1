package org.myoline.api;

import java.util.ArrayList;
import java.util.List;

/** Collects cross-field validation failures so a request reports all of them at once. */
public final class Violations {
    private final List<ProblemDetail.FieldError> errors = new ArrayList<>();

    public Violations add(String field, String message) {
        errors.add(new ProblemDetail.FieldError(field, message));
        return this;
    }

    public Violations check(boolean ok, String field, String message) {
        return ok ? this : add(field, message);
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }
}
