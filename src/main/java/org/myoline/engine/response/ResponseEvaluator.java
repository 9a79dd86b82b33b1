package org.myoline.engine.response;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.myoline.engine.model.AssessedResponse;
import org.myoline.engine.model.Assessment;
import org.myoline.engine.model.DrugProfile;
import org.myoline.engine.model.History;
import org.myoline.engine.rules.RuleSet;
import org.myoline.engine.timeline.Drugs;
import org.myoline.engine.timeline.Era;

/**
 * Dated responses for every course of a drug (an era of a disease-modifying drug, or a daily glucocorticoid
 * episode): the responses recorded at visits, and those the service computes from each full core set against
 * the course's baseline (the last full set on or before its start). Where both exist the recorded judgement is
 * the category the verdict uses, and both are shown.
 */
public final class ResponseEvaluator {
    private final CoreSetScoring scoring;
    private final Drugs drugs;

    public ResponseEvaluator(RuleSet.Binder rules, Drugs drugs) {
        this.scoring = new CoreSetScoring(rules);
        this.drugs = drugs;
    }

    public CoreSetScoring scoring() {
        return scoring;
    }

    /** A course: one drug's episodes judged together from {@code start} to {@code end} (null = ongoing). */
    private record Course(String drug, List<String> ids, LocalDate start, LocalDate end) {
    }

    public ResponseHistory evaluate(History view, LocalDate asOf, boolean juvenile, List<Era> eras) {
        if (view.observations().isEmpty() && view.assessments().isEmpty()) {
            return ResponseHistory.NONE;
        }
        List<Course> courses = new ArrayList<>();
        eras.forEach(e -> courses.add(new Course(e.drug(), e.ids(), e.start(), e.end())));
        for (History.Episode e : view.episodes()) {
            DrugProfile p = drugs.profile(e.drug());
            if (p != null && p.glucocorticoid() && drugs.systemic(e) && !drugs.isPulse(e)) {
                courses.add(new Course(e.drug(), List.of(e.id()), e.start(), e.end()));
            }
        }
        List<CoreSet> sets = CoreSet.fullSets(view.observations(), juvenile);
        List<Assessment.Response> responses = new ArrayList<>();
        List<String> disagreements = new ArrayList<>();
        for (Course course : courses) {
            responses.addAll(course(course, view, asOf, juvenile, sets, disagreements));
        }
        responses.sort(Comparator.comparing(Assessment.Response::date).thenComparing(Assessment.Response::drug));
        return new ResponseHistory(List.copyOf(responses), flares(responses), List.copyOf(disagreements));
    }

    private List<Assessment.Response> course(Course course, History view, LocalDate asOf, boolean juvenile,
            List<CoreSet> sets, List<String> disagreements) {
        Map<LocalDate, Assessment.Recorded> recorded = new TreeMap<>();
        Set<String> ids = Set.copyOf(course.ids());
        for (History.ResponseAssessment a : view.assessments()) {
            if (ids.contains(a.episodeId())) {
                recorded.put(a.date(), new Assessment.Recorded(a.category(), a.instrument(), a.score()));
            }
        }
        LocalDate last = course.end() == null || course.end().isAfter(asOf) ? asOf : course.end();
        CoreSet baseline = null;
        List<CoreSet> visits = new ArrayList<>();
        for (CoreSet s : sets) {
            if (!s.date().isAfter(course.start())) {
                baseline = s;
            } else if (!s.date().isAfter(last)) {
                visits.add(s);
            }
        }
        Map<LocalDate, Assessment.CoreSetScore> computed = new TreeMap<>();
        if (baseline != null) {
            int worseInARow = 0;
            for (CoreSet visit : visits) {
                boolean worse = scoring.deteriorated(baseline, visit);
                worseInARow = worse ? worseInARow + 1 : 0;
                computed.put(visit.date(), scoring.score(baseline, visit, juvenile,
                        worseInARow >= scoring.consecutiveVisits()));
            }
        }
        Set<LocalDate> dates = new java.util.TreeSet<>(recorded.keySet());
        dates.addAll(computed.keySet());
        List<Assessment.Response> out = new ArrayList<>();
        for (LocalDate date : dates) {
            Assessment.Recorded r = recorded.get(date);
            Assessment.CoreSetScore c = computed.get(date);
            AssessedResponse fromScore = c == null ? null : category(c);
            if (r != null && fromScore != null && r.category() != fromScore) {
                disagreements.add(course.drug() + " on " + date + ": recorded " + r.category() + ", computed " + fromScore
                        + " (TIS " + c.totalImprovementScore() + ")");
            }
            out.add(new Assessment.Response(course.drug(), course.ids(), date, r != null ? r.category() : fromScore, r, c));
        }
        return out;
    }

    /** A computed score as a response category: confirmed deterioration, none, partial (minimal, moderate) or major. */
    public static AssessedResponse category(Assessment.CoreSetScore c) {
        if (c.confirmedDeterioration()) {
            return AssessedResponse.WORSENING;
        }
        return switch (c.tisCategory()) {
            case "MAJOR" -> AssessedResponse.MAJOR;
            case "MODERATE", "MINIMAL" -> AssessedResponse.PARTIAL;
            default -> AssessedResponse.NONE;
        };
    }

    /** Confirmed deteriorations after an earlier response of any course: flares. */
    private static List<LocalDate> flares(List<Assessment.Response> responses) {
        Set<LocalDate> flares = new LinkedHashSet<>();
        LocalDate firstResponse = null;
        for (Assessment.Response r : responses) {
            if (r.computed() != null && r.computed().confirmedDeterioration() && firstResponse != null
                    && firstResponse.isBefore(r.date())) {
                flares.add(r.date());
            }
            if ((r.category() == AssessedResponse.MAJOR || r.category() == AssessedResponse.PARTIAL) && firstResponse == null) {
                firstResponse = r.date();
            }
        }
        return List.copyOf(flares);
    }
}
