package org.myoline.fhir;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class FhirSourceRepository implements PanacheRepositoryBase<FhirSource, FhirSource.Key> {

    /** Every source that fed one record (several administrations can make one episode). */
    public List<FhirSource> forTarget(UUID targetId) {
        return list("targetId", targetId);
    }
}
