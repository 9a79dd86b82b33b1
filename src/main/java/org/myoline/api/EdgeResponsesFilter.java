package org.myoline.api;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Declares on every operation the answers any request can get before or around its resource (api.HttpEdge and
 * the error mappers): 400 for a malformed request target, 406 when Accept names nothing the operation can answer
 * with (its success type or, for an error, problem+json),
 * 414 and 431 past the request limits, 429 past the caller's rate (when a deployment sets one), and 503 while the
 * database is unavailable. So the contract lists every
 * status the service can answer, and clients generated from it know them.
 *
 * <p>It also declares the answers that follow from an operation's shape, so resources do not repeat them: an
 * operation with a request body can get 413 (over the body limit) and 415 (a body in another media type); one
 * that takes If-Match can get 412 (a stale ETag) and 428 (none sent). An operation that declares one of these
 * statuses itself keeps its own.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class EdgeResponsesFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            boolean api = path.getKey().startsWith("/api/") || path.getKey().startsWith("/cds-services");
            if (!api) {
                continue;
            }
            boolean inMemory = path.getKey().startsWith("/api/v1/drugs") || path.getKey().startsWith("/api/v1/rules");
            for (Operation op : path.getValue().getOperations().values()) {
                APIResponses responses = op.getResponses();
                add(responses, "400", "BadRequest");
                add(responses, "406", "NotAcceptable");
                add(responses, "414", "UriTooLong");
                add(responses, "431", "HeadersTooLarge");
                add(responses, "429", "TooManyRequests");
                if (!inMemory) {
                    add(responses, "503", "ServiceUnavailable");
                }
                if (op.getRequestBody() != null) {
                    add(responses, "413", "PayloadTooLarge");
                    add(responses, "415", "UnsupportedMediaType");
                }
                if (op.getParameters() != null && op.getParameters().stream().anyMatch(p -> "If-Match".equals(p.getName()))) {
                    add(responses, "412", "PreconditionFailed");
                    add(responses, "428", "PreconditionRequired");
                }
            }
        }
    }

    private static void add(APIResponses responses, String status, String ref) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().ref(ref));
        }
    }
}
