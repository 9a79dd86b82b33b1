package org.myoline.episode;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.BatchSize;
import org.myoline.patient.PatientScopedEntity;
import org.myoline.engine.model.ResponseCategory;
import org.myoline.engine.model.Route;
import org.myoline.engine.model.StopReason;

/** One continuous course of one drug for one patient, with its dose changes, response and stop reason. */
@Entity
@Table(name = "treatment_episode")
public class TreatmentEpisode extends PatientScopedEntity {

    @Column(nullable = false, length = 64)
    public String drug;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Route route;

    @Embedded
    public Dose dose;

    @Column(name = "start_date", nullable = false)
    public LocalDate startDate;

    @Column(name = "end_date")
    public LocalDate endDate;

    @ElementCollection
    @CollectionTable(name = "dose_change", joinColumns = @JoinColumn(name = "episode_id"))
    @OrderColumn(name = "position")
    @BatchSize(size = 200)
    public List<DoseChange> doseChanges = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public ResponseCategory response = ResponseCategory.NOT_ASSESSED;

    @Enumerated(EnumType.STRING)
    @Column(name = "stop_reason", length = 32)
    public StopReason stopReason;

    public Integer courses;

    @Column(length = 4000)
    public String notes;

    @Embedded
    public EpisodeSchedule schedule;

    @Override
    public String auditResourceType() {
        return "Episode";
    }

    @Override
    public void loadForAudit() {
        doseChanges.size();
    }
}
