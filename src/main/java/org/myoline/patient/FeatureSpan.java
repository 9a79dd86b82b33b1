package org.myoline.patient;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.LocalDate;
import org.myoline.engine.model.Feature;

/** A clinical feature present from its onset until it resolved (dysphagia from March, say). */
@Entity
@Table(name = "feature_span")
public class FeatureSpan extends PatientScopedEntity {

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    public Feature feature;

    @Column(nullable = false)
    public LocalDate onset;

    public LocalDate resolved;

    /** Present on {@code date}: begun, and not yet resolved. */
    public boolean presentOn(LocalDate date) {
        return !onset.isAfter(date) && (resolved == null || date.isBefore(resolved));
    }

    @Override
    public String auditResourceType() {
        return "Feature";
    }
}
