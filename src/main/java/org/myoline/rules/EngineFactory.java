package org.myoline.rules;

import java.util.List;
import org.myoline.catalogue.Drug;
import org.myoline.engine.ClinicalEngine;
import org.myoline.engine.model.AdequateTrial;
import org.myoline.engine.model.DoseUnit;
import org.myoline.engine.model.DrugProfile;

/** Builds the engine from the effective rules and catalogue; shared by the service and by tests. */
public final class EngineFactory {
    private EngineFactory() {
    }

    public static ClinicalEngine create(ClinicalKnowledge knowledge) {
        List<DrugProfile> profiles = knowledge.catalogue().all().stream().map(EngineFactory::profile).toList();
        return new ClinicalEngine(knowledge.rules(), profiles);
    }

    /** The engine of the built-in rules and catalogue. */
    public static ClinicalEngine createDefault() {
        return create(RulesLoader.loadDefault());
    }

    public static DrugProfile profile(Drug d) {
        return new DrugProfile(d.code(), d.drugClass().name(), d.tier(), d.role() == Drug.Role.BACKGROUND,
                d.track() == Drug.Track.CALCINOSIS, d.withdrawn(), d.prednisoneEquivalence(), d.persistenceDays(),
                d.courseBased(), trial(d.adequateTrial()), d.onLadder(), d.courseIntervalDays());
    }

    private static AdequateTrial trial(Drug.Trial t) {
        return t == null ? null : new AdequateTrial(t.minDose(), unit(t.unit()), t.juvenileMinDose(),
                unit(t.juvenileUnit()), t.minDays(), t.minCourses(), t.source(), t.evidence(),
                t.juvenileBands().stream().map(b -> new AdequateTrial.WeightBand(b.minKg(), b.maxKg(), b.minDose(),
                        unit(b.unit()))).toList());
    }

    private static DoseUnit unit(String ucum) {
        return ucum == null ? null : DoseUnit.fromUcum(ucum).orElseThrow();
    }
}
