package org.myoline.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;
import org.myoline.config.MyolineConfig;

/**
 * What happens to a request before a resource sees it, so that every refusal is an RFC 9457 problem like the
 * rest of the API:
 * <ul>
 * <li>a request target, header block or declared body over the limits is refused (414, 431, 413) before it is
 * read; a chunked body is read up to the body limit and refused past it (413); a caller over the configured
 * rate is refused (429 with Retry-After; off by default);</li>
 * <li>Accept is made usable: an empty one means any type, unparsable parts are ignored, and
 * {@code application/problem+json} (the type errors come in) also accepts the JSON success types, which is
 * what clients generated from the contract send;</li>
 * <li>failures of the HTTP layer itself (a malformed percent-escape, an oversized chunked body) answer with a
 * problem instead of an empty body.</li>
 * </ul>
 * The HTTP server's own limits (quarkus.http.limits.*) stay above these as the backstop.
 */
@ApplicationScoped
public class HttpEdge {

    private static final Logger LOG = Logger.getLogger(HttpEdge.class);
    private static final String PROBLEM_JSON = ProblemDetail.MEDIA_TYPE;
    /** Where the HTTP layer keeps the body limit of a request for the readers of streamed bodies. */
    private static final String MAX_REQUEST_SIZE = "io.quarkus.max-request-size";

    @Inject
    ObjectMapper json;

    @Inject
    MyolineConfig config;

    @Inject
    ClientDisconnects disconnects;

    void register(@Observes Router router) {
        long bodyLimit = config.http().maxBodySize().asLongValue();
        int targetLimit = config.http().maxTargetLength();
        int headerLimit = config.http().maxHeaderBytes();
        BodyHandler chunkedBodies = BodyHandler.create(false).setBodyLimit(bodyLimit);
        RateLimiter limiter = new RateLimiter(config.http().rateLimit());
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            HttpServerRequest request = ctx.request();
            if (!validTarget(request.uri())) {
                problem(ctx, ProblemType.MALFORMED_REQUEST, "The request target is not a valid URI (a malformed "
                        + "percent-escape or an illegal character, say)");
                return;
            }
            if (request.path() != null && request.path().contains("//")) {
                problem(ctx, ProblemType.NOT_FOUND, "No resource at this path (it has an empty segment)");
                return;
            }
            if (request.uri().length() > targetLimit) {
                problem(ctx, ProblemType.URI_TOO_LONG, "The request target is longer than the " + targetLimit
                        + " characters the service accepts");
                return;
            }
            if (headerBytes(request.headers()) > headerLimit) {
                problem(ctx, ProblemType.HEADERS_TOO_LARGE, "The request headers are larger than the " + headerLimit
                        + " bytes the service accepts");
                return;
            }
            if (limiter.enabled() && request.path() != null && !request.path().startsWith("/q/")
                    && !limiter.allow(request.getHeader("Authorization"), String.valueOf(request.remoteAddress()),
                            System.currentTimeMillis())) {
                ctx.response().putHeader("Retry-After", "1");
                problem(ctx, ProblemType.TOO_MANY_REQUESTS, "More than " + config.http().rateLimit()
                        + " requests a second from this caller; retry after the delay in Retry-After");
                return;
            }
            String contentType = request.getHeader("Content-Type");
            if (contentType != null && hasBody(request) && !validRange(contentType.trim())) {
                problem(ctx, ProblemType.UNSUPPORTED_MEDIA_TYPE, "The Content-Type is not a media type (type/subtype "
                        + "with optional parameters)");
                return;
            }
            normaliseAccept(request.headers());
            if (BulkUploads.isBulkUpload(request)) {
                ctx.next(); // streamed to the database, bounded by quarkus.http.limits.max-body-size only
                return;
            }
            String length = request.getHeader("Content-Length");
            if (length != null && tooLarge(length, bodyLimit)) {
                problem(ctx, ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than the " + bodyLimit
                        + " bytes the service accepts");
                return;
            }
            if (length == null && chunked(request) && !multipart(request)) {
                // Read here, where an overflow can still be answered properly; the resource reads the buffered body.
                chunkedBodies.handle(ctx);
                return;
            }
            ctx.next();
        });
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failure);
        // After the HTTP layer's own limit handler (order -2), which sets the backstop limit for streamed bodies
        // (a chunked multipart body, an InputStream): every request but a bulk upload gets the ordinary limit.
        router.route().order(-1).handler(ctx -> {
            if (!BulkUploads.isBulkUpload(ctx.request())) {
                ctx.put(MAX_REQUEST_SIZE, bodyLimit);
            }
            ctx.next();
        });
    }

    /** A failure of the HTTP layer or of a route handler, answered as a problem if nothing was sent yet. */
    private void failure(RoutingContext ctx) {
        if (ctx.failure() != null && ClientDisconnects.isDisconnect(ctx.failure())) {
            disconnects.record(ctx.failure());
            if (!ctx.response().ended() && !ctx.response().closed()) {
                ctx.response().setStatusCode(400).end();
            }
            return;
        }
        if (ctx.response().ended() || ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        int status = ctx.statusCode();
        Throwable failure = ctx.failure();
        if (status == 413) {
            ctx.response().putHeader("Connection", "close");
            problem(ctx, ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than the service accepts");
        } else if (status == 400) {
            problem(ctx, ProblemType.MALFORMED_REQUEST, "The request line or its path cannot be read "
                    + "(a malformed percent-escape, say)");
        } else if (status >= 400 && status < 500) {
            ProblemType type = switch (status) {
                case 401 -> ProblemType.UNAUTHORIZED;
                case 403 -> ProblemType.FORBIDDEN;
                case 404 -> ProblemType.NOT_FOUND;
                case 405 -> ProblemType.METHOD_NOT_ALLOWED;
                case 406 -> ProblemType.NOT_ACCEPTABLE;
                case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
                default -> null;
            };
            if (type == null) {
                ctx.next();
                return;
            }
            problem(ctx, type, "The request could not be processed");
        } else {
            LOG.error("Unhandled server error", failure);
            problem(ctx, ProblemType.INTERNAL, "The request could not be completed");
        }
    }

    private void problem(RoutingContext ctx, ProblemType type, String detail) {
        ProblemDetail problem = new ProblemDetail(type.uri(), type.title(), type.status(), detail,
                safePath(ctx.request()), List.of());
        try {
            ctx.response().setStatusCode(type.status()).putHeader("Content-Type", PROBLEM_JSON)
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            LOG.debug("problem could not be written", e);
            ctx.response().setStatusCode(type.status()).end();
        }
    }

    /** The path as instance, unless it is itself the problem (too long, undecodable). */
    private static String safePath(HttpServerRequest request) {
        String path = request.path();
        return path == null || path.length() > 2048 ? null : path;
    }

    private static boolean validTarget(String target) {
        try {
            new java.net.URI(target);
            return !target.contains("%") || decodable(target);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static boolean decodable(String target) {
        try {
            java.net.URLDecoder.decode(target.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static long headerBytes(MultiMap headers) {
        long total = 0;
        for (Map.Entry<String, String> h : headers) {
            total += h.getKey().length() + h.getValue().length() + 4;
        }
        return total;
    }

    private static boolean hasBody(HttpServerRequest request) {
        return request.method() == io.vertx.core.http.HttpMethod.POST || request.method() == io.vertx.core.http.HttpMethod.PUT
                || request.method() == io.vertx.core.http.HttpMethod.PATCH;
    }

    /** Multipart bodies are parsed by the REST layer itself, which reads the limit from the routing context. */
    private static boolean multipart(HttpServerRequest request) {
        String type = request.getHeader("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    private static boolean chunked(HttpServerRequest request) {
        String encoding = request.getHeader("Transfer-Encoding");
        return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
    }

    private static boolean tooLarge(String length, long limit) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // the HTTP layer rejects a malformed length itself
        }
    }

    /**
     * An empty Accept means any type; parts that are not media ranges are dropped; problem+json also accepts the
     * JSON types a success comes in, at the same weight.
     */
    static void normaliseAccept(MultiMap headers) {
        List<String> values = headers.getAll("Accept");
        if (values.isEmpty()) {
            return;
        }
        List<String> ranges = new ArrayList<>();
        for (String value : values) {
            for (String part : value.split(",")) {
                String range = part.trim();
                if (validRange(range)) {
                    ranges.add(range);
                }
            }
        }
        List<String> added = new ArrayList<>();
        for (String range : ranges) {
            String type = range.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (type.equals(PROBLEM_JSON)) {
                String params = range.contains(";") ? range.substring(range.indexOf(';')) : "";
                added.add("application/json" + params);
                added.add("application/fhir+json" + params);
            }
        }
        ranges.addAll(added);
        if (ranges.isEmpty()) {
            headers.remove("Accept");
        } else {
            headers.set("Accept", String.join(", ", ranges));
        }
    }

    /** type/subtype with optional parameters, each a token=value pair. */
    private static boolean validRange(String range) {
        String[] parts = range.split(";", -1);
        if (parts.length == 0 || !parts[0].trim().matches("[A-Za-z0-9!#$&^_.+*-]+/[A-Za-z0-9!#$&^_.+*-]+")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            if (!parts[i].trim().matches("[A-Za-z0-9!#$&^_.+-]+=(\"[^\"]*\"|[A-Za-z0-9!#$&^_.+*-]+)")) {
                return false;
            }
        }
        return true;
    }
}
