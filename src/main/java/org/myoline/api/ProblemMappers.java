package org.myoline.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import org.hibernate.StaleStateException;
import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into RFC 9457 problem details. Expected failures keep their meaning; anything
 * unexpected is logged and answered as a bare 500 that reveals no internals.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @jakarta.inject.Inject
    AllowedMethods allowedMethods;

    @jakarta.inject.Inject
    ClientDisconnects disconnects;

    /** Jackson's message for a key given twice (STRICT_DUPLICATE_DETECTION). */
    private static final java.util.regex.Pattern DUPLICATE = java.util.regex.Pattern.compile("^Duplicate field '(.{1,100})'");

    @ServerExceptionMapper
    public Response apiException(ApiException e, UriInfo uri) {
        return problem(e.type(), e.getMessage(), e.errors(), uri);
    }

    @ServerExceptionMapper({io.quarkus.security.UnauthorizedException.class,
            io.quarkus.security.AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(problem(ProblemType.UNAUTHORIZED, "Send a valid bearer token", List.of(), uri))
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper(io.quarkus.security.ForbiddenException.class)
    public Response forbidden(RuntimeException e, UriInfo uri) {
        return problem(ProblemType.FORBIDDEN, "This role may not perform this operation", List.of(), uri);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<ProblemDetail.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new ProblemDetail.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(ProblemDetail.FieldError::field))
                .toList();
        ApiException invalid = ApiException.invalid(errors);
        return problem(ProblemType.VALIDATION, invalid.getMessage(), errors, uri);
    }

    @ServerExceptionMapper
    public Response jsonProcessing(JsonProcessingException e, UriInfo uri) {
        return fromJson(e, uri);
    }

    @ServerExceptionMapper
    public Response badPatch(MergePatch.BadPatch e, UriInfo uri) {
        return fromJson(e.json(), uri);
    }

    // Registered separately: Quarkus ships a built-in mapper for this exact type that would otherwise win.
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return fromJson(e, uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri, jakarta.ws.rs.core.Request request) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return fromJson(json, uri);
        }
        if (e instanceof NotFoundException) {
            java.util.Set<String> allowed = allowedMethods.on(uri.getRequestUri().getRawPath());
            if (!allowed.isEmpty() && !allowed.contains(request.getMethod())) {
                return Response.fromResponse(problem(ProblemType.METHOD_NOT_ALLOWED, "This path answers "
                        + String.join(", ", allowed), List.of(), uri)).header("Allow", String.join(", ", allowed)).build();
            }
            return problem(ProblemType.NOT_FOUND, "No resource at this path", List.of(), uri);
        }
        if (e instanceof NotAllowedException) {
            return problem(ProblemType.METHOD_NOT_ALLOWED, "This method is not allowed on this path", List.of(), uri);
        }
        if (e instanceof NotSupportedException) {
            return problem(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the request body as application/json",
                    List.of(), uri);
        }
        if (e instanceof NotAcceptableException) {
            return problem(ProblemType.NOT_ACCEPTABLE, "None of the accepted media types can be produced",
                    List.of(), uri);
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Unhandled server error", e);
            return problem(ProblemType.INTERNAL, "The request could not be completed", List.of(), uri);
        }
        return Response.status(status).type(ProblemDetail.MEDIA_TYPE)
                .entity(new ProblemDetail("about:blank", Response.Status.fromStatusCode(status) == null
                        ? "Client error" : Response.Status.fromStatusCode(status).getReasonPhrase(),
                        status, "The request could not be processed", uri.getPath(), List.of()))
                .build();
    }

    @ServerExceptionMapper({OptimisticLockException.class, StaleStateException.class})
    public Response staleVersion(RuntimeException e, UriInfo uri) {
        return problem(ProblemType.PRECONDITION_FAILED,
                "The resource was changed by another request; read it again and retry", List.of(), uri);
    }

    /** A unique constraint lost to a concurrent request (a duplicate MRN, a racing Idempotency-Key). */
    @ServerExceptionMapper
    public Response constraintRace(org.hibernate.exception.ConstraintViolationException e, UriInfo uri) {
        String constraint = e.getConstraintName() == null ? "" : e.getConstraintName().toLowerCase();
        String detail = constraint.contains("idempotency")
                ? "A request with this Idempotency-Key is being processed; retry it to get its result"
                : "The change conflicts with data written at the same time; read again and retry";
        return problem(ProblemType.CONFLICT, detail, List.of(), uri);
    }

    @ServerExceptionMapper({JDBCConnectionException.class, SQLTransientConnectionException.class})
    public Response databaseUnavailable(Exception e, UriInfo uri) {
        // Only the exception type is logged: SQL messages can carry values from the request.
        LOG.warn("Database unavailable: " + e.getClass().getSimpleName());
        return Response.fromResponse(problem(ProblemType.SERVICE_UNAVAILABLE,
                "The database is unavailable; retry later", List.of(), uri)).header("Retry-After", "5").build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        if (databaseUnavailable(e)) {
            return databaseUnavailable(e, uri);
        }
        if (ClientDisconnects.isDisconnect(e)) {
            disconnects.record(e);
            return problem(ProblemType.MALFORMED_BODY, "The client closed the connection before the request was read",
                    List.of(), uri);
        }
        if (e instanceof java.io.IOException && thrownBy(e, "org.jboss.resteasy.reactive.server.core.multipart.")) {
            return problem(ProblemType.MALFORMED_BODY, "The multipart/form-data body cannot be read (each part needs "
                    + "the boundary of the Content-Type, headers and a closing boundary)", List.of(), uri);
        }
        LOG.error("Unhandled server error", e);
        return problem(ProblemType.INTERNAL, "The request could not be completed", List.of(), uri);
    }

    /** Whether the failure was raised inside the given package (the REST layer's multipart parser, say). */
    private static boolean thrownBy(Throwable e, String packagePrefix) {
        StackTraceElement[] frames = e.getStackTrace();
        return frames.length > 0 && frames[0].getClassName().startsWith(packagePrefix);
    }

    /**
     * Whether a failure means the database cannot be reached: a connection-class SQL state (08xxx), the server
     * shutting down (57Pxx), a connection exception, or the pool giving up waiting for a connection; wrapped or not
     * (the JDBC readers wrap the SQLException they meet).
     */
    static boolean databaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JDBCConnectionException || t instanceof SQLTransientConnectionException
                    || t instanceof java.net.ConnectException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql) {
                String state = sql.getSQLState();
                String message = String.valueOf(sql.getMessage()).toLowerCase();
                // 08: connection exceptions; 57P: the server shutting down or restarting (PostgreSQL's
                // admin_shutdown, crash_shutdown, cannot_connect_now), met by a pooled connection it terminated.
                if ((state != null && (state.startsWith("08") || state.startsWith("57P")))
                        || message.contains("acquisition timeout")) {
                    return true;
                }
            }
        }
        return false;
    }

    private Response fromJson(JsonProcessingException e, UriInfo uri) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = pathOf(mapping.getPath());
            String message;
            if (e instanceof UnrecognizedPropertyException) {
                message = "is not a field of this resource";
            } else if (org.myoline.common.Texts.NUL_MESSAGE.equals(e.getOriginalMessage())) {
                message = org.myoline.common.Texts.NUL_MESSAGE;
            } else if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                    && invalid.getTargetType().isEnum()) {
                message = "must be one of " + Arrays.stream(invalid.getTargetType().getEnumConstants())
                        .map(Object::toString).collect(Collectors.joining(", "));
            } else if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
                message = "has the wrong type or format: expected " + describe(mismatched.getTargetType());
            } else {
                message = "could not be read";
            }
            ApiException invalid = ApiException.invalid(field, message);
            return problem(ProblemType.VALIDATION, invalid.getMessage(), invalid.errors(), uri);
        }
        java.util.regex.Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
        if (duplicate.find()) {
            ApiException invalid = ApiException.invalid(duplicate.group(1), "appears more than once in the same object");
            return problem(ProblemType.VALIDATION, invalid.getMessage(), invalid.errors(), uri);
        }
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        return problem(ProblemType.MALFORMED_BODY, "The request body is not valid JSON" + where, List.of(), uri);
    }

    private static String describe(Class<?> type) {
        if (type == java.time.LocalDate.class) {
            return "a date YYYY-MM-DD";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    private static String pathOf(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }

    /** Bean-validation path without the Java method and parameter names: "dose.value", "doseChanges[1].date". */
    static String fieldOf(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = new ArrayList<>();
        violation.getPropertyPath().forEach(nodes::add);
        StringBuilder sb = new StringBuilder();
        for (Iterator<Path.Node> it = nodes.iterator(); it.hasNext(); ) {
            Path.Node node = it.next();
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR
                    || kind == ElementKind.CROSS_PARAMETER || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (kind == ElementKind.PARAMETER) {
                // A body parameter's own name is noise; a query/path parameter's name is the field.
                if (!it.hasNext()) {
                    sb.append(node.getName());
                }
                continue;
            }
            if (node.isInIterable()) {
                sb.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (node.getName() != null && kind != ElementKind.CONTAINER_ELEMENT) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(node.getName());
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }

    static Response problem(ProblemType type, String detail, List<ProblemDetail.FieldError> errors, UriInfo uri) {
        return Response.status(type.status())
                .type(ProblemDetail.MEDIA_TYPE)
                .entity(new ProblemDetail(type.uri(), type.title(), type.status(), detail,
                        uri == null ? null : uri.getPath(), errors))
                .build();
    }
}
