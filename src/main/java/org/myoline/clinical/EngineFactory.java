package org.myoline.clinical;

import java.util.List;
import org.myoline.catalogue.Drug;
import org.myoline.catalogue.DrugCatalogue;
import org.myoline.engine.ClinicalEngine;
import org.myoline.engine.model.DrugProfile;
import org.myoline.engine.rules.RuleSet;

/** Builds the engine from the catalogue and rules data files; shared by the service and by tests. */
public final class EngineFactory {
    private EngineFactory() {
    }

    public static ClinicalEngine create(DrugCatalogue catalogue, RuleSet rules) {
        List<DrugProfile> profiles = catalogue.all().stream().map(EngineFactory::profile).toList();
        return new ClinicalEngine(rules, profiles);
    }

    public static ClinicalEngine createDefault() {
        return create(DrugCatalogue.loadDefault(), RuleSetLoader.loadDefault());
    }

    public static DrugProfile profile(Drug d) {
        return new DrugProfile(d.code(), d.drugClass().name(), d.tier(), d.role() == Drug.Role.BACKGROUND,
                d.track() == Drug.Track.CALCINOSIS, d.withdrawn(), d.prednisoneEquivalence(), d.persistenceDays(),
                d.courseBased());
    }
}
