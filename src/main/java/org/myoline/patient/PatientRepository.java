package org.myoline.patient;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class PatientRepository implements PanacheRepositoryBase<Patient, UUID> {

    public Optional<Patient> findByMrn(String mrn) {
        return find("mrn", mrn).firstResultOptional();
    }

    /**
     * One page ordered by MRN; features are batch-loaded by the entity mapping. The page's ids are chosen in a
     * subquery the (mrn, id) index answers alone, so rows before the page are skipped in the index, not read.
     */
    public List<Patient> page(String mrn, int page, int size) {
        if (mrn != null) {
            return find("mrn", Sort.by("mrn"), mrn).page(page, size).list();
        }
        return find("from Patient p where p.id in (select q.id from Patient q order by q.mrn, q.id "
                + "limit ?1 offset ?2) order by p.mrn", size, (long) page * size).list();
    }

    public long countMatching(String mrn) {
        return mrn == null ? count() : count("mrn", mrn);
    }

    /** Every patient id, in id order: the bulk export walks them one patient at a time. */
    public List<UUID> allIds() {
        return getEntityManager().createQuery("select p.id from Patient p order by p.id", UUID.class).getResultList();
    }
}
