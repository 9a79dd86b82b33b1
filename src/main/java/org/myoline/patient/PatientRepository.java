package org.myoline.patient;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.myoline.audit.PatientDirectory;

@ApplicationScoped
public class PatientRepository implements PanacheRepositoryBase<Patient, UUID>, PatientDirectory {

    @Override
    public boolean exists(UUID patientId) {
        return findByIdOptional(patientId).isPresent();
    }

    /** No patient can hold an MRN outside {@link PatientRequest#MRN_PATTERN} (and the database refuses some). */
    public Optional<Patient> findByMrn(String mrn) {
        if (mrn == null || !PatientRequest.MRN.matcher(mrn).matches()) {
            return Optional.empty();
        }
        return find("mrn", mrn).firstResultOptional();
    }

    /** One page ordered by MRN; features are batch-loaded by the entity mapping. */
    public List<Patient> page(String mrn, int page, int size) {
        var query = mrn == null ? findAll(Sort.by("mrn")) : find("mrn", Sort.by("mrn"), mrn);
        return query.page(page, size).list();
    }

    /** The whole listing's total comes from the tally (V5), an MRN lookup's from its unique index. */
    public long countMatching(String mrn) {
        if (mrn != null) {
            return count("mrn", mrn);
        }
        return ((Number) getEntityManager().createNativeQuery("SELECT patients FROM patient_tally WHERE id = 1")
                .getSingleResult()).longValue();
    }

    /**
     * Moves the tally by {@code delta} in the caller's transaction. The row lock it takes is held until commit,
     * so concurrent creates and deletes queue here for a moment instead of losing a count.
     */
    public void adjustTally(int delta) {
        getEntityManager().createNativeQuery("UPDATE patient_tally SET patients = patients + :delta WHERE id = 1")
                .setParameter("delta", delta).executeUpdate();
    }

    /** Every patient id, in id order: the bulk export walks them one patient at a time. */
    public List<UUID> allIds() {
        return getEntityManager().createQuery("select p.id from Patient p order by p.id", UUID.class).getResultList();
    }

    /** The next patient ids after {@code after} (null: from the first), in id order: a bulk export's pages. */
    public List<UUID> idsAfter(UUID after, int limit) {
        if (after == null) {
            return getEntityManager().createQuery("select p.id from Patient p order by p.id", UUID.class)
                    .setMaxResults(limit).getResultList();
        }
        return getEntityManager().createQuery("select p.id from Patient p where p.id > :after order by p.id", UUID.class)
                .setParameter("after", after).setMaxResults(limit).getResultList();
    }
}
