package org.myoline.audit;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.myoline.api.RequestContext;
import org.myoline.security.PatientScopeFilter;
import org.myoline.security.ScopeAugmentor;

/**
 * Records every read of patient data: one access record per patient per request (the patient in the path, plus
 * those the request's AccessRecorder saw), with who, which client, the operation id, the request id and the
 * status. Answers recorded: success (2xx), revalidation (304) and refusal (403). Reads are GET and HEAD under
 * the patient, cohort and FHIR paths, and the CDS Hooks service call. The bulk export records each patient as it
 * streams it (FhirSystemResource). Before a read, {@link AccessLog#admit()} applies the on-failure policy.
 */
public class AccessAuditFilter {

    @Inject
    AccessLog log;

    @Inject
    AccessRecorder recorder;

    @Inject
    RequestContext request;

    @Inject
    CurrentIdentityAssociation identities;

    private static final Map<Method, String> OPERATIONS = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void admit(ContainerRequestContext context) {
        if (reads(context.getMethod(), context.getUriInfo().getPath())) {
            log.admit();
        }
    }

    @ServerResponseFilter
    public Uni<Void> record(ContainerRequestContext context, ContainerResponseContext response, ResourceInfo resource) {
        int status = response.getStatus();
        UriInfo uri = context.getUriInfo();
        if (!reads(context.getMethod(), uri.getPath()) || !(status / 100 == 2 || status == 304 || status == 403)) {
            return Uni.createFrom().voidItem();
        }
        Set<UUID> patients = new LinkedHashSet<>();
        UUID inPath = PatientScopeFilter.patientIn(uri);
        if (inPath != null) {
            patients.add(inPath);
        }
        if (status / 100 == 2) {
            patients.addAll(recorder.seen());
        }
        if (patients.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String operation = operation(resource.getResourceMethod(), context);
        String requestId = request.requestId();
        Instant at = Instant.now();
        return identities.getDeferredIdentity().invoke(identity -> {
            if (identity.isAnonymous()) {
                return;
            }
            String actor = identity.getPrincipal().getName();
            String client = identity.getAttribute(ScopeAugmentor.CLIENT);
            List<AccessLog.Entry> entries = new ArrayList<>(patients.size());
            for (UUID patient : patients) {
                entries.add(new AccessLog.Entry(at, actor, client, patient, operation, requestId, status));
            }
            log.record(entries);
        }).replaceWithVoid();
    }

    /** Reads of patient data: GET/HEAD under the patient, cohort and FHIR paths, and a CDS Hooks service call. */
    static boolean reads(String method, String path) {
        boolean get = method.equals("GET") || method.equals("HEAD");
        return (get && (path.startsWith("/api/v1/patients") || path.startsWith("/api/v1/cohorts")
                || path.startsWith("/api/v1/fhir/"))) || (method.equals("POST") && path.startsWith("/cds-services/"));
    }

    /** The contract's operationId of the method answering, else "METHOD path". */
    static String operation(Method method, ContainerRequestContext context) {
        if (method == null) {
            String text = context.getMethod() + " " + context.getUriInfo().getPath();
            return text.length() > 200 ? text.substring(0, 200) : text;
        }
        return OPERATIONS.computeIfAbsent(method, m -> {
            Operation op = m.getAnnotation(Operation.class);
            return op != null ? op.operationId() : m.getDeclaringClass().getSimpleName() + "." + m.getName();
        });
    }
}
