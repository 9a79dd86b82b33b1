package org.myoline.episode;

import org.myoline.engine.model.DoseUnit;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;

@Embeddable
public class Dose {
    @Column(name = "dose_value", nullable = false, precision = 12, scale = 4)
    public BigDecimal value;

    @Column(name = "dose_unit", nullable = false, length = 16)
    public DoseUnit unit;

    public Dose() {
    }

    public Dose(BigDecimal value, DoseUnit unit) {
        this.value = value;
        this.unit = unit;
    }
}
