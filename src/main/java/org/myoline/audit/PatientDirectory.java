package org.myoline.audit;

import java.util.UUID;

/**
 * Whether a patient exists, as the audit trail needs to know it (a trail can outlive its patient). Implemented
 * by the patient slice, so that auditing depends on no slice it audits.
 */
public interface PatientDirectory {
    boolean exists(UUID patientId);
}
