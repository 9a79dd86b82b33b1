package org.myoline.clinical;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.myoline.catalogue.DrugCatalogue;
import org.myoline.engine.ClinicalEngine;

/** One engine per application; built at start-up so a bad rules file stops the service, not a request. */
@ApplicationScoped
public class EngineProducer {

    @Produces
    @ApplicationScoped
    @Startup
    ClinicalEngine engine(DrugCatalogue catalogue) {
        return EngineFactory.create(catalogue, RuleSetLoader.loadDefault());
    }
}
