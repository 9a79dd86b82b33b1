package org.myoline.assessment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import org.myoline.engine.model.AssessedResponse;
import org.myoline.patient.PatientScopedEntity;

/** How an episode's drug was working at one visit: the category, the instrument it was judged by, a score. */
@Entity
@Table(name = "episode_assessment")
public class EpisodeAssessment extends PatientScopedEntity {

    @Column(name = "episode_id", nullable = false, updatable = false)
    public UUID episodeId;

    @Column(name = "assessed_on", nullable = false)
    public LocalDate date;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public AssessedResponse category;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Instrument instrument;

    @Column(precision = 8, scale = 2)
    public BigDecimal score;

    @Column(length = 2000)
    public String note;

    /** What a response was judged by: the investigator, a Total Improvement Score, the IMACS DOI, CDASI… */
    public enum Instrument { INVESTIGATOR, TIS, DOI, CDASI, MMT8, PRINTO, OTHER }

    @Override
    public String auditResourceType() {
        return "Assessment";
    }
}
