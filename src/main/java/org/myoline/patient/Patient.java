package org.myoline.patient;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.BatchSize;
import org.myoline.audit.Audited;
import org.myoline.engine.model.Feature;
import org.myoline.engine.model.Subtype;

@Entity
@Table(name = "patient")
public class Patient extends PanacheEntityBase implements Audited {

    @Id
    public UUID id;

    @Column(nullable = false, length = 64, unique = true)
    public String mrn;

    @Column(name = "birth_date", nullable = false)
    public LocalDate birthDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Sex sex;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    public Subtype subtype;

    @Column(name = "diagnosis_date")
    public LocalDate diagnosisDate;

    // Batch-fetched so that a page of patients loads its features in one extra query, not one per patient.
    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "patient_feature", joinColumns = @JoinColumn(name = "patient_id"))
    @Column(name = "feature", nullable = false, length = 32)
    @Enumerated(EnumType.STRING)
    @BatchSize(size = 200)
    public Set<Feature> features = EnumSet.noneOf(Feature.class);

    // Dated conversions, oldest first; the subtype above is the current one.
    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "subtype_change", joinColumns = @JoinColumn(name = "patient_id"))
    @OrderColumn(name = "position")
    @BatchSize(size = 200)
    public List<SubtypeChange> subtypeChanges = new ArrayList<>();

    @Column(name = "weight_kg", precision = 6, scale = 2)
    public BigDecimal weightKg;

    @Column(name = "height_cm", precision = 6, scale = 2)
    public BigDecimal heightCm;

    @Version
    @Column(nullable = false)
    public long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Override
    public UUID auditPatientId() {
        return id;
    }

    @Override
    public String auditResourceType() {
        return "Patient";
    }

    @Override
    public void loadForAudit() {
        features.size();
        subtypeChanges.size();
    }
}
