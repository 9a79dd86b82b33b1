package org.myoline.observation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.myoline.patient.PatientScopedEntity;
import org.myoline.engine.model.ObservationType;

/** A dated measurement: weight and height for weight-based doses, core set measures, enzymes and scores. */
@Entity
@Table(name = "observation")
public class Observation extends PatientScopedEntity {

    @Column(name = "obs_date", nullable = false)
    public LocalDate date;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    public ObservationType type;

    @Column(name = "obs_value", nullable = false, precision = 12, scale = 3)
    public BigDecimal value;

    /** The laboratory's upper limit of normal, for muscle enzymes. */
    @Column(name = "upper_limit", precision = 12, scale = 3)
    public BigDecimal upperLimit;

    @Override
    public String auditResourceType() {
        return "Observation";
    }
}
