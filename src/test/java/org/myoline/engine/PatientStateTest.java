package org.myoline.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.myoline.engine.EngineTestSupport.at;
import static org.myoline.engine.EngineTestSupport.criterion;
import static org.myoline.engine.HistoryBuilder.adult;
import static org.myoline.engine.HistoryBuilder.juvenile;
import static org.myoline.engine.model.ResponseCategory.MAJOR;
import static org.myoline.engine.model.ResponseCategory.NONE;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.myoline.engine.model.AssessedResponse;
import org.myoline.engine.model.Assessment;
import org.myoline.engine.model.Assessment.EscalationDecision;
import org.myoline.engine.model.Assessment.StepAction;
import org.myoline.engine.model.ContraindicationKind;
import org.myoline.engine.model.DiseaseDomain;
import org.myoline.engine.model.EventType;
import org.myoline.engine.model.Feature;
import org.myoline.engine.model.Route;
import org.myoline.engine.model.StopReason;
import org.myoline.engine.model.Timeline;

/**
 * Next steps that fit the patient's state, one table per question: is escalation indicated now; cancer-associated
 * disease; juvenile adequacy by weight band; courses of an ongoing series; intolerance and re-challenge;
 * contraindications and preferences; rescue options on the ladders.
 */
class PatientStateTest {

    private static List<String> drugs(Assessment a) {
        return a.nextSteps().stream().map(Assessment.NextStep::drug).toList();
    }

    private static Optional<Assessment.NextStep> step(Assessment a, String drug) {
        return a.nextSteps().stream().filter(s -> s.drug().equals(drug)).findFirst();
    }

    private static boolean warned(Assessment a, String code) {
        return a.warnings().stream().anyMatch(w -> w.code().equals(code));
    }

    // ------------------------------------------------------------ 1. escalation indicated, or not

    /** A child on methotrexate and monthly IVIg, steroid-free, who had a major response at month 6. */
    private static HistoryBuilder respondingChild() {
        return juvenile().weight(30).height(135)
                .give("methotrexate", 15, "mg/m2/wk", 0).route(Route.SC).id("mtx").done()
                .give("ivig", 2, "g/kg", 0).route(Route.IV).courses(6).id("ivig").done()
                .assess("mtx", 175, AssessedResponse.MAJOR).assess("ivig", 175, AssessedResponse.MAJOR);
    }

    private static HistoryBuilder gcResistant() {
        return adult().weight(70).height(170).give("prednisone", 60, "mg/d", 0).until(59).response(NONE).done()
                .give("prednisone", 20, "mg/d", 60).done();
    }

    static Stream<Arguments> escalation() {
        return Stream.of(
                Arguments.of("responding child at month 6: not indicated", respondingChild(), 180,
                        EscalationDecision.NOT_INDICATED, "responding"),
                Arguments.of("remission off all therapy: not indicated",
                        adult().weight(70).give("prednisone", 40, "mg/d", 0).until(300).stop(StopReason.REMISSION).done()
                                .give("methotrexate", 20, "mg/wk", 10).until(700).stop(StopReason.REMISSION).response(MAJOR)
                                .done(), 800, EscalationDecision.NOT_INDICATED, "in remission off therapy"),
                Arguments.of("a REMISSION event last: not indicated",
                        adult().weight(70).give("methotrexate", 20, "mg/wk", 0).done()
                                .event(EventType.REMISSION, 300, DiseaseDomain.GLOBAL, null), 400,
                        EscalationDecision.NOT_INDICATED, "in remission since"),
                Arguments.of("three weeks into a first IVIg course after methotrexate failed: not indicated",
                        gcResistant().give("methotrexate", 20, "mg/wk", 5).until(120).response(NONE).done()
                                .give("ivig", 2, "g/kg", 130).route(Route.IV).courses(1).done(), 151,
                        EscalationDecision.NOT_INDICATED, "trial still within its adequate window: ivig"),
                Arguments.of("a flare after the major response: indicated",
                        respondingChild().event(EventType.FLARE, 200, DiseaseDomain.MUSCLE, null), 210,
                        EscalationDecision.INDICATED, "flare on"),
                Arguments.of("a flare long ago: the response since decides",
                        respondingChild().event(EventType.FLARE, 20, DiseaseDomain.SKIN, null), 180,
                        EscalationDecision.NOT_INDICATED, "responding"),
                Arguments.of("glucocorticoid resistance with nothing else: indicated", gcResistant(), 100,
                        EscalationDecision.INDICATED, "glucocorticoid resistance"),
                Arguments.of("untreated: induction is due", adult().weight(70), 10, EscalationDecision.INDICATED,
                        "untreated"),
                Arguments.of("anti-MDA5 rapidly progressive ILD on prednisone alone: urgent",
                        adult().weight(70).feature(Feature.ANTI_MDA5).feature(Feature.RAPIDLY_PROGRESSIVE_ILD)
                                .give("prednisone", 60, "mg/d", 0).done(), 10, EscalationDecision.URGENT, "organ threat"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escalation")
    void everyAssessmentSaysWhetherEscalationIsIndicated(String name, HistoryBuilder history, int day,
            EscalationDecision expected, String reason) {
        Assessment a = at(history.build(), day).assessment();
        assertEquals(expected, a.escalation().decision(), a.escalation().reasons().toString());
        assertTrue(a.escalation().reasons().get(0).contains(reason), a.escalation().reasons().toString());
        assertTrue(a.escalation().source().startsWith("ESCALATION"), a.escalation().source());
        assertEquals(expected != EscalationDecision.NOT_INDICATED, criterion(a, "ESCALATION").met());
        for (Assessment.NextStep s : a.nextSteps()) {
            assertNotNull(s.ranking(), s.drug() + " says why it stands where it does");
            boolean current = (s.action() == StepAction.COMPLETE_TRIAL || s.action() == StepAction.OPTIMISE_DOSE)
                    && a.currentTier() != null;
            if (expected != EscalationDecision.NOT_INDICATED) {
                assertFalse(s.contingency(), s.toString());
            } else if (!current && s.track().equals("MYOSITIS")) {
                assertTrue(s.contingency(), s.toString());
                assertTrue(s.ranking().startsWith("contingency, if relapse or failure"), s.ranking());
            }
        }
    }

    @Test
    void aRespondingChildIsNotOfferedAHigherTierFirst() {
        Assessment a = at(respondingChild().build(), 180).assessment();
        assertFalse(a.nextSteps().isEmpty());
        assertTrue(a.nextSteps().stream().allMatch(Assessment.NextStep::contingency), a.nextSteps().toString());
        assertFalse(drugs(a).contains("methotrexate"), "a drug working is not proposed again: " + drugs(a));
    }

    @Test
    void threeWeeksIntoIvigTheCourseIsCompletedBeforeAnyHigherTier() {
        Assessment a = at(gcResistant().give("methotrexate", 20, "mg/wk", 5).until(120).response(NONE).done()
                .give("ivig", 2, "g/kg", 130).route(Route.IV).courses(1).done().build(), 151).assessment();
        Assessment.NextStep first = a.nextSteps().get(0);
        assertEquals("ivig", first.drug(), drugs(a).toString());
        assertEquals(StepAction.COMPLETE_TRIAL, first.action());
        assertFalse(first.contingency());
        assertTrue(step(a, "rituximab").orElseThrow().contingency());
        assertTrue(drugs(a).indexOf("rituximab") > 0 && drugs(a).indexOf("cyclophosphamide") > 0, drugs(a).toString());
    }

    // ------------------------------------------------------------ 2. cancer-associated disease

    private static HistoryBuilder cancer() {
        return gcResistant().featureFrom(Feature.MALIGNANCY, 0, null)
                .give("methotrexate", 20, "mg/wk", 5).until(120).response(NONE).done();
    }

    static Stream<Arguments> malignancy() {
        return Stream.of(
                Arguments.of("cancer untreated: IVIg first, oncology first, cyclophosphamide last", cancer(), true, true),
                Arguments.of("cancer resected: oncology review, cyclophosphamide still last without an organ threat",
                        cancer().event(EventType.CANCER_SURGERY, 30, DiseaseDomain.GLOBAL, null), false, true),
                Arguments.of("untreated cancer with rapidly progressive ILD: the organ threat's regimen leads, cyclophosphamide in it",
                        cancer().feature(Feature.RAPIDLY_PROGRESSIVE_ILD), true, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malignancy")
    void cancerAssociatedDiseaseRanksNonImmunosuppressiveOptionsFirst(String name, HistoryBuilder history,
            boolean untreated, boolean cytotoxicLast) {
        Assessment a = at(history.build(), 150).assessment();
        assertTrue(criterion(a, "MOD-MALIGNANCY").met());
        assertTrue(warned(a, "ONCOLOGY_REVIEW"));
        assertEquals(untreated, warned(a, "ONCOLOGY_REVIEW_FIRST"), a.warnings().toString());
        if (untreated && cytotoxicLast) {
            assertEquals("ivig", a.nextSteps().get(0).drug(), drugs(a).toString());
        }
        Assessment.NextStep cyc = step(a, "cyclophosphamide").orElseThrow();
        List<String> myositis = a.nextSteps().stream().filter(s -> s.track().equals("MYOSITIS"))
                .map(Assessment.NextStep::drug).toList();
        boolean last = myositis.get(myositis.size() - 1).equals("cyclophosphamide");
        assertEquals(cytotoxicLast, last, myositis.toString());
        assertEquals(cytotoxicLast, cyc.ranking().contains("moved last"), cyc.ranking());
        assertTrue(cyc.cautions().stream().anyMatch(c -> c.startsWith("Cytotoxic in cancer-associated DM")));
    }

    @Test
    void cancerTreatmentIsOnTheTimelineButNeverALine() {
        Timeline t = at(cancer().event(EventType.CANCER_SURGERY, 30, DiseaseDomain.GLOBAL, null)
                .event(EventType.CHEMOTHERAPY, 60, DiseaseDomain.GLOBAL, null).build(), 150).timeline();
        assertEquals(List.of(EventType.CANCER_SURGERY, EventType.CHEMOTHERAPY),
                t.events().stream().map(e -> e.type()).toList());
        assertTrue(t.lines().stream().noneMatch(l -> l.reasonDetail() != null && l.reasonDetail().contains("SURGERY")));
        assertEquals(at(cancer().build(), 150).timeline().lines(), t.lines(), "the lines do not change");
    }

    // ------------------------------------------------------------ 3. juvenile adequacy by weight band

    static Stream<Arguments> juvenileBands() {
        return Stream.of(
                Arguments.of("5 mg/d at 50 kg: sub-therapeutic (≥ 10 mg/d from 40 kg)", 50.0, 5.0, true, "10 mg/d"),
                Arguments.of("5 mg/d at 15 kg: adequate (≥ 6.4 mg/d from 10 kg is not met)", 15.0, 5.0, true, "6.4 mg/d"),
                Arguments.of("8 mg/d at 30 kg: adequate for the 20–40 kg band", 30.0, 8.0, false, null),
                Arguments.of("10 mg/d at 50 kg: adequate", 50.0, 10.0, false, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("juvenileBands")
    void aJuvenileTrialIsJudgedByTheChildsWeightBand(String name, double kg, double mgPerDay, boolean inadequate,
            String target) {
        Assessment a = at(juvenile().weight(kg).give("prednisone", 1, "mg/kg/d", 0).until(300).done()
                .give("methotrexate", 15, "mg/m2/wk", 0).until(200).response(NONE).done()
                .give("tofacitinib", mgPerDay, "mg/d", 100).until(250).stop(StopReason.INEFFICACY).response(NONE).done()
                .build(), 260).assessment();
        Optional<Assessment.InadequateTrial> trial = a.inadequateTrials().stream()
                .filter(t -> t.drug().equals("tofacitinib")).findFirst();
        boolean failed = a.failedDrugs().stream().anyMatch(f -> f.drug().equals("tofacitinib"));
        assertEquals(inadequate, trial.isPresent(), a.inadequateTrials().toString());
        assertEquals(!inadequate, failed, a.failedDrugs().toString());
        if (inadequate) {
            assertEquals(target, trial.get().targetDose());
            Assessment.NextStep again = step(a, "tofacitinib").orElseThrow(() -> new AssertionError(drugs(a).toString()));
            assertEquals(target, again.targetDose());
        } else {
            assertTrue(step(a, "tofacitinib").isEmpty(), "a failed adequate trial is not re-offered");
        }
    }

    // ------------------------------------------------------------ 4. course accrual

    static Stream<Arguments> accrual() {
        return Stream.of(
                Arguments.of("monthly IVIg, 10 courses recorded by day 300, judged at day 120 after a flare: 5 given, failed",
                        120, 5, false),
                Arguments.of("the same series judged at day 40: 2 courses given, still inside its window", 40, 2, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accrual")
    void coursesOfAnOngoingSeriesAccrueAtTheDrugsInterval(String name, int day, int given, boolean underway) {
        Assessment a = at(gcResistant().give("methotrexate", 20, "mg/wk", 5).until(100).response(NONE).done()
                .give("ivig", 2, "g/kg", 0).route(Route.IV).courses(10).done()
                .event(EventType.FLARE, 115, DiseaseDomain.MUSCLE, null).build(), day, 300).assessment();
        assertTrue(a.inadequateTrials().stream().noneMatch(t -> t.drug().equals("ivig")), a.inadequateTrials().toString());
        Assessment.NextStep ivig = step(a, "ivig").orElse(null);
        if (underway) {
            assertNotNull(ivig, drugs(a).toString());
            assertEquals(StepAction.COMPLETE_TRIAL, ivig.action());
            assertTrue(ivig.rationale().contains(given + " courses < 3"), ivig.rationale());
        } else {
            Assessment.FailedDrug failed = a.failedDrugs().stream().filter(f -> f.drug().equals("ivig")).findFirst()
                    .orElseThrow(() -> new AssertionError(a.failedDrugs().toString()));
            assertTrue(failed.detail().contains(given + " courses"), failed.detail());
            assertEquals(EscalationDecision.INDICATED, a.escalation().decision(), a.escalation().reasons().toString());
            assertTrue(ivig == null, String.valueOf(ivig));
        }
    }

    @Test
    void anIncompleteFirstIvigSeriesForDysphagiaIsCompletedFirst() {
        Assessment a = at(gcResistant().feature(Feature.DYSPHAGIA)
                .give("ivig", 2, "g/kg", 60).route(Route.IV).courses(1).until(62).stop(StopReason.OTHER).done()
                .build(), 100).assessment();
        Assessment.NextStep first = a.nextSteps().get(0);
        assertEquals("ivig", first.drug(), drugs(a).toString());
        assertEquals(StepAction.COMPLETE_TRIAL, first.action());
    }

    // ------------------------------------------------------------ 5. intolerance and re-challenge

    @Test
    void aCalcinosisAgentStoppedForAnAdverseEventIsListedAndMayBeReChallenged() {
        Assessment a = at(adult().weight(60).feature(Feature.CALCINOSIS)
                .give("methotrexate", 20, "mg/wk", 0).done()
                .give("sodium-thiosulfate", 25, "g", 100).route(Route.IV).schedule(null, null, null, 3).until(150).stop(StopReason.ADVERSE_EVENT).done()
                .build(), 200).assessment();
        Assessment.FailedDrug intolerance = a.intolerances().stream().filter(f -> f.drug().equals("sodium-thiosulfate"))
                .findFirst().orElseThrow(() -> new AssertionError(a.intolerances().toString()));
        assertEquals(HistoryBuilder.day(150), intolerance.since());
        Assessment.NextStep again = step(a, "sodium-thiosulfate").orElseThrow(() -> new AssertionError(drugs(a).toString()));
        assertEquals(StepAction.RECHALLENGE, again.action());
        assertEquals("CALCINOSIS", again.track());
        assertFalse(again.contingency(), "the calcinosis track does not wait on the myositis escalation decision");
        assertTrue(again.cautions().stream().anyMatch(c -> c.contains("adverse event on " + HistoryBuilder.day(150))),
                again.cautions().toString());
    }

    static Stream<Arguments> rechallenge() {
        return Stream.of(
                Arguments.of("methotrexate restarted after an adverse-event stop", "methotrexate", 15, "mg/wk", true),
                Arguments.of("azathioprine after methotrexate's adverse event: another drug", "azathioprine", 100, "mg/d",
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rechallenge")
    void restartingADrugStoppedForAnAdverseEventIsWarned(String name, String next, double dose, String unit,
            boolean warned) {
        Assessment a = at(gcResistant().give("methotrexate", 20, "mg/wk", 5).until(40).stop(StopReason.ADVERSE_EVENT).done()
                .give(next, dose, unit, 100).done().build(), 150).assessment();
        assertEquals(warned, warned(a, "RECHALLENGE"), a.warnings().toString());
        assertTrue(a.intolerances().stream().anyMatch(f -> f.drug().equals("methotrexate")
                && HistoryBuilder.day(40).equals(f.since())), a.intolerances().toString());
        assertTrue(step(a, "methotrexate").isEmpty(), "a myositis drug stopped for an adverse event is not re-offered");
    }

    // ------------------------------------------------------------ 6. contraindications and preferences

    private static HistoryBuilder methotrexateFailed() {
        return gcResistant().give("methotrexate", 20, "mg/wk", 5).until(120).response(NONE).done();
    }

    static Stream<Arguments> contraindications() {
        return Stream.of(
                Arguments.of("avoid cytotoxics: no cyclophosphamide", methotrexateFailed(), 150,
                        ContraindicationKind.AVOID_CYTOTOXICS, null, null, List.of("cyclophosphamide")),
                Arguments.of("planning a pregnancy: no teratogens", gcResistant(), 100,
                        ContraindicationKind.PREGNANCY_PLANNING, null, null, List.of("methotrexate", "mycophenolate")),
                Arguments.of("the patient declines rituximab", methotrexateFailed(), 150, ContraindicationKind.AVOID_DRUG,
                        "rituximab", null, List.of("rituximab")),
                Arguments.of("a preference that ended: nothing left out", methotrexateFailed(), 150,
                        ContraindicationKind.AVOID_CYTOTOXICS, null, 50, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contraindications")
    void contraindicationsRemoveStepsAndSayWhy(String name, HistoryBuilder base, int day, ContraindicationKind kind,
            String drug, Integer until, List<String> leftOut) {
        Assessment without = at(base.build(), day).assessment();
        Assessment with = at(base.avoid(kind, drug, 10, until).build(), day).assessment();
        for (String d : leftOut) {
            assertTrue(drugs(without).contains(d), d + " is a step without the contraindication: " + drugs(without));
            assertFalse(drugs(with).contains(d), d + " is left out: " + drugs(with));
        }
        assertEquals(!leftOut.isEmpty(), warned(with, "STEPS_LEFT_OUT"), with.warnings().toString());
        assertEquals(until == null, criterion(with, "CONTRAINDICATIONS").met());
        if (leftOut.isEmpty()) {
            assertEquals(drugs(without), drugs(with));
        }
    }

    @Test
    void avoidGlucocorticoidsKeepsGlucocorticoidsOutOfInduction() {
        HistoryBuilder untreated = juvenile().weight(30);
        Assessment without = at(untreated.build(), 10).assessment();
        Assessment with = at(untreated.avoid(ContraindicationKind.AVOID_GLUCOCORTICOIDS, null, 0, null).build(), 10)
                .assessment();
        List<String> gcs = List.of("methylprednisolone", "prednisone", "prednisolone");
        assertTrue(drugs(without).stream().anyMatch(gcs::contains), drugs(without).toString());
        assertTrue(drugs(with).stream().noneMatch(gcs::contains), drugs(with).toString());
        assertTrue(drugs(with).contains("methotrexate"), "a steroid-free induction keeps methotrexate: " + drugs(with));
        assertTrue(with.warnings().stream().anyMatch(w -> w.code().equals("STEPS_LEFT_OUT")
                && w.message().contains("AVOID_GLUCOCORTICOIDS")));
    }

    // ------------------------------------------------------------ 7. rescue options on the ladders

    @Test
    void plasmaExchangeIsTheRescueInAntiMda5RapidlyProgressiveIld() {
        Assessment a = at(adult().weight(70).feature(Feature.ANTI_MDA5).feature(Feature.RAPIDLY_PROGRESSIVE_ILD)
                .give("methylprednisolone", 1000, "mg", 0).route(Route.IV).until(2).done()
                .give("prednisone", 60, "mg/d", 3).done()
                .give("tacrolimus", 0.1, "mg/kg/d", 0).done()
                .give("cyclophosphamide", 750, "mg/m2", 0).route(Route.IV).courses(2).done()
                .event(EventType.FLARE, 40, DiseaseDomain.LUNG, null).build(), 45).assessment();
        Assessment.NextStep pe = step(a, "plasma-exchange").orElseThrow(() -> new AssertionError(drugs(a).toString()));
        assertTrue(pe.rationale().toLowerCase().contains("rescue"), pe.rationale());
    }

    @Test
    void skinRefractoryDiseaseIsOfferedApremilastAndAnifrolumab() {
        HistoryBuilder skin = adult().weight(70).subtype(org.myoline.engine.model.Subtype.AMYOPATHIC)
                .give("hydroxychloroquine", 400, "mg/d", 0).until(200).response(NONE).done()
                .give("methotrexate", 20, "mg/wk", 10).until(200).response(NONE).done()
                .give("mycophenolate", 2000, "mg/d", 201).until(400).response(NONE).done()
                .give("ivig", 2, "g/kg", 401).route(Route.IV).courses(3).until(500).response(NONE).done();
        Assessment a = at(skin.build(), 520).assessment();
        assertTrue(criterion(a, "MOD-SKIN-RESCUE").met(), criterion(a, "MOD-SKIN-RESCUE").detail());
        assertTrue(drugs(a).containsAll(List.of("apremilast", "anifrolumab")), drugs(a).toString());
        Assessment notSkin = at(gcResistant().build(), 100).assessment();
        assertFalse(drugs(notSkin).contains("apremilast"), "off-ladder agents stay off without refractory skin disease");
    }
}
