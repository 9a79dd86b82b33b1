package org.myoline.catalogue;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.myoline.config.MyolineConfig;

/**
 * Makes the catalogue injectable: the built-in file changed by the deployment's overlay, if any. Loaded
 * eagerly so a broken file stops start-up, not a request.
 */
@ApplicationScoped
public class CatalogueProducer {

    @Produces
    @ApplicationScoped
    @Startup
    DrugCatalogue catalogue(MyolineConfig config) {
        return DrugCatalogue.load(config.catalogue().overlay());
    }
}
