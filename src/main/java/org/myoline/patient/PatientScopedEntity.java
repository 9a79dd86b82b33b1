package org.myoline.patient;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.myoline.audit.Audited;

/**
 * What every record hanging off a patient has: its id, the patient, a version for optimistic concurrency
 * (the ETag), creation and change instants, and its place in the patient's audit trail.
 */
@MappedSuperclass
public abstract class PatientScopedEntity extends PanacheEntityBase implements Audited {

    @Id
    public UUID id;

    @Column(name = "patient_id", nullable = false, updatable = false)
    public UUID patientId;

    @Version
    @Column(nullable = false)
    public long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Override
    public UUID auditPatientId() {
        return patientId;
    }
}
