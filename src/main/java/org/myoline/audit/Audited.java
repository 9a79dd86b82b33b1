package org.myoline.audit;

import java.util.UUID;

/** An entity whose every create, update and delete lands in the audit trail of its patient. */
public interface Audited {

    /** The patient whose history this change belongs to. */
    UUID auditPatientId();

    /** The resource type as the API names it: Patient, Episode, Observation, Event. */
    String auditResourceType();

    /** Loads lazy collections before a removal, so the audit's "before" state is complete. */
    default void loadForAudit() {
    }
}
