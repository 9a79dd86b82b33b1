package org.myoline.api;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/** Who is asking and which request this is: recorded with every audit row and logged as the request id. */
@RequestScoped
public class RequestContext {

    @Inject
    SecurityIdentity identity;

    private String requestId;

    /** Work done outside an HTTP request on someone's behalf (a bulk job): who asked for it. */
    private String onBehalfOf;

    public void onBehalfOf(String actor, String requestId) {
        this.onBehalfOf = actor;
        this.requestId = requestId;
    }

    public String requestId() {
        return requestId;
    }

    public void requestId(String requestId) {
        this.requestId = requestId;
    }

    /** The token's subject, or "anonymous". */
    public String actor() {
        if (onBehalfOf != null) {
            return onBehalfOf;
        }
        return identity == null || identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }
}
