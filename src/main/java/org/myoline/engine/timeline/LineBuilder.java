package org.myoline.engine.timeline;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.myoline.engine.model.DrugProfile;
import org.myoline.engine.model.History;
import org.myoline.engine.model.ResponseCategory;
import org.myoline.engine.model.Route;
import org.myoline.engine.model.Timeline;
import org.myoline.engine.rules.Range;
import org.myoline.engine.rules.RuleId;
import org.myoline.engine.rules.RuleSet;

/**
 * Lines of therapy from episodes (docs/clinical-evidence.md §5). Background agents (glucocorticoids, pulses,
 * topicals, hydroxychloroquine) never start a line, except that a glucocorticoid given before any
 * disease-modifying drug starts the first line. Calcinosis agents run on their own track.
 */
public final class LineBuilder {

    @RuleId("LOT-REGIMEN-WINDOW")
    public record RegimenWindow(@Range(min = 0, max = 365) int regimenWindowDays) {
    }

    @RuleId("LOT-DISCONTINUATION-GAP")
    public record DiscontinuationGap(@Range(min = 1, max = 3650) int discontinuationGapDays) {
    }

    @RuleId("LOT-RETREATMENT")
    public record Retreatment(boolean retreatmentAdvancesLine) {
    }

    public record Result(List<Timeline.Line> lines, List<Timeline.TrackEra> calcinosisTrack, List<String> backgroundEpisodeIds,
            Map<String, Integer> lineOfEpisode) {
    }

    private static final class LineState {
        final LocalDate start;
        final Timeline.LineReason reason;
        final String detail;
        final boolean glucocorticoidFounded;
        final Set<String> regimen = new LinkedHashSet<>();
        final List<String> episodeIds = new ArrayList<>();
        final List<History.Episode> episodes = new ArrayList<>();
        /** Per regimen drug, the last day it still covers the patient (null = ongoing): gaps are measured on it. */
        final Map<String, LocalDate> covered = new LinkedHashMap<>();
        /** Per regimen drug, the last day it was actually given (null = ongoing): the line's end date. */
        final Map<String, LocalDate> given = new LinkedHashMap<>();

        LineState(LocalDate start, Timeline.LineReason reason, String detail, boolean glucocorticoidFounded) {
            this.start = start;
            this.reason = reason;
            this.detail = detail;
            this.glucocorticoidFounded = glucocorticoidFounded;
        }

        void give(String drug, LocalDate end, LocalDate coverageEnd) {
            later(given, drug, end);
            later(covered, drug, coverageEnd);
        }

        private static void later(Map<String, LocalDate> map, String drug, LocalDate end) {
            if (!map.containsKey(drug)) {
                map.put(drug, end);
            } else {
                LocalDate known = map.get(drug);
                map.put(drug, known == null || end == null ? null : (end.isAfter(known) ? end : known));
            }
        }

        /** Last day any regimen drug covers the patient; null when one is ongoing. */
        LocalDate coveredUntil() {
            return latest(covered);
        }

        /** Last day any regimen drug was given; null when one is ongoing. */
        LocalDate givenUntil() {
            return latest(given);
        }

        private static LocalDate latest(Map<String, LocalDate> ends) {
            LocalDate max = null;
            for (LocalDate end : ends.values()) {
                if (end == null) {
                    return null;
                }
                max = max == null || end.isAfter(max) ? end : max;
            }
            return max;
        }
    }

    private final Drugs drugs;
    private final int window;
    private final int gap;
    private final boolean retreatmentAdvances;

    public LineBuilder(RuleSet.Binder rules, Drugs drugs) {
        this.drugs = drugs;
        this.window = rules.params(RegimenWindow.class).regimenWindowDays();
        this.gap = rules.params(DiscontinuationGap.class).discontinuationGapDays();
        this.retreatmentAdvances = rules.params(Retreatment.class).retreatmentAdvancesLine();
    }

    public Result build(List<History.Episode> episodes, LocalDate asOf) {

        List<History.Episode> sorted = new ArrayList<>(episodes);
        sorted.sort(Comparator.comparing(History.Episode::start)); // stable: keeps recording order on ties
        List<History.Episode> diseaseModifying = new ArrayList<>();
        List<History.Episode> glucocorticoids = new ArrayList<>();
        List<History.Episode> background = new ArrayList<>();
        List<History.Episode> calcinosis = new ArrayList<>();
        for (History.Episode e : sorted) {
            DrugProfile p = drugs.profile(e.drug());
            if (p == null) {
                continue;
            }
            if (p.calcinosisTrack()) {
                calcinosis.add(e);
            } else if (!p.background()) {
                diseaseModifying.add(e);
            } else {
                background.add(e);
                if (p.glucocorticoid() && e.route() != Route.TOPICAL && !drugs.isPulse(e)) {
                    glucocorticoids.add(e);
                }
            }
        }

        List<LineState> lines = new ArrayList<>();
        Map<String, Integer> lineOf = new HashMap<>();
        // Per disease-modifying drug: last day given (null = ongoing) and end of its current era.
        Map<String, LocalDate> lastGiven = new HashMap<>();
        Map<String, LocalDate> firstGiven = new HashMap<>();

        if (!glucocorticoids.isEmpty() && (diseaseModifying.isEmpty()
                || !glucocorticoids.get(0).start().isAfter(diseaseModifying.get(0).start()))) {
            LineState first = new LineState(glucocorticoids.get(0).start(), Timeline.LineReason.FIRST,
                    "glucocorticoid induction", true);
            for (History.Episode gc : glucocorticoids) {
                if (!gc.start().isAfter(first.start.plusDays(window))) {
                    first.regimen.add(gc.drug());
                    first.episodeIds.add(gc.id());
                    first.episodes.add(gc);
                    first.give(gc.drug(), gc.end(), gc.end());
                    lineOf.put(gc.id(), 1);
                }
            }
            lines.add(first);
        }

        for (History.Episode e : diseaseModifying) {
            DrugProfile p = drugs.profile(e.drug());
            LineState current = lines.isEmpty() ? null : lines.get(lines.size() - 1);
            LineState target;
            if (current == null) {
                target = new LineState(e.start(), Timeline.LineReason.FIRST, e.drug() + " first", false);
                lines.add(target);
            } else if (!e.start().isAfter(current.start.plusDays(window))) {
                target = current;
            } else {
                LocalDate regimenEnd = regimenEnd(current, glucocorticoids, e.start());
                if (regimenEnd != null && ChronoUnit.DAYS.between(regimenEnd, e.start()) > gap) {
                    target = new LineState(e.start(), Timeline.LineReason.RESTART_AFTER_GAP,
                            e.drug() + " after " + ChronoUnit.DAYS.between(regimenEnd, e.start())
                                    + " days without " + String.join(", ", current.regimen) + " (gap > " + gap + " d)",
                            false);
                    lines.add(target);
                } else if (current.regimen.contains(e.drug())) {
                    LocalDate last = lastGiven.get(e.drug());
                    boolean newEra = !p.continuesEra(last, e.start());
                    target = newEra && retreatmentAdvances ? advance(lines, current, e, lastGiven, firstGiven, glucocorticoids) : current;
                } else {
                    target = advance(lines, current, e, lastGiven, firstGiven, glucocorticoids);
                }
            }
            target.regimen.add(e.drug());
            target.episodeIds.add(e.id());
            target.episodes.add(e);
            LocalDate end = drugs.coverageEnd(e);
            target.give(e.drug(), e.end(), end);
            // The target is nearly always the newest line: search from the end (indexOf made long histories quadratic).
            lineOf.put(e.id(), lines.lastIndexOf(target) + 1);
            boolean known = lastGiven.containsKey(e.drug());
            LocalDate previous = lastGiven.get(e.drug());
            boolean continuing = known && p.continuesEra(previous, e.start());
            if (!continuing) {
                firstGiven.put(e.drug(), e.start());
                lastGiven.put(e.drug(), end);
            } else {
                lastGiven.put(e.drug(), previous == null || end == null ? null : (end.isAfter(previous) ? end : previous));
            }
        }

        // A glucocorticoid-founded first line lasts as long as its glucocorticoid does.
        if (!lines.isEmpty() && lines.get(0).glucocorticoidFounded) {
            for (History.Episode gc : glucocorticoids) {
                if (lines.size() == 1 || gc.start().isBefore(lines.get(1).start)) {
                    lines.get(0).give(gc.drug(), gc.end(), gc.end());
                }
            }
        }

        List<Timeline.Line> result = new ArrayList<>();
        // Lines follow each other in time, so background episodes are swept once: those started by a line's end
        // join the candidates, those ended before a line's start leave them for good.
        List<History.Episode> byStart = new ArrayList<>(background);
        byStart.sort(Comparator.comparing(History.Episode::start));
        List<History.Episode> candidates = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < lines.size(); i++) {
            LineState line = lines.get(i);
            LocalDate end = line.givenUntil();
            if (i + 1 < lines.size()) {
                LocalDate beforeNext = lines.get(i + 1).start.minusDays(1);
                end = end == null || end.isAfter(beforeNext) ? beforeNext : end;
            }
            LocalDate until = end == null ? asOf : end;
            while (next < byStart.size() && !byStart.get(next).start().isAfter(until)) {
                candidates.add(byStart.get(next++));
            }
            candidates.removeIf(b -> b.end() != null && b.end().isBefore(line.start));
            Set<String> backgroundDrugs = new TreeSet<>();
            for (History.Episode b : candidates) {
                boolean overlaps = !b.start().isAfter(until) && (b.end() == null || !b.end().isBefore(line.start));
                if (overlaps && !line.regimen.contains(b.drug())) {
                    backgroundDrugs.add(b.drug());
                }
            }
            result.add(new Timeline.Line(i + 1, line.start, end, List.copyOf(line.regimen), List.copyOf(backgroundDrugs),
                    tier(line.regimen), line.reason, line.detail, List.copyOf(line.episodeIds), bestResponse(line.episodes)));
        }

        List<String> backgroundIds = background.stream().map(History.Episode::id).filter(id -> !lineOf.containsKey(id))
                .toList();
        // A read-only view, not Map.copyOf: copying re-hashed every episode id (a tenth of the engine's time at
        // 1,000 episodes); lineOf is local and never changes after this.
        return new Result(List.copyOf(result), calcinosisTrack(calcinosis), backgroundIds, Collections.unmodifiableMap(lineOf));
    }

    /** Last day the current line's regimen is given before {@code date}; null while it is still given. */
    private LocalDate regimenEnd(LineState line, List<History.Episode> glucocorticoids, LocalDate date) {
        LocalDate end = line.coveredUntil();
        if (end == null || !line.glucocorticoidFounded) {
            return end;
        }
        for (History.Episode gc : glucocorticoids) {
            if (!gc.start().isAfter(date)) {
                if (gc.end() == null) {
                    return null;
                }
                end = gc.end().isAfter(end) ? gc.end() : end;
            }
        }
        return end;
    }

    /** Opens the next line for a drug outside the current regimen: DRUG_ADDED if any of it continues, else SWITCH. */
    private LineState advance(List<LineState> lines, LineState current, History.Episode e,
            Map<String, LocalDate> lastGiven, Map<String, LocalDate> firstGiven, List<History.Episode> glucocorticoids) {
        List<String> continuing = new ArrayList<>();
        for (Map.Entry<String, LocalDate> given : current.covered.entrySet()) {
            String drug = given.getKey();
            DrugProfile p = drugs.profile(drug);
            if (p.glucocorticoid()) {
                continue; // background in every line after the first
            }
            LocalDate until = lastGiven.getOrDefault(drug, given.getValue());
            if (lastGiven.containsKey(drug) && (until == null || !until.isBefore(e.start()))
                    && !firstGiven.getOrDefault(drug, e.start()).isAfter(e.start())) {
                continuing.add(drug);
            }
        }
        // Adding to a glucocorticoid-only first line is an addition; once a line has a disease-modifying
        // drug, the glucocorticoid is background and replacing that drug is a switch.
        boolean glucocorticoidOnly = current.regimen.stream().allMatch(d -> drugs.profile(d).glucocorticoid());
        boolean gcContinues = current.glucocorticoidFounded && glucocorticoidOnly && glucocorticoids.stream()
                .anyMatch(gc -> !gc.start().isAfter(e.start()) && (gc.end() == null || !gc.end().isBefore(e.start())));
        LineState next;
        if (!continuing.isEmpty() || gcContinues) {
            next = new LineState(e.start(), Timeline.LineReason.DRUG_ADDED,
                    e.drug() + " added to " + String.join(" + ", continuing.isEmpty() ? current.regimen : continuing),
                    false);
            for (String drug : continuing) {
                next.regimen.add(drug);
                next.give(drug, current.given.get(drug), lastGiven.get(drug));
            }
        } else {
            next = new LineState(e.start(), Timeline.LineReason.SWITCH,
                    "switched from " + String.join(" + ", current.regimen) + " to " + e.drug(), false);
        }
        lines.add(next);
        return next;
    }

    private Integer tier(Set<String> regimen) {
        Integer max = null;
        for (String drug : regimen) {
            Integer t = drugs.tierOf(drugs.profile(drug));
            max = t == null ? max : max == null || t > max ? t : max;
        }
        return max;
    }

    public static ResponseCategory bestResponse(List<History.Episode> episodes) {
        ResponseCategory best = ResponseCategory.NOT_ASSESSED;
        for (History.Episode e : episodes) {
            best = rank(e.response()) > rank(best) ? e.response() : best;
        }
        return best;
    }

    private static int rank(ResponseCategory r) {
        return switch (r) {
            case MAJOR -> 3;
            case PARTIAL -> 2;
            case NONE -> 1;
            case NOT_ASSESSED -> 0;
        };
    }

    private List<Timeline.TrackEra> calcinosisTrack(List<History.Episode> episodes) {
        Map<String, List<History.Episode>> byDrug = new LinkedHashMap<>();
        episodes.forEach(e -> byDrug.computeIfAbsent(e.drug(), k -> new ArrayList<>()).add(e));
        List<Timeline.TrackEra> eras = new ArrayList<>();
        for (Map.Entry<String, List<History.Episode>> entry : byDrug.entrySet()) {
            int persistence = drugs.profile(entry.getKey()).persistenceDays();
            LocalDate start = null;
            LocalDate end = null;
            boolean ongoing = false;
            List<String> ids = new ArrayList<>();
            for (History.Episode e : entry.getValue()) {
                boolean joins = start != null && (ongoing || !e.start().isAfter(end.plusDays(persistence)));
                if (!joins && start != null) {
                    eras.add(new Timeline.TrackEra(entry.getKey(), start, ongoing ? null : end, List.copyOf(ids)));
                    ids.clear();
                    ongoing = false;
                    end = null;
                }
                if (!joins) {
                    start = e.start();
                }
                ids.add(e.id());
                ongoing |= e.end() == null;
                end = e.end() == null ? end : (end == null || e.end().isAfter(end) ? e.end() : end);
                if (end == null && !ongoing) {
                    end = e.start();
                }
            }
            if (start != null) {
                eras.add(new Timeline.TrackEra(entry.getKey(), start, ongoing ? null : end, List.copyOf(ids)));
            }
        }
        eras.sort(Comparator.comparing(Timeline.TrackEra::startDate).thenComparing(Timeline.TrackEra::drug));
        return List.copyOf(eras);
    }
}
