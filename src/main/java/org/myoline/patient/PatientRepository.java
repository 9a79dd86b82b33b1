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

    /** One page ordered by MRN; features are batch-loaded by the entity mapping. */
    public List<Patient> page(String mrn, int page, int size) {
        var query = mrn == null ? findAll(Sort.by("mrn")) : find("mrn", Sort.by("mrn"), mrn);
        return query.page(page, size).list();
    }

    public long countMatching(String mrn) {
        return mrn == null ? count() : count("mrn", mrn);
    }

    /** Every patient id, in id order: the bulk export walks them one patient at a time. */
    public List<UUID> allIds() {
        return getEntityManager().createQuery("select p.id from Patient p order by p.id", UUID.class).getResultList();
    }
}
