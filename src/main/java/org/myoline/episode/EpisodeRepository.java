package org.myoline.episode;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class EpisodeRepository implements PanacheRepositoryBase<TreatmentEpisode, UUID> {

    /** A patient's episodes with their dose changes, in one statement, ordered by start date then creation. */
    public List<TreatmentEpisode> forPatient(UUID patientId) {
        return find("select distinct e from TreatmentEpisode e left join fetch e.doseChanges "
                + "where e.patientId = ?1 order by e.startDate, e.createdAt, e.id", patientId).list();
    }

    public Optional<TreatmentEpisode> findForPatient(UUID patientId, UUID episodeId) {
        return find("patientId = ?1 and id = ?2", patientId, episodeId).firstResultOptional();
    }

    /**
     * A plain HQL count, whose plan Hibernate caches: Panache's count(...) wraps its query anew on every call,
     * which JFR showed as 15% of the service's CPU per POST of an episode.
     */
    public long countForPatient(UUID patientId) {
        return getEntityManager()
                .createQuery("select count(*) from TreatmentEpisode e where e.patientId = :patientId", Long.class)
                .setParameter("patientId", patientId).getSingleResult();
    }
}
