package org.myoline.api;

import jakarta.ws.rs.core.Response.Status;

/** The problem types this API emits; {@code type} URIs are stable and part of the contract. */
public enum ProblemType {
    VALIDATION("validation", "Request validation failed", Status.BAD_REQUEST),
    MALFORMED_BODY("malformed-body", "Malformed request body", Status.BAD_REQUEST),
    UNAUTHORIZED("unauthorized", "Authentication required", Status.UNAUTHORIZED),
    FORBIDDEN("forbidden", "Forbidden", Status.FORBIDDEN),
    NOT_FOUND("not-found", "Resource not found", Status.NOT_FOUND),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", Status.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", Status.NOT_ACCEPTABLE),
    CONFLICT("conflict", "Conflict with the current state of the resource", Status.CONFLICT),
    PRECONDITION_FAILED("precondition-failed", "Precondition failed", Status.PRECONDITION_FAILED),
    PREFETCH_REQUIRED("prefetch-required", "Prefetched data required", Status.PRECONDITION_FAILED),
    PRECONDITION_REQUIRED("precondition-required", "Precondition required", 428),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "Idempotency-Key reused with a different request", 422),
    PAYLOAD_TOO_LARGE("payload-too-large", "Request body too large", 413),
    URI_TOO_LONG("uri-too-long", "Request target too long", 414),
    HEADERS_TOO_LARGE("headers-too-large", "Request header fields too large", 431),
    MALFORMED_REQUEST("malformed-request", "Malformed request", Status.BAD_REQUEST),
    TOO_MANY_REQUESTS("too-many-requests", "Too many requests", 429),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", Status.UNSUPPORTED_MEDIA_TYPE),
    SERVICE_UNAVAILABLE("service-unavailable", "Service temporarily unavailable", Status.SERVICE_UNAVAILABLE),
    INTERNAL("internal", "Internal server error", Status.INTERNAL_SERVER_ERROR);

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, Status status) {
        this(slug, title, status.getStatusCode());
    }

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String uri() {
        return "urn:myoline:problem:" + slug;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }
}
