package org.myoline.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.myoline.catalogue.Drug;
import org.myoline.catalogue.DrugCatalogue;
import org.myoline.engine.model.Assessment;
import org.myoline.engine.model.DiseaseDomain;
import org.myoline.engine.model.DoseUnit;
import org.myoline.engine.model.EventType;
import org.myoline.engine.model.Feature;
import org.myoline.engine.model.History;
import org.myoline.engine.model.ObservationType;
import org.myoline.engine.model.ResponseCategory;
import org.myoline.engine.model.Route;
import org.myoline.engine.model.StopReason;
import org.myoline.engine.model.Subtype;
import org.myoline.engine.model.Timeline;

/** Invariants of the engine over thousands of random histories. */
class EnginePropertiesTest {
    private static final ClinicalEngine ENGINE = EngineTestSupport.ENGINE;
    private static final DrugCatalogue CATALOGUE = DrugCatalogue.loadDefault();
    private static final List<String> DRUGS = CATALOGUE.all().stream().map(Drug::code).toList();
    private static final LocalDate BASE = LocalDate.of(2015, 1, 1);
    private static final LocalDate TODAY = LocalDate.of(2026, 1, 1);

    @Property(tries = 2000)
    void everyDiseaseModifyingEpisodeIsInExactlyOneLineAndLinesAreOrdered(@ForAll("histories") History h,
            @ForAll @IntRange(min = 0, max = 2500) int asOfDay) {
        LocalDate asOf = BASE.plusDays(asOfDay);
        Timeline t = ENGINE.timeline(h, asOf, TODAY);
        Map<String, Integer> seen = new HashMap<>();
        for (Timeline.Line line : t.lines()) {
            for (String id : line.episodeIds()) {
                assertEquals(null, seen.put(id, line.number()), "episode " + id + " in two lines");
            }
        }
        for (History.Episode e : h.episodes()) {
            Drug d = CATALOGUE.find(e.drug()).orElseThrow();
            boolean diseaseModifying = d.role() == Drug.Role.DISEASE_MODIFYING && d.track() == Drug.Track.MYOSITIS;
            if (diseaseModifying && !e.start().isAfter(asOf)) {
                assertTrue(seen.containsKey(e.id()), "episode " + e.id() + " (" + e.drug() + ") in no line: " + t.lines());
            }
            if (e.start().isAfter(asOf)) {
                assertFalse(seen.containsKey(e.id()), "a later episode leaked into a line");
            }
        }
        for (int i = 0; i < t.lines().size(); i++) {
            Timeline.Line line = t.lines().get(i);
            assertEquals(i + 1, line.number());
            if (i > 0) {
                assertFalse(line.startDate().isBefore(t.lines().get(i - 1).startDate()), "lines out of order");
            }
            if (line.endDate() != null) {
                assertFalse(line.endDate().isBefore(line.startDate()), "line ends before it starts: " + line);
            }
        }
    }

    @Property(tries = 2000)
    void laterFactsNeverChangeAnEarlierAnswer(@ForAll("histories") History h, @ForAll("histories") History later,
            @ForAll @IntRange(min = 0, max = 2500) int asOfDay) {
        LocalDate asOf = BASE.plusDays(asOfDay);
        History extended = withLaterFacts(h, later, asOf);
        assertEquals(ENGINE.evaluate(h, asOf, TODAY), ENGINE.evaluate(extended, asOf, TODAY));
    }

    @Property(tries = 1000)
    void addingALaterEpisodeNeverChangesAnEarlierAnswer(@ForAll("histories") History h,
            @ForAll @IntRange(min = 0, max = 2500) int asOfDay, @ForAll @IntRange(min = 1, max = 400) int after) {
        LocalDate asOf = BASE.plusDays(asOfDay);
        List<History.Episode> episodes = new ArrayList<>(h.episodes());
        episodes.add(new History.Episode("later", "rituximab", Route.IV, new History.Dose(1000, DoseUnit.MG),
                asOf.plusDays(after), null, List.of(), ResponseCategory.NONE, null, 1));
        History extended = new History(h.patient(), episodes, h.observations(), h.events());
        assertEquals(ENGINE.evaluate(h, asOf, TODAY), ENGINE.evaluate(extended, asOf, TODAY));
    }

    @Property(tries = 2000)
    void noWithdrawnFailedOrActiveDrugIsEverSuggested(@ForAll("histories") History h,
            @ForAll @IntRange(min = 0, max = 2500) int asOfDay) {
        Assessment a = ENGINE.assess(h, BASE.plusDays(asOfDay), TODAY);
        for (Assessment.NextStep step : a.nextSteps()) {
            assertFalse(CATALOGUE.find(step.drug()).orElseThrow().withdrawn(), step.drug() + " is withdrawn");
            assertTrue(a.failedDrugs().stream().noneMatch(f -> f.drug().equals(step.drug())), step.drug() + " failed");
            boolean rechallenge = step.action() == Assessment.StepAction.RECHALLENGE;
            assertTrue(rechallenge || a.intolerances().stream().noneMatch(f -> f.drug().equals(step.drug())),
                    step.drug() + " not tolerated");
            assertTrue(!rechallenge || (step.track().equals("CALCINOSIS") && !step.cautions().isEmpty()),
                    "only calcinosis agents are re-challenged, with a caution: " + step);
        }
    }

    @Property(tries = 1000)
    void glucocorticoidCurveIsNonNegativeAndSumsToTheCumulativeDose(@ForAll("histories") History h,
            @ForAll @IntRange(min = 0, max = 2500) int asOfDay) {
        Timeline.GlucocorticoidExposure gc = ENGINE.timeline(h, BASE.plusDays(asOfDay), TODAY).glucocorticoid();
        double sum = 0;
        for (Timeline.DoseStep s : gc.steps()) {
            assertTrue(s.prednisoneEquivalentMgPerDay() > 0, "steps carry positive doses");
            sum += s.prednisoneEquivalentMgPerDay() * (s.to().toEpochDay() - s.from().toEpochDay() + 1);
        }
        assertEquals(gc.cumulativeMg(), Math.round(sum * 10) / 10.0, Math.max(1.0, sum * 1e-6));
    }

    /** The history plus facts dated after asOf: later episodes, later events and observations, later ends. */
    private static History withLaterFacts(History h, History later, LocalDate asOf) {
        List<History.Episode> episodes = new ArrayList<>();
        int i = 0;
        for (History.Episode e : h.episodes()) {
            boolean ongoingAtAsOf = e.end() == null || e.end().isAfter(asOf);
            if (ongoingAtAsOf && !e.start().isAfter(asOf)) {
                // Whatever happened after asOf to an episode still running then is a later fact.
                List<History.DoseStep> changes = new ArrayList<>(e.doseChanges());
                changes.add(new History.DoseStep(asOf.plusDays(30 + i), new History.Dose(1, DoseUnit.MG_PER_DAY)));
                changes.removeIf(c -> !c.date().isAfter(asOf) && !e.doseChanges().contains(c));
                episodes.add(new History.Episode(e.id(), e.drug(), e.route(), e.dose(), e.start(),
                        asOf.plusDays(31 + i), changes.stream().sorted((x, y) -> x.date().compareTo(y.date())).toList(),
                        ResponseCategory.values()[i % 4], StopReason.values()[i % 6], 7));
            } else {
                episodes.add(e);
            }
            i++;
        }
        for (History.Episode e : later.episodes()) {
            episodes.add(new History.Episode("later-" + e.id(), e.drug(), e.route(), e.dose(),
                    asOf.plusDays(1 + Math.floorMod(e.start().toEpochDay(), 300)), null, List.of(), e.response(), null,
                    e.courses()));
        }
        List<History.Event> events = new ArrayList<>(h.events());
        later.events().forEach(v -> events.add(new History.Event(asOf.plusDays(1 + Math.floorMod(v.date().toEpochDay(), 90)),
                v.type(), v.domain(), null)));
        List<History.Observation> observations = new ArrayList<>(h.observations());
        later.observations().forEach(o -> observations.add(new History.Observation(asOf.plusDays(1), o.type(), o.value())));
        return new History(h.patient(), episodes, observations, events);
    }

    @Provide
    Arbitrary<History> histories() {
        Arbitrary<History.Patient> patients = Combinators.combine(
                Arbitraries.of(Subtype.values()),
                Arbitraries.of(Feature.values()).set().ofMaxSize(3),
                Arbitraries.doubles().between(15, 110).injectNull(0.3),
                Arbitraries.doubles().between(100, 195).injectNull(0.3))
                .as((subtype, features, weight, height) -> new History.Patient(LocalDate.of(1960, 1, 1), subtype,
                        features.isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(features),
                        LocalDate.of(2014, 6, 1), weight, height));
        Arbitrary<List<History.Episode>> episodes = episode().list().ofMaxSize(14)
                .map(list -> {
                    List<History.Episode> withIds = new ArrayList<>();
                    for (int i = 0; i < list.size(); i++) {
                        History.Episode e = list.get(i);
                        withIds.add(new History.Episode("e" + i, e.drug(), e.route(), e.dose(), e.start(), e.end(),
                                e.doseChanges(), e.response(), e.stopReason(), e.courses()));
                    }
                    return withIds;
                });
        Arbitrary<List<History.Event>> events = Combinators.combine(Arbitraries.integers().between(0, 2500),
                Arbitraries.of(EventType.values()), Arbitraries.of(DiseaseDomain.values()))
                .as((day, type, domain) -> new History.Event(BASE.plusDays(day), type, domain, null)).list().ofMaxSize(4);
        Arbitrary<List<History.Observation>> observations = Combinators.combine(Arbitraries.integers().between(0, 2500),
                Arbitraries.of(ObservationType.WEIGHT_KG, ObservationType.HEIGHT_CM, ObservationType.TIS),
                Arbitraries.doubles().between(5, 100))
                .as((day, type, value) -> new History.Observation(BASE.plusDays(day), type, value)).list().ofMaxSize(4);
        return Combinators.combine(patients, episodes, observations, events).as(History::new);
    }

    private Arbitrary<History.Episode> episode() {
        Arbitrary<String> drug = Arbitraries.of(DRUGS);
        Arbitrary<Route> route = Arbitraries.of(Route.ORAL, Route.IV, Route.SC, Route.TOPICAL).withoutEdgeCases();
        Arbitrary<History.Dose> dose = Combinators.combine(Arbitraries.doubles().between(0.1, 1200),
                Arbitraries.of(DoseUnit.values())).as(History.Dose::new);
        Arbitrary<Integer> start = Arbitraries.integers().between(0, 2400);
        Arbitrary<Integer> length = Arbitraries.integers().between(0, 500).injectNull(0.3);
        Arbitrary<List<Integer>> changeDays = Arbitraries.integers().between(1, 400).set().ofMaxSize(3)
                .map(s -> s.stream().sorted().toList());
        Arbitrary<ResponseCategory> response = Arbitraries.of(ResponseCategory.values());
        Arbitrary<StopReason> stop = Arbitraries.of(StopReason.values()).injectNull(0.3);
        Arbitrary<Integer> courses = Arbitraries.integers().between(1, 12).injectNull(0.5);
        return Combinators.combine(drug, route, dose, start, length, changeDays, response, stop)
                .as((d, r, ds, s, len, days, resp, st) -> {
                    LocalDate from = BASE.plusDays(s);
                    LocalDate to = len == null ? null : from.plusDays(len);
                    List<History.DoseStep> changes = new ArrayList<>();
                    for (int day : days) {
                        LocalDate date = from.plusDays(day);
                        if (to == null || !date.isAfter(to)) {
                            changes.add(new History.DoseStep(date, new History.Dose(ds.value() / 2 + 1, ds.unit())));
                        }
                    }
                    return new History.Episode("?", d, r, ds, from, to, changes, resp, to == null ? null : st, null);
                }).flatMap(e -> courses.map(c -> new History.Episode(e.id(), e.drug(), e.route(), e.dose(), e.start(),
                        e.end(), e.doseChanges(), e.response(), e.stopReason(), c)));
    }

}
