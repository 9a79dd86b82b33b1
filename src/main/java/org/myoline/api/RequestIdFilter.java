package org.myoline.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every request gets an id: the caller's X-Request-Id when it is a sane token, else a new UUID. It is
 * echoed in the response, put in the logging context and stored with audit rows, so one id follows a
 * change from the calling system through our logs to the audit trail.
 */
public class RequestIdFilter {
    public static final String HEADER = "X-Request-Id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    @Inject
    RequestContext context;

    @ServerRequestFilter(preMatching = true)
    public void assign(ContainerRequestContext request) {
        String given = request.getHeaderString(HEADER);
        String id = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        context.requestId(id);
        MDC.put("requestId", id);
    }

    @ServerResponseFilter
    public void echo(ContainerResponseContext response) {
        if (context.requestId() != null) {
            response.getHeaders().putSingle(HEADER, context.requestId());
        }
        MDC.remove("requestId");
    }
}
