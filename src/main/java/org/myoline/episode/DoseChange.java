package org.myoline.episode;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import java.time.LocalDate;

/** From {@code date} on, the episode's drug is given at {@code dose} (a taper step, an increase). */
@Embeddable
public class DoseChange {
    @Column(name = "change_date", nullable = false)
    public LocalDate date;

    @Embedded
    public Dose dose;

    public DoseChange() {
    }

    public DoseChange(LocalDate date, Dose dose) {
        this.date = date;
        this.dose = dose;
    }
}
