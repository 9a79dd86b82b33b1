package org.myoline.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.http.Header;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Validates each REST Assured exchange under /api against the committed contract with Atlassian's
 * validator core. The response is always validated (error responses included: an undocumented status or
 * a body that breaks its schema fails the test that made it). The request is validated when the service
 * accepted it (2xx): the server must never accept what the contract forbids. Deliberately invalid
 * requests that the service rejects are exactly what the bad-input tests send, so they are not errors.
 */
public final class OpenApiValidationFilter implements Filter {

    public static final Path CONTRACT = Path.of("openapi/openapi.yaml");
    private static final Path COVERAGE = Path.of("target/contract-coverage");
    private static volatile OpenApiInteractionValidator validator;
    private static final Set<String> COVERED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(OpenApiValidationFilter::writeCoverage));
    }

    /** Adds the filter to REST Assured's global filters once. */
    public static void install() {
        if (RestAssured.filters().stream().noneMatch(f -> f instanceof OpenApiValidationFilter)) {
            RestAssured.filters(new OpenApiValidationFilter());
        }
    }

    public static OpenApiInteractionValidator validator() {
        if (validator == null) {
            synchronized (OpenApiValidationFilter.class) {
                if (validator == null) {
                    validator = validatorFor(read(CONTRACT));
                }
            }
        }
        return validator;
    }

    public static OpenApiInteractionValidator validatorFor(String contract) {
        return OpenApiInteractionValidator.createForInlineApiSpecification(contract).build();
    }

    @Override
    public Response filter(FilterableRequestSpecification req, FilterableResponseSpecification res, FilterContext ctx) {
        Response response = ctx.next(req, res);
        URI uri = URI.create(req.getURI());
        String path = uri.getRawPath();
        if (!path.startsWith("/api/") && !path.startsWith("/cds-services")) {
            return response; // health, OpenAPI and Swagger UI are not part of the API contract
        }
        if (req.getMethod().equalsIgnoreCase("OPTIONS") && req.getHeaders().hasHeaderWithName("Origin")) {
            return response; // a CORS preflight, answered by the HTTP layer's CORS policy, not by an operation
        }
        Request.Method method = Request.Method.valueOf(req.getMethod().toUpperCase());
        SimpleResponse.Builder resp = SimpleResponse.Builder.status(response.statusCode()).withBody(response.asString());
        for (Header h : response.getHeaders()) {
            resp.withHeader(h.getName(), h.getValue());
        }
        if (response.contentType() != null && !response.contentType().isEmpty()) {
            resp.withContentType(response.contentType());
        }
        ValidationReport report = validator().validateResponse(path, method, resp.build());
        if (response.statusCode() >= 200 && response.statusCode() < 300) {
            report = report.merge(validator().validateRequest(request(req, method, uri, path)));
        }
        String operation = report.getMessages().stream().flatMap(m -> m.getContext().stream())
                .flatMap(c -> c.getApiOperation().stream()).map(op -> op.getOperation().getOperationId())
                .findFirst().orElse(null);
        if (unknownRoute(report) && (response.statusCode() == 404 || response.statusCode() == 405)) {
            return response; // a path or method outside the contract, and the service said so
        }
        if (report.hasErrors()) {
            throw new AssertionError("HTTP exchange violates " + CONTRACT + ": " + method + " " + path + " -> "
                    + response.statusCode() + (operation == null ? "" : " (" + operation + ")") + "\n  "
                    + report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                            .map(m -> m.getKey() + ": " + m.getMessage()
                                    + m.getContext().flatMap(c -> c.getPointers()).map(p -> " at " + p.getInstance()).orElse(""))
                            .collect(Collectors.joining("\n  ")));
        }
        COVERED.add(method + " " + path + " " + response.statusCode());
        return response;
    }

    /** The multipart/form-data body REST Assured sends for these parts, with the boundary of its Content-Type. */
    private static String multipart(FilterableRequestSpecification req) {
        String type = req.getContentType() == null ? "" : req.getContentType();
        int at = type.indexOf("boundary=");
        String boundary = at < 0 ? "boundary" : type.substring(at + "boundary=".length()).split(";")[0].trim();
        StringBuilder text = new StringBuilder();
        for (io.restassured.specification.MultiPartSpecification part : req.getMultiPartParams()) {
            Object content = part.getContent();
            text.append("--").append(boundary).append("\r\n").append("Content-Disposition: form-data; name=\"")
                    .append(part.getControlName()).append('"');
            if (part.hasFileName()) {
                text.append("; filename=\"").append(part.getFileName()).append('"');
            }
            text.append("\r\nContent-Type: ").append(part.getMimeType()).append("\r\n\r\n")
                    .append(content instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(content))
                    .append("\r\n");
        }
        return text.append("--").append(boundary).append("--\r\n").toString();
    }

    private static boolean unknownRoute(ValidationReport report) {
        return report.getMessages().stream().anyMatch(m -> m.getKey().equals("validation.request.path.missing")
                || m.getKey().equals("validation.request.operation.notAllowed"));
    }

    private static Request request(FilterableRequestSpecification req, Request.Method method, URI uri, String path) {
        SimpleRequest.Builder b = new SimpleRequest.Builder(method, path);
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                b.withQueryParam(name, value);
            }
        }
        for (Header h : req.getHeaders()) {
            b.withHeader(h.getName(), h.getValue());
        }
        Object body = req.getBody();
        if (body == null && !req.getMultiPartParams().isEmpty()) {
            body = multipart(req); // REST Assured keeps the parts apart; the validator reads the body they make
        }
        if (body != null) {
            b.withBody(body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : body.toString());
        }
        return b.build();
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeCoverage() {
        if (COVERED.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(COVERAGE);
            Files.write(COVERAGE.resolve("exchanges-" + ProcessHandle.current().pid() + ".txt"),
                    COVERED.stream().sorted().toList(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("cannot write contract coverage: " + e);
        }
    }
}
