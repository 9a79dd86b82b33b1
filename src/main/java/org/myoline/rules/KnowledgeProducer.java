package org.myoline.rules;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.myoline.catalogue.DrugCatalogue;
import org.myoline.config.MyolineConfig;
import org.myoline.engine.ClinicalEngine;

/**
 * The deployment's clinical knowledge and the engine built from it, at start-up: a bad rules overlay, a bad
 * catalogue overlay or a parameter out of range stops the service with the file, rule and key named, rather
 * than failing on a patient.
 */
@ApplicationScoped
public class KnowledgeProducer {

    @Produces
    @Singleton
    @Startup
    ClinicalKnowledge knowledge(MyolineConfig config, DrugCatalogue catalogue) {
        ClinicalKnowledge knowledge = RulesLoader.load(config.rules().overlay(), catalogue);
        Log.infof("Clinical rules %s (%d rules, %d drugs%s)", knowledge.version(), knowledge.rules().all().size(),
                catalogue.all().size(), knowledge.overlays().isEmpty() ? "" : ", overlays: " + knowledge.overlays());
        return knowledge;
    }

    @Produces
    @ApplicationScoped
    @Startup
    ClinicalEngine engine(ClinicalKnowledge knowledge) {
        return EngineFactory.create(knowledge);
    }
}
