package org.myoline.patient;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.LocalDate;
import org.myoline.engine.model.Subtype;

/** A dated conversion from one disease subset to another (amyopathic to classic, say). */
@Embeddable
public class SubtypeChange {
    @Column(name = "changed_on", nullable = false)
    public LocalDate date;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_subtype", nullable = false, length = 32)
    public Subtype from;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_subtype", nullable = false, length = 32)
    public Subtype to;

    public SubtypeChange() {
    }

    public SubtypeChange(LocalDate date, Subtype from, Subtype to) {
        this.date = date;
        this.from = from;
        this.to = to;
    }
}
