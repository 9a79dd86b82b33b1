package org.myoline.api;

/** The roles a token's "groups" claim can grant, narrowed by its SMART scopes (security.SmartScopes). */
public final class Roles {
    /** Reads and writes clinical data. */
    public static final String CLINICIAN = "clinician";
    /** Reads only. */
    public static final String VIEWER = "viewer";
    /** A hospital system: reads, writes and may use bulk endpoints. */
    public static final String INTEGRATION = "integration";
    /** Reads the access log and the change history as FHIR AuditEvents; no clinical data. */
    public static final String AUDITOR = "auditor";

    private Roles() {
    }
}
