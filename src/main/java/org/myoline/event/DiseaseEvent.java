package org.myoline.event;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import org.myoline.audit.Audited;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.myoline.engine.model.DiseaseDomain;
import org.myoline.engine.model.EventType;

/** A dated flare, relapse or remission, optionally tied to the treatment episode it concerns. */
@Entity
@Table(name = "disease_event")
public class DiseaseEvent extends PanacheEntityBase implements Audited {
    @Id
    public UUID id;

    @Column(name = "patient_id", nullable = false, updatable = false)
    public UUID patientId;

    @Column(name = "event_date", nullable = false)
    public LocalDate date;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public EventType type;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public DiseaseDomain domain;

    @Column(name = "episode_id")
    public UUID episodeId;

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
        return "Event";
    }
}
