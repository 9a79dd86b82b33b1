package org.myoline.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A body declared larger than quarkus.http.limits.max-body-size is refused before it is read, with an
 * RFC 9457 problem like every other error (the HTTP layer's own refusal has an empty body). Runs first
 * in the router, ahead of that built-in check, which stays as the backstop.
 */
@ApplicationScoped
public class HttpLimitProblems {

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    void register(@Observes Router router) {
        long limit = maxBodySize.asLongValue();
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            if (length == null || !tooLarge(length, limit)) {
                ctx.next();
                return;
            }
            ProblemDetail problem = new ProblemDetail(ProblemType.PAYLOAD_TOO_LARGE.uri(),
                    ProblemType.PAYLOAD_TOO_LARGE.title(), 413,
                    "The request body is larger than the " + limit + " bytes the service accepts", ctx.request().path(),
                    List.of());
            try {
                ctx.response().setStatusCode(413).putHeader("Content-Type", ProblemDetail.MEDIA_TYPE)
                        .putHeader("Connection", "close").end(json.writeValueAsString(problem));
            } catch (JsonProcessingException e) {
                ctx.next();
            }
        });
    }

    private static boolean tooLarge(String length, long limit) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // the HTTP layer rejects a malformed length itself
        }
    }
}
