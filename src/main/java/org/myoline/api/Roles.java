package org.myoline.api;

/** The roles a token's "groups" claim can grant. */
public final class Roles {
    /** Reads and writes clinical data. */
    public static final String CLINICIAN = "clinician";
    /** Reads only. */
    public static final String VIEWER = "viewer";
    /** A hospital system: reads, writes and may use bulk endpoints. */
    public static final String INTEGRATION = "integration";

    private Roles() {
    }
}
