package org.myoline.contraindication;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.LocalDate;
import org.myoline.engine.model.ContraindicationKind;
import org.myoline.patient.PatientScopedEntity;

/** A patient-level contraindication or preference, in force from {@code since} until the day before {@code until}. */
@Entity
@Table(name = "patient_contraindication")
public class Contraindication extends PatientScopedEntity {

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    public ContraindicationKind kind;

    /** The catalogue code of the one drug avoided, for {@link ContraindicationKind#AVOID_DRUG}. */
    @Column(length = 64)
    public String drug;

    @Column(nullable = false)
    public LocalDate since;

    public LocalDate until;

    @Column(length = 500)
    public String reason;

    @Override
    public String auditResourceType() {
        return "Contraindication";
    }
}
