package org.myoline.catalogue;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Makes the catalogue injectable; loaded eagerly so a broken data file stops start-up, not a request. */
@ApplicationScoped
public class CatalogueProducer {

    @Produces
    @ApplicationScoped
    @Startup
    DrugCatalogue catalogue() {
        return DrugCatalogue.loadDefault();
    }
}
