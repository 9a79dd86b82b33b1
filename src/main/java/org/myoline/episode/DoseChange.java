package org.myoline.episode;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import java.time.LocalDate;
import java.util.UUID;

/**
 * From {@code date} on, the episode's drug is given at {@code dose} (a taper step, an increase). It carries its
 * episode's patient so that a history is read by patient in one pass (V13).
 */
@Embeddable
public class DoseChange {
    @Column(name = "patient_id", nullable = false)
    public UUID patientId;

    @Column(name = "change_date", nullable = false)
    public LocalDate date;

    @Embedded
    public Dose dose;

    public DoseChange() {
    }

    public DoseChange(UUID patientId, LocalDate date, Dose dose) {
        this.patientId = patientId;
        this.date = date;
        this.dose = dose;
    }
}
