package org.myoline.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.myoline.engine.EngineTestSupport.at;
import static org.myoline.engine.EngineTestSupport.criterion;
import static org.myoline.engine.HistoryBuilder.adult;
import static org.myoline.engine.model.ResponseCategory.NONE;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.myoline.engine.model.AssessedResponse;
import org.myoline.engine.model.Assessment;
import org.myoline.engine.model.Assessment.RefractoryStatus;
import org.myoline.engine.model.Feature;
import org.myoline.engine.model.ObservationType;
import org.myoline.engine.model.Subtype;

/** What charts hold: dated response assessments, dated features and subtype conversions, as of any date. */
class ChartFactsTest {

    private static HistoryBuilder gcResistant() {
        return adult().weight(70).give("prednisone", 60, "mg/d", 0).until(59).response(NONE).done()
                .give("prednisone", 20, "mg/d", 60).done();
    }

    @Test
    void anOngoingAdequateTrialAssessedNoneIsRefractoryFromThatVisitAndNotTheDayBefore() {
        HistoryBuilder h = gcResistant().give("methotrexate", 20, "mg/wk", 10).id("mtx").done()
                .assess("mtx", 110, AssessedResponse.NONE);
        Assessment before = at(h.build(), 109).assessment();
        Assessment on = at(h.build(), 110).assessment();
        assertEquals(RefractoryStatus.GLUCOCORTICOID_RESISTANT, before.status(), before.failedDrugs().toString());
        assertEquals(RefractoryStatus.REFRACTORY, on.status());
        assertTrue(on.failedDrugs().get(0).detail().contains("failed from 2020-04-20"), on.failedDrugs().get(0).detail());
        assertEquals(1, on.responses().size());
        assertEquals(AssessedResponse.NONE, on.responses().get(0).recorded().category());
    }

    @Test
    void aNoneAssessedBeforeTheTrialIsAdequateIsNotAFailure() {
        Assessment a = at(gcResistant().give("methotrexate", 20, "mg/wk", 10).id("mtx").done()
                .assess("mtx", 40, AssessedResponse.NONE).build(), 60).assessment();
        assertTrue(a.failedDrugs().isEmpty(), a.failedDrugs().toString());
        assertEquals("methotrexate", a.inadequateTrials().get(0).drug(), "an inadequate trial so far");
        assertTrue(at(gcResistant().give("methotrexate", 20, "mg/wk", 10).id("mtx").done()
                .assess("mtx", 40, AssessedResponse.NONE).build(), 200).assessment().failedDrugs().isEmpty(),
                "a NONE at week 4 does not fail a trial judged adequate only later");
    }

    @Test
    void aPartialAssessmentFollowedByEscalationIsAFailureFromTheAssessment() {
        HistoryBuilder h = gcResistant().give("methotrexate", 20, "mg/wk", 10).id("mtx").done()
                .assess("mtx", 110, AssessedResponse.PARTIAL).give("azathioprine", 150, "mg/d", 140).done();
        assertTrue(at(h.build(), 130).assessment().failedDrugs().isEmpty(), "no escalation yet");
        Assessment a = at(h.build(), 150).assessment();
        assertEquals("methotrexate", a.failedDrugs().get(0).drug());
        assertTrue(a.failedDrugs().get(0).detail().contains("followed by escalation"), a.failedDrugs().get(0).detail());
    }

    @Test
    void inductionGlucocorticoidsJudgedUnresponsiveBeforeTheTaperAreResistant() {
        HistoryBuilder h = adult().weight(70).give("prednisone", 60, "mg/d", 0).id("pred").change(90, 20, "mg/d").done()
                .assess("pred", 35, AssessedResponse.NONE);
        assertFalse(criterion(at(h.build(), 34).assessment(), "GC-RESISTANT").met());
        Assessment.Criterion c = criterion(at(h.build(), 35).assessment(), "GC-RESISTANT");
        assertTrue(c.met(), c.detail());
        assertTrue(c.detail().contains("assessed NONE on 2020-02-05"), c.detail());
    }

    @Test
    void anAsOfAnswerFromBeforeAFeaturesOnsetIgnoresIt() {
        HistoryBuilder h = gcResistant().give("methotrexate", 20, "mg/wk", 10).until(120).response(NONE).done()
                .featureFrom(Feature.DYSPHAGIA, 200, null);
        Assessment before = at(h.build(), 199).assessment();
        Assessment after = at(h.build(), 200).assessment();
        assertFalse(criterion(before, "MOD-DYSPHAGIA").met());
        assertNotEquals("ivig", before.nextSteps().get(0).drug());
        assertTrue(criterion(after, "MOD-DYSPHAGIA").met());
        assertEquals("ivig", after.nextSteps().get(0).drug());
    }

    @Test
    void aResolvedFeatureStopsCountingFromItsResolution() {
        HistoryBuilder h = adult().give("prednisone", 20, "mg/d", 0).done().featureFrom(Feature.ANTI_MDA5, 10, 100);
        assertTrue(criterion(at(h.build(), 99).assessment(), "MOD-MDA5-RPILD").met());
        assertFalse(criterion(at(h.build(), 100).assessment(), "MOD-MDA5-RPILD").met());
    }

    @Test
    void aSubtypeConversionIsTimed() {
        HistoryBuilder h = adult().give("hydroxychloroquine", 400, "mg/d", 0).done()
                .converted(150, Subtype.AMYOPATHIC, Subtype.CLASSIC);
        assertEquals(Subtype.AMYOPATHIC, h.build().patient().subtypeOn(HistoryBuilder.day(149)));
        assertEquals(Subtype.CLASSIC, h.build().patient().subtypeOn(HistoryBuilder.day(150)));
        // Skin-refractory needs a skin-predominant subtype or the SKIN feature; the conversion changes which applies.
        Assessment.Criterion amyopathic = criterion(at(h.build(), 149).assessment(), "REFRACTORY-SKIN");
        Assessment.Criterion classic = criterion(at(h.build(), 150).assessment(), "REFRACTORY-SKIN");
        assertTrue(amyopathic.detail().startsWith("skin involvement: yes"), amyopathic.detail());
        assertTrue(classic.detail().startsWith("skin involvement: no"), classic.detail());
    }

    @Test
    void aConfirmedDeteriorationAfterAResponseIsAFlareForDependence() {
        // Prednisone 30 mg/d tapered to 7.5 mg/d; methotrexate started with it. Core sets: baseline on day 0, a
        // major response at day 60, then two visits worse than baseline on days 150 and 180 at 7.5 mg/d.
        HistoryBuilder h = adult().weight(70).give("prednisone", 30, "mg/d", 0).change(90, 15, "mg/d")
                .change(120, 7.5, "mg/d").done();
        coreSet(h, 0, 6, 6, 110, 1.5, 1200, 5);
        coreSet(h, 60, 1, 2, 140, 0.5, 250, 1);
        coreSet(h, 150, 8, 8, 100, 2, 1500, 7);
        coreSet(h, 180, 8, 8, 100, 2, 1500, 7);
        Assessment.Criterion before = criterion(at(h.build(), 170).assessment(), "GC-DEPENDENT");
        Assessment.Criterion after = criterion(at(h.build(), 180).assessment(), "GC-DEPENDENT");
        assertFalse(before.met(), "one worse visit is not confirmed: " + before.detail());
        assertTrue(after.met(), after.detail());
        assertTrue(after.detail().contains("2020-06-29"), after.detail());
    }

    /** A full adult core set (MMT-8 out of 150, CK with an upper limit of 200 U/L). */
    static HistoryBuilder coreSet(HistoryBuilder h, int day, double pga, double ptga, double mmt8, double haq, double ck,
            double extramuscular) {
        return h.observe(ObservationType.PHYSICIAN_GLOBAL, day, pga).observe(ObservationType.PATIENT_GLOBAL, day, ptga)
                .observe(ObservationType.MMT8, day, mmt8).observe(ObservationType.HAQ, day, haq)
                .lab(ObservationType.CK_U_PER_L, day, ck, 200).observe(ObservationType.EXTRAMUSCULAR_GLOBAL, day, extramuscular);
    }

    static List<String> drugs(Assessment a) {
        return a.nextSteps().stream().map(Assessment.NextStep::drug).toList();
    }
}
