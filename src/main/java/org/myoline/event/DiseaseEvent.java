package org.myoline.event;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.UUID;
import org.myoline.patient.PatientScopedEntity;
import org.myoline.engine.model.DiseaseDomain;
import org.myoline.engine.model.EventType;

/** A dated flare, relapse or remission, optionally tied to the treatment episode it concerns. */
@Entity
@Table(name = "disease_event")
public class DiseaseEvent extends PatientScopedEntity {

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

    @Override
    public String auditResourceType() {
        return "Event";
    }
}
