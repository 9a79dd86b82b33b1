package org.myoline.observation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import org.myoline.audit.Audited;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.myoline.engine.model.ObservationType;

/** A dated measurement: weight and height for weight-based doses, CK and activity scores. */
@Entity
@Table(name = "observation")
public class Observation extends PanacheEntityBase implements Audited {
    @Id
    public UUID id;

    @Column(name = "patient_id", nullable = false, updatable = false)
    public UUID patientId;

    @Column(name = "obs_date", nullable = false)
    public LocalDate date;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    public ObservationType type;

    @Column(name = "obs_value", nullable = false, precision = 12, scale = 3)
    public BigDecimal value;

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

    @Override
    public String auditResourceType() {
        return "Observation";
    }
}
