package org.myoline.picture;

import static org.myoline.picture.SvgText.esc;
import static org.myoline.picture.SvgText.fit;
import static org.myoline.picture.SvgText.num;
import static org.myoline.picture.SvgText.width;
import static org.myoline.picture.SvgText.words;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.myoline.engine.ClinicalEngine;
import org.myoline.engine.glucocorticoid.GlucocorticoidThresholds;
import org.myoline.engine.model.Assessment;
import org.myoline.engine.model.History;
import org.myoline.engine.model.ObservationType;
import org.myoline.engine.model.StopReason;
import org.myoline.engine.model.Timeline;
import org.myoline.engine.timeline.DoseMath;

/**
 * Draws one patient's treatment history as a self-contained SVG: a header with the verdict, swim lanes per line
 * of therapy (a row per drug, a bar per episode, dose steps shaded and labelled where they fit, course ticks,
 * stop and response markers), the calcinosis and background tracks, the glucocorticoid curve with pulses and the
 * two dose thresholds, dated events, measures, and a legend.
 *
 * <p>Pure: records in, text out, no clock and no locale, so the same input gives byte-identical output. No script,
 * no style sheet, no external reference: it can be inlined under {@code default-src 'none'}. Every mark carries a
 * {@code <title>} (its text alternative); every label is laid out on its own row or clipped to its bar, so none
 * overlaps another. Shapes as well as colours tell marks apart (Okabe–Ito palette, legible in greyscale).
 */
public final class TimelinePicture {

    /** What the picture shows of a drug: its display name, its tier, and whether it is a glucocorticoid. */
    public record DrugInfo(String name, Integer tier, boolean glucocorticoid) {
    }

    /**
     * @param chart             the engine's as-of view and answers
     * @param rulesVersion      the effective rules version, shown in the header
     * @param defaultDefinition the name of the definition the verdict uses
     * @param from              first day drawn; null = the history's first date
     * @param to                last day drawn; null = the as-of date
     * @param drugs             catalogue facts by drug code
     * @param notes             free-text notes by episode id (shown in the bars' text alternatives)
     */
    public record Input(ClinicalEngine.Chart chart, String rulesVersion, String defaultDefinition, LocalDate from,
            LocalDate to, Map<String, DrugInfo> drugs, Map<String, String> notes) {
    }

    static final double W = 1120;
    static final double PLOT_X = 250;
    static final double PLOT_W = W - PLOT_X - 24;
    static final double ROW = 18;
    static final double BAR = 11;
    static final String FONT = "DejaVu Sans, Verdana, Arial, sans-serif";
    /** Okabe–Ito, by tier; ordered so that neighbouring tiers also differ in lightness. */
    static final String[] TIER_COLOURS = {"#56B4E9", "#0072B2", "#009E73", "#E69F00", "#D55E00", "#CC79A7", "#F0E442"};
    static final String CALCINOSIS = "#999999";
    static final String INK = "#1a1a1a";
    static final String MUTED = "#555555";

    private static final Map<ObservationType, String> MEASURES = new EnumMap<>(ObservationType.class);

    static {
        MEASURES.put(ObservationType.CK_U_PER_L, "CK (U/L)");
        MEASURES.put(ObservationType.MMT8, "MMT8 (0–150)");
        MEASURES.put(ObservationType.CDASI_ACTIVITY, "CDASI activity");
    }

    private final Input in;
    private final History view;
    private final Timeline timeline;
    private final Assessment assessment;
    private final TimeAxis axis;
    private final StringBuilder body;
    private double y;

    private TimelinePicture(Input in) {
        this.in = in;
        this.view = in.chart().view();
        this.timeline = in.chart().timeline();
        this.assessment = in.chart().assessment();
        // About 900 characters per episode and 8,000 for the rest: one allocation, no growth for most histories.
        this.body = new StringBuilder(8_192 + 900 * view.episodes().size());
        LocalDate asOf = timeline.asOf();
        LocalDate to = in.to() != null ? in.to() : asOf;
        LocalDate from = in.from() != null ? in.from() : firstDate(asOf, to);
        if (ChronoUnit.DAYS.between(from, to) < 13) {
            // Two weeks at least, so that a day is never wider than a label.
            from = to.minusDays(13);
        }
        this.axis = new TimeAxis(from, to, PLOT_X, PLOT_W);
    }

    public static String render(Input in) {
        return new TimelinePicture(in).draw();
    }

    /** The earliest date of the history, a little before it so the first bar does not touch the edge. */
    private LocalDate firstDate(LocalDate asOf, LocalDate to) {
        LocalDate first = to;
        for (History.Episode e : view.episodes()) {
            first = e.start().isBefore(first) ? e.start() : first;
        }
        for (History.Event e : view.events()) {
            first = e.date().isBefore(first) ? e.date() : first;
        }
        for (History.Observation o : view.observations()) {
            first = o.date().isBefore(first) ? o.date() : first;
        }
        if (view.patient().diagnosisDate() != null && view.patient().diagnosisDate().isBefore(first)) {
            first = view.patient().diagnosisDate();
        }
        long span = Math.max(14, ChronoUnit.DAYS.between(first, to));
        return first.minusDays(Math.max(1, span / 40));
    }

    private String draw() {
        y = 0;
        header();
        double axisY = y + 16;
        y += 26;
        double plotTop = y;
        Map<String, History.Episode> byId = new LinkedHashMap<>();
        view.episodes().stream().sorted(Comparator.comparing(History.Episode::start).thenComparing(History.Episode::id))
                .forEach(e -> byId.put(e.id(), e));
        Set<String> placed = new HashSet<>();
        int band = 0;
        for (Timeline.Line line : timeline.lines()) {
            List<History.Episode> episodes = line.episodeIds().stream().map(byId::get).filter(e -> e != null).toList();
            if (episodes.stream().noneMatch(this::visible)) {
                continue;
            }
            episodes.forEach(e -> placed.add(e.id()));
            String title = "Line " + line.number() + ", " + line.startDate() + " to "
                    + (line.endDate() == null ? "ongoing" : line.endDate()) + ": " + words(line.reason()) + " ("
                    + line.reasonDetail() + ")" + (line.tier() == null ? "" : ", tier " + line.tier())
                    + (line.response() == null ? "" : ", best response " + words(line.response()));
            lane(band++, "L" + line.number(), reasonWord(line.reason()), title, episodes);
        }
        List<History.Episode> calcinosis = new ArrayList<>();
        for (Timeline.TrackEra era : timeline.calcinosisTrack()) {
            era.episodeIds().stream().map(byId::get).filter(e -> e != null && placed.add(e.id())).forEach(calcinosis::add);
        }
        if (calcinosis.stream().anyMatch(this::visible)) {
            lane(band++, "Calc.", "track", "Calcinosis track: agents for calcinosis, beside the lines of therapy",
                    calcinosis);
        }
        List<History.Episode> background = new ArrayList<>();
        List<History.Episode> glucocorticoids = new ArrayList<>();
        for (History.Episode e : byId.values()) {
            if (!placed.contains(e.id())) {
                (drug(e.drug()).glucocorticoid() ? glucocorticoids : background).add(e);
            }
        }
        if (background.stream().anyMatch(this::visible)) {
            lane(band++, "Bkg.", "", "Background agents outside any line's regimen", background);
        }
        if (glucocorticoids.stream().anyMatch(this::visible)) {
            lane(band++, "GC", "", "Glucocorticoid episodes outside a line's regimen (oral courses and IV pulses)",
                    glucocorticoids);
        }
        glucocorticoidTrack();
        events();
        measures();
        double plotBottom = y;
        y += 10;
        legend();
        double height = Math.ceil(y + 8);

        StringBuilder svg = new StringBuilder(body.length() + 8_192);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(num(W)).append("\" height=\"")
                .append(num(height)).append("\" viewBox=\"0 0 ").append(num(W)).append(' ').append(num(height))
                .append("\" role=\"img\" aria-labelledby=\"timeline-title timeline-desc\" font-family=\"").append(FONT)
                .append("\">\n");
        svg.append("<title id=\"timeline-title\">").append(esc(titleText())).append("</title>\n");
        svg.append("<desc id=\"timeline-desc\">").append(esc(description())).append("</desc>\n");
        svg.append("<rect x=\"0\" y=\"0\" width=\"").append(num(W)).append("\" height=\"").append(num(height))
                .append("\" fill=\"#ffffff\"/>\n");
        axis(svg, axisY, plotTop, plotBottom);
        svg.append(body);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private boolean visible(History.Episode e) {
        LocalDate end = e.end() == null ? timeline.asOf() : e.end();
        return !e.start().isAfter(axis.to) && !end.isBefore(axis.from);
    }

    private DrugInfo drug(String code) {
        DrugInfo info = in.drugs().get(code);
        return info != null ? info : new DrugInfo(code, null, false);
    }

    private static String reasonWord(Timeline.LineReason reason) {
        return switch (reason) {
            case FIRST -> "first";
            case DRUG_ADDED -> "added";
            case SWITCH -> "switch";
            case RESTART_AFTER_GAP -> "restart";
        };
    }

    // ---------------------------------------------------------------- header

    private String titleText() {
        return "Treatment timeline as of " + timeline.asOf() + ": " + verdictWords();
    }

    private String verdictWords() {
        String status = words(assessment.status());
        return Character.toUpperCase(status.charAt(0)) + status.substring(1);
    }

    private String nextStepText() {
        if (assessment.nextSteps().isEmpty()) {
            return "Next step: none proposed";
        }
        Assessment.NextStep s = assessment.nextSteps().get(0);
        return (s.contingency() ? "Next step if relapse or failure: " : "Next step: ") + words(s.action()) + " "
                + drug(s.drug()).name() + (s.tier() == null ? "" : " (tier " + s.tier() + ")")
                + (s.targetDose() == null ? "" : ", target " + s.targetDose());
    }

    private String description() {
        StringBuilder d = new StringBuilder();
        d.append(titleText()).append(" (").append(in.defaultDefinition()).append(" definition). ");
        d.append(timeline.lines().size()).append(timeline.lines().size() == 1 ? " line" : " lines")
                .append(" of therapy, ").append(view.episodes().size()).append(" episodes, drawn from ")
                .append(axis.from).append(" to ").append(axis.to).append(". ");
        for (Timeline.Line l : timeline.lines()) {
            d.append("Line ").append(l.number()).append(" from ").append(l.startDate()).append(": ")
                    .append(String.join(" + ", l.drugs().stream().map(c -> drug(c).name()).toList())).append(". ");
        }
        d.append("Current tier: ").append(assessment.currentTier() == null ? "none" : assessment.currentTier())
                .append(". ").append(nextStepText()).append(". Rules ").append(in.rulesVersion()).append('.');
        return d.toString();
    }

    private void header() {
        double max = W - 24;
        text(12, 24, 15, true, INK, fit("Verdict: " + verdictWords(), 15, true, max * 0.6), "verdict",
                "data-status=\"" + assessment.status().name() + "\"");
        String definition = "by the " + in.defaultDefinition() + " definition"
                + (assessment.juvenile() ? ", juvenile thresholds" : "");
        double after = 12 + width("Verdict: " + verdictWords(), 15, true) + 10;
        if (after + width(definition, 11, false) < max) {
            text(after, 24, 11, false, MUTED, definition, null, null);
        }
        String escalation = assessment.escalation() == null ? "" : " · escalation " + words(assessment.escalation().decision());
        text(12, 44, 12, false, INK, fit("Current tier: " + (assessment.currentTier() == null ? "none"
                : assessment.currentTier()) + escalation + " · " + nextStepText(), 12, false, max), "next-step", null);
        text(12, 62, 10, false, MUTED, fit("As of " + timeline.asOf() + " · rules " + in.rulesVersion() + " · "
                + view.episodes().size() + " episodes, " + timeline.lines().size() + " lines · drawn " + axis.from
                + " to " + axis.to, 10, false, max), "as-of", null);
        y = 72;
    }

    // ---------------------------------------------------------------- axis and grid

    private void axis(StringBuilder svg, double labelY, double top, double bottom) {
        svg.append("<g aria-hidden=\"true\">\n");
        for (TimeAxis.Tick t : axis.ticks()) {
            double x = axis.x(t.date());
            svg.append("<line x1=\"").append(num(x)).append("\" y1=\"").append(num(top - 4)).append("\" x2=\"")
                    .append(num(x)).append("\" y2=\"").append(num(bottom)).append("\" stroke=\"#d9d9d9\" stroke-width=\"1\"/>\n");
            svg.append("<text class=\"label tick\" x=\"").append(num(x)).append("\" y=\"").append(num(labelY))
                    .append("\" font-size=\"10\" text-anchor=\"middle\" fill=\"").append(MUTED).append("\">")
                    .append(esc(t.label())).append("</text>\n");
        }
        double asOfX = axis.xEnd(timeline.asOf());
        if (asOfX > axis.x0 && asOfX <= axis.x0 + axis.width + 0.01) {
            svg.append("<line x1=\"").append(num(asOfX)).append("\" y1=\"").append(num(top - 4)).append("\" x2=\"")
                    .append(num(asOfX)).append("\" y2=\"").append(num(bottom))
                    .append("\" stroke=\"").append(INK).append("\" stroke-width=\"1\" stroke-dasharray=\"2 3\"/>\n");
        }
        svg.append("</g>\n");
    }

    // ---------------------------------------------------------------- lanes

    /** One swim lane: a shaded band, the lane's name in the first column, a row per drug. */
    private void lane(int band, String name, String reason, String title, List<History.Episode> episodes) {
        Map<String, List<History.Episode>> rows = new LinkedHashMap<>();
        for (History.Episode e : episodes) {
            if (visible(e)) {
                rows.computeIfAbsent(e.drug(), k -> new ArrayList<>()).add(e);
            }
        }
        double top = y;
        double height = rows.size() * ROW + 4;
        body.append("<g class=\"lane\" data-lane=\"").append(esc(name)).append("\">\n");
        body.append("<title>").append(esc(title)).append("</title>\n");
        body.append("<rect x=\"4\" y=\"").append(num(top)).append("\" width=\"").append(num(W - 8))
                .append("\" height=\"").append(num(height)).append("\" fill=\"").append(band % 2 == 0 ? "#f3f3f3" : "#ffffff")
                .append("\" stroke=\"#e0e0e0\" stroke-width=\"0.5\"/>\n");
        text(10, top + 2 + ROW / 2 + 4, 11, true, INK, name, null, null);
        if (!reason.isEmpty()) {
            text(50, top + 2 + ROW / 2 + 4, 9, false, MUTED, reason, null, null);
        }
        double rowY = top + 2;
        for (Map.Entry<String, List<History.Episode>> row : rows.entrySet()) {
            row(rowY, row.getKey(), row.getValue());
            rowY += ROW;
        }
        body.append("</g>\n");
        y = top + height;
    }

    private record Span(double x0, double x1, List<History.Episode> episodes) {
        double w() {
            return x1 - x0;
        }
    }

    private void row(double top, String code, List<History.Episode> episodes) {
        DrugInfo info = drug(code);
        text(96, top + ROW / 2 + 4, 11, false, INK, fit(info.name(), 11, false, PLOT_X - 96 - 10), null,
                "data-drug=\"" + esc(code) + "\"");
        String colour = info.tier() == null ? CALCINOSIS : TIER_COLOURS[Math.max(0, Math.min(6, info.tier()))];
        double barY = top + (ROW - BAR) / 2;
        for (Span span : spans(episodes)) {
            if (span.episodes().size() == 1) {
                bar(span, barY, colour);
            } else {
                cluster(span, barY, colour, info.name());
            }
        }
    }

    /** Episodes as pixel spans; overlapping or crowded slivers collapse into one span. */
    private List<Span> spans(List<History.Episode> episodes) {
        List<Span> spans = new ArrayList<>();
        List<History.Episode> sorted = episodes.stream().sorted(Comparator.comparing(History.Episode::start)
                .thenComparing(History.Episode::id)).toList();
        for (History.Episode e : sorted) {
            double x0 = axis.clamp(axis.x(e.start()));
            double x1 = axis.clamp(axis.xEnd(end(e)));
            if (x1 - x0 < 2) {
                x1 = Math.min(axis.x0 + axis.width, x0 + 2);
                x0 = x1 - 2;
            }
            if (!spans.isEmpty()) {
                Span last = spans.get(spans.size() - 1);
                boolean overlap = x0 < last.x1() - 0.5;
                // Slivers (under 6 px) closer than 8 px to the one before: a run of infusions at a scale of years.
                boolean narrow = x1 - x0 < 6 && (last.w() < 6 || last.episodes().size() > 1);
                boolean crowded = x0 - last.x1() < 2 && (x1 - x0 < 6 || last.w() < 6) || narrow && x0 - last.x1() < 8;
                if (overlap || crowded) {
                    List<History.Episode> merged = new ArrayList<>(last.episodes());
                    merged.add(e);
                    spans.set(spans.size() - 1, new Span(last.x0(), Math.max(last.x1(), x1), merged));
                    continue;
                }
            }
            spans.add(new Span(x0, x1, List.of(e)));
        }
        return spans;
    }

    private LocalDate end(History.Episode e) {
        return e.end() == null ? timeline.asOf() : e.end();
    }

    private void bar(Span span, double barY, String colour) {
        History.Episode e = span.episodes().get(0);
        body.append("<g class=\"mark episode\" data-episode=\"").append(esc(e.id())).append("\">");
        body.append("<title>").append(esc(episodeText(e))).append("</title>\n");
        // Dose steps: the recorded dose, then each change; darker for a higher dose within the episode.
        List<History.DoseStep> steps = new ArrayList<>();
        steps.add(new History.DoseStep(e.start(), e.dose()));
        e.doseChanges().stream().filter(c -> c.date().isAfter(e.start()) && !c.date().isAfter(end(e)))
                .sorted(Comparator.comparing(History.DoseStep::date)).forEach(steps::add);
        double maxDose = steps.stream().filter(s -> s.dose() != null).mapToDouble(s -> s.dose().value()).max().orElse(0);
        for (int i = 0; i < steps.size(); i++) {
            History.DoseStep s = steps.get(i);
            LocalDate stepEnd = i + 1 < steps.size() ? steps.get(i + 1).date().minusDays(1) : end(e);
            double x0 = i == 0 ? span.x0() : axis.clamp(axis.x(s.date()));
            double x1 = i + 1 == steps.size() ? span.x1() : axis.clamp(axis.xEnd(stepEnd));
            if (x1 - x0 <= 0) {
                continue;
            }
            double share = maxDose > 0 && s.dose() != null ? s.dose().value() / maxDose : 1;
            body.append("<rect x=\"").append(num(x0)).append("\" y=\"").append(num(barY)).append("\" width=\"")
                    .append(num(x1 - x0)).append("\" height=\"").append(num(BAR)).append("\" fill=\"").append(colour)
                    .append("\" fill-opacity=\"").append(num(0.45 + 0.55 * share)).append("\" stroke=\"").append(INK)
                    .append("\" stroke-width=\"0.5\"/>");
            if (s.dose() != null) {
                String label = DoseMath.text(s.dose().value(), s.dose().unit());
                if (width(label, 8.5, false) + 6 <= x1 - x0) {
                    text(x0 + 3, barY + BAR - 2.5, 8.5, false, INK, label, "dose", "stroke=\"#ffffff\" stroke-width=\"2.2\" "
                            + "stroke-opacity=\"0.85\" paint-order=\"stroke\"");
                }
            }
        }
        courseTicks(e, barY);
        responses(e, barY);
        if (e.end() == null) {
            double x = span.x1();
            body.append("<path d=\"M").append(num(x)).append(' ').append(num(barY - 1)).append(" l5 ")
                    .append(num(BAR / 2 + 1)).append(" l-5 ").append(num(BAR / 2 + 1)).append("z\" fill=\"").append(INK)
                    .append("\"/>");
        } else if (e.stopReason() != null && !e.end().isAfter(axis.to)) {
            stopMarker(span.x1(), barY + BAR / 2, e.stopReason());
        }
        body.append("</g>\n");
    }

    private void cluster(Span span, double barY, String colour, String name) {
        List<History.Episode> es = span.episodes();
        LocalDate first = es.stream().map(History.Episode::start).min(Comparator.naturalOrder()).orElseThrow();
        LocalDate last = es.stream().map(this::end).max(Comparator.naturalOrder()).orElseThrow();
        long stopped = es.stream().filter(e -> e.stopReason() != null).count();
        body.append("<g class=\"mark cluster\" data-episodes=\"").append(es.size()).append("\">");
        body.append("<title>").append(esc(es.size() + " " + name + " episodes from " + first + " to " + last
                + (stopped > 0 ? ", " + stopped + " stopped" : "") + ": too close together to draw apart")).append("</title>\n");
        body.append("<rect x=\"").append(num(span.x0())).append("\" y=\"").append(num(barY)).append("\" width=\"")
                .append(num(span.w())).append("\" height=\"").append(num(BAR)).append("\" fill=\"").append(colour)
                .append("\" fill-opacity=\"0.6\" stroke=\"").append(INK).append("\" stroke-width=\"1\" stroke-dasharray=\"2 1\"/>");
        String count = "×" + es.size();
        if (width(count, 8.5, true) + 4 <= span.w()) {
            text(span.x0() + span.w() / 2, barY + BAR - 2.5, 8.5, true, INK, count, "count",
                    "text-anchor=\"middle\" stroke=\"#ffffff\" stroke-width=\"2.2\" paint-order=\"stroke\"");
        }
        body.append("</g>\n");
    }

    private String episodeText(History.Episode e) {
        StringBuilder t = new StringBuilder();
        t.append(drug(e.drug()).name());
        if (e.dose() != null) {
            t.append(' ').append(DoseMath.text(e.dose().value(), e.dose().unit()));
        }
        if (e.route() != null) {
            t.append(' ').append(e.route().name());
        }
        t.append(", ").append(e.start()).append(" to ").append(e.end() == null ? "ongoing" : e.end());
        for (History.DoseStep c : e.doseChanges()) {
            t.append("; ").append(DoseMath.text(c.dose().value(), c.dose().unit())).append(" from ").append(c.date());
        }
        if (e.courses() != null) {
            t.append("; ").append(e.courses()).append(e.courses() == 1 ? " course" : " courses");
        }
        if (e.response() != null && e.response() != org.myoline.engine.model.ResponseCategory.NOT_ASSESSED) {
            t.append("; response ").append(words(e.response()));
        }
        if (e.stopReason() != null) {
            t.append("; stopped: ").append(words(e.stopReason()));
        }
        String note = in.notes().get(e.id());
        if (note != null && !note.isBlank()) {
            t.append("; note: ").append(note);
        }
        return t.toString();
    }

    /** Course-based episodes: a tick per course or infusion, where the schedule or the count says. */
    private void courseTicks(History.Episode e, double barY) {
        List<LocalDate> dates = new ArrayList<>();
        LocalDate end = end(e);
        History.Schedule s = e.schedule();
        if (s != null && s.intervalDays() != null && s.intervalDays() > 0) {
            int max = s.count() != null ? s.count() : 500;
            for (LocalDate d = e.start(); !d.isAfter(end) && dates.size() < max; d = d.plusDays(s.intervalDays())) {
                dates.add(d);
            }
        } else if (e.courses() != null && e.courses() > 1) {
            long span = ChronoUnit.DAYS.between(e.start(), end);
            for (int i = 0; i < e.courses(); i++) {
                dates.add(e.start().plusDays(span * i / (e.courses() - 1)));
            }
        }
        if (dates.size() < 2) {
            return;
        }
        double last = -10;
        StringBuilder d = new StringBuilder();
        for (LocalDate date : dates) {
            double x = axis.x(date);
            if (x < axis.x0 || x > axis.x0 + axis.width || x - last < 2) {
                continue;
            }
            d.append('M').append(num(x)).append(' ').append(num(barY - 3)).append("v").append(num(BAR + 6));
            last = x;
        }
        if (!d.isEmpty()) {
            body.append("<path d=\"").append(d).append("\" stroke=\"").append(INK).append("\" stroke-width=\"1\"/>");
        }
    }

    /** Dated response assessments of the episode: a small mark above the bar. */
    private void responses(History.Episode e, double barY) {
        for (History.ResponseAssessment a : view.assessments()) {
            if (!e.id().equals(a.episodeId()) || a.date().isBefore(axis.from) || a.date().isAfter(axis.to)) {
                continue;
            }
            double x = axis.x(a.date());
            double cy = barY + BAR / 2;
            body.append("<g class=\"response\"><title>").append(esc("Response " + words(a.category()) + " on " + a.date()
                    + (a.instrument() == null ? "" : " (" + a.instrument() + (a.score() == null ? "" : " " + num(a.score())) + ")")))
                    .append("</title>");
            switch (a.category()) {
                case MAJOR -> body.append(diamond(x, cy, 4.5, INK, INK));
                case PARTIAL -> body.append(diamond(x, cy, 4.5, "#999999", INK));
                case NONE -> body.append(diamond(x, cy, 4.5, "#ffffff", INK));
                case WORSENING -> body.append("<path d=\"M").append(num(x - 4.5)).append(' ').append(num(cy - 4))
                        .append("h9l-4.5 8z\" fill=\"#ffffff\" stroke=\"").append(INK).append("\" stroke-width=\"1.2\"/>");
            }
            body.append("</g>");
        }
    }

    private static String diamond(double x, double cy, double r, String fill, String stroke) {
        return "<path d=\"M" + num(x) + ' ' + num(cy - r) + "l" + num(r) + ' ' + num(r) + "l-" + num(r) + ' ' + num(r)
                + "l-" + num(r) + " -" + num(r) + "z\" fill=\"" + fill + "\" stroke=\"" + stroke + "\" stroke-width=\"1\"/>";
    }

    private void stopMarker(double x, double cy, StopReason reason) {
        body.append("<g class=\"stop\" data-stop=\"").append(reason.name()).append("\"><title>Stopped: ")
                .append(words(reason)).append("</title>");
        body.append(stopShape(x, cy, reason));
        body.append("</g>");
    }

    static String stopShape(double x, double cy, StopReason reason) {
        return switch (reason) {
            case INEFFICACY -> "<path d=\"M" + num(x - 4) + ' ' + num(cy - 4) + "l8 8M" + num(x - 4) + ' ' + num(cy + 4)
                    + "l8 -8\" stroke=\"" + INK + "\" stroke-width=\"2.2\"/>";
            case ADVERSE_EVENT -> "<path d=\"M" + num(x) + ' ' + num(cy - 5.5) + "l5 9.5h-10z\" fill=\"#D55E00\" stroke=\""
                    + INK + "\" stroke-width=\"1\"/>";
            case REMISSION -> "<circle cx=\"" + num(x) + "\" cy=\"" + num(cy) + "\" r=\"4.5\" fill=\"#009E73\" stroke=\""
                    + INK + "\" stroke-width=\"1\"/>";
            case COURSE_COMPLETED -> "<rect x=\"" + num(x - 1.5) + "\" y=\"" + num(cy - 6) + "\" width=\"3\" height=\"12\" fill=\""
                    + INK + "\"/>";
            case PATIENT_CHOICE -> "<rect x=\"" + num(x - 4) + "\" y=\"" + num(cy - 4) + "\" width=\"8\" height=\"8\" fill=\"#ffffff\" stroke=\""
                    + INK + "\" stroke-width=\"1.2\"/>";
            case OTHER -> "<circle cx=\"" + num(x) + "\" cy=\"" + num(cy) + "\" r=\"4\" fill=\"#ffffff\" stroke=\"" + INK
                    + "\" stroke-width=\"1.2\"/>";
        };
    }

    // ---------------------------------------------------------------- glucocorticoid track

    private void glucocorticoidTrack() {
        Timeline.GlucocorticoidExposure gc = timeline.glucocorticoid();
        if (gc.steps().isEmpty() && gc.pulses().isEmpty()) {
            return;
        }
        GlucocorticoidThresholds t = in.chart().thresholds();
        double peak = gc.steps().stream().mapToDouble(Timeline.DoseStep::prednisoneEquivalentMgPerDay).max().orElse(0);
        double top = Math.max(peak, t.resistantAtOrAbove() * 1.1);
        double scaleMax = niceCeiling(Math.max(top, 10));
        y += 6;
        text(10, y + 12, 11, true, INK, "Glucocorticoids", null, null);
        text(10, y + 26, 9, false, MUTED, "prednisone-equivalent mg/d", null, null);
        double trackTop = y + 34;
        double h = 96;
        double base = trackTop + h;
        body.append("<g class=\"gc-track\"><title>").append(esc("Daily prednisone-equivalent dose, pulses apart; cumulative "
                + num(gc.cumulativeMg()) + " mg, pulses " + num(gc.pulseCumulativeMg()) + " mg; " + num(gc.currentMgPerDay())
                + " mg/d on " + timeline.asOf())).append("</title>\n");
        body.append("<rect x=\"").append(num(PLOT_X)).append("\" y=\"").append(num(trackTop)).append("\" width=\"")
                .append(num(PLOT_W)).append("\" height=\"").append(num(h)).append("\" fill=\"#ffffff\" stroke=\"#cccccc\" stroke-width=\"0.5\"/>\n");
        // Axis labels at the right end of the first column; threshold labels on their left, kept 12 px apart.
        text(PLOT_X - 6, base + 3, 9, false, MUTED, "0", "gc-axis", "text-anchor=\"end\"");
        text(PLOT_X - 6, trackTop + 7, 9, false, MUTED, num(scaleMax), "gc-axis", "text-anchor=\"end\"");
        List<Double> lines = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        lines.add(t.resistantAtOrAbove());
        labels.add("resistance ≥ " + num(t.resistantAtOrAbove()));
        if (t.dependentAtOrBelow() != null) {
            lines.add(t.dependentAtOrBelow());
            labels.add("dependence ≤ " + num(t.dependentAtOrBelow()));
        }
        // Labels from the bottom up: each at its line, or 12 px above the label below it when the lines are close.
        double below = base + 15;
        for (int i = lines.size() - 1; i >= 0; i--) {
            double v = lines.get(i);
            double ly = base - h * Math.min(v, scaleMax) / scaleMax;
            body.append("<line x1=\"").append(num(PLOT_X)).append("\" y1=\"").append(num(ly)).append("\" x2=\"")
                    .append(num(PLOT_X + PLOT_W)).append("\" y2=\"").append(num(ly)).append("\" stroke=\"").append(i == 0 ? "#D55E00" : "#0072B2")
                    .append("\" stroke-width=\"1\" stroke-dasharray=\"").append(i == 0 ? "6 3" : "2 2").append("\"><title>")
                    .append(esc(labels.get(i) + " mg/d prednisone-equivalent")).append("</title></line>");
            double labelY = Math.min(ly + 3, below - 12);
            if (labelY >= trackTop + 9) {
                text(96, labelY, 9, false, INK, labels.get(i) + " mg/d", "threshold", null);
                below = labelY;
            }
        }
        StringBuilder d = new StringBuilder();
        for (Timeline.DoseStep s : gc.steps()) {
            if (s.to().isBefore(axis.from) || s.from().isAfter(axis.to)) {
                continue;
            }
            double x0 = axis.clamp(axis.x(s.from()));
            double x1 = axis.clamp(axis.xEnd(s.to()));
            double sy = base - h * Math.min(s.prednisoneEquivalentMgPerDay(), scaleMax) / scaleMax;
            d.append('M').append(num(x0)).append(' ').append(num(base)).append('V').append(num(sy)).append('H')
                    .append(num(x1)).append('V').append(num(base)).append('Z');
        }
        if (!d.isEmpty()) {
            body.append("<path class=\"mark gc-curve\" d=\"").append(d).append("\" fill=\"#56B4E9\" fill-opacity=\"0.45\" stroke=\"")
                    .append("#0072B2").append("\" stroke-width=\"1\"><title>").append(esc(curveText(gc))).append("</title></path>\n");
        }
        for (Timeline.Pulse p : gc.pulses()) {
            if (p.startDate().isBefore(axis.from) || p.startDate().isAfter(axis.to)) {
                continue;
            }
            double x = axis.x(p.startDate());
            body.append("<g class=\"mark pulse\"><title>").append(esc("IV pulse: " + drug(p.drug()).name() + " " + p.dose()
                    + ", " + p.startDate() + " to " + p.endDate() + (p.prednisoneEquivalentMg() == null ? ""
                    : ", " + num(p.prednisoneEquivalentMg()) + " mg prednisone-equivalent"))).append("</title>")
                    .append(diamond(x, trackTop + 7, 5, "#CC79A7", INK)).append("</g>\n");
        }
        body.append("</g>\n");
        y = base + 8;
    }

    private String curveText(Timeline.GlucocorticoidExposure gc) {
        StringBuilder t = new StringBuilder("Daily prednisone-equivalent dose");
        int shown = 0;
        for (Timeline.DoseStep s : gc.steps()) {
            if (shown++ == 40) {
                t.append("; …");
                break;
            }
            t.append("; ").append(num(s.prednisoneEquivalentMgPerDay())).append(" mg/d ").append(s.from()).append(" to ")
                    .append(s.to());
        }
        return t.toString();
    }

    static double niceCeiling(double v) {
        double[] nice = {10, 20, 30, 40, 60, 80, 100, 120, 150, 200, 300, 400, 600, 800, 1000};
        for (double n : nice) {
            if (v <= n) {
                return n;
            }
        }
        return Math.ceil(v / 1000) * 1000;
    }

    // ---------------------------------------------------------------- events and measures

    private void events() {
        List<History.Event> shown = timeline.events().stream()
                .filter(e -> !e.date().isBefore(axis.from) && !e.date().isAfter(axis.to)).toList();
        if (shown.isEmpty()) {
            return;
        }
        y += 4;
        double cy = y + ROW / 2;
        text(10, cy + 4, 11, true, INK, "Events", null, null);
        body.append("<g class=\"events\">\n");
        for (History.Event e : shown) {
            double x = axis.x(e.date());
            body.append("<g class=\"mark event\" data-event=\"").append(e.type().name()).append("\"><title>")
                    .append(esc(words(e.type()) + " (" + words(e.domain()) + ") on " + e.date())).append("</title>")
                    .append(eventShape(x, cy, e.type())).append("</g>\n");
        }
        body.append("</g>\n");
        y += ROW + 2;
    }

    static String eventShape(double x, double cy, org.myoline.engine.model.EventType type) {
        return switch (type) {
            case FLARE -> "<path d=\"M" + num(x) + ' ' + num(cy - 6) + "l5.5 10h-11z\" fill=\"#D55E00\" stroke=\"" + INK
                    + "\" stroke-width=\"1\"/>";
            case RELAPSE -> "<path d=\"M" + num(x) + ' ' + num(cy - 6) + "l5.5 10h-11z\" fill=\"#ffffff\" stroke=\"#D55E00\" stroke-width=\"2\"/>";
            case REMISSION -> "<circle cx=\"" + num(x) + "\" cy=\"" + num(cy) + "\" r=\"5\" fill=\"#009E73\" stroke=\"" + INK
                    + "\" stroke-width=\"1\"/>";
            case CANCER_SURGERY -> "<rect x=\"" + num(x - 4.5) + "\" y=\"" + num(cy - 4.5) + "\" width=\"9\" height=\"9\" fill=\""
                    + INK + "\"/>";
            case CHEMOTHERAPY -> "<rect x=\"" + num(x - 4.5) + "\" y=\"" + num(cy - 4.5)
                    + "\" width=\"9\" height=\"9\" fill=\"#999999\" stroke=\"" + INK + "\" stroke-width=\"1\"/>";
            case RADIOTHERAPY -> "<rect x=\"" + num(x - 4.5) + "\" y=\"" + num(cy - 4.5)
                    + "\" width=\"9\" height=\"9\" fill=\"#ffffff\" stroke=\"" + INK + "\" stroke-width=\"1.5\"/>";
        };
    }

    private void measures() {
        for (Map.Entry<ObservationType, String> m : MEASURES.entrySet()) {
            List<History.Observation> points = view.observations().stream().filter(o -> o.type() == m.getKey())
                    .filter(o -> !o.date().isBefore(axis.from) && !o.date().isAfter(axis.to))
                    .sorted(Comparator.comparing(History.Observation::date)).toList();
            if (points.isEmpty()) {
                continue;
            }
            double max = points.stream().mapToDouble(History.Observation::value).max().orElse(1);
            double scale = niceCeiling(Math.max(max, 1));
            y += 4;
            double top = y;
            double h = 34;
            double base = top + h;
            text(10, top + 12, 11, true, INK, m.getValue(), null, null);
            text(10, top + 26, 9, false, MUTED, "highest " + num(max), null, null);
            text(PLOT_X - 6, top + 7, 9, false, MUTED, num(scale), "measure-axis", "text-anchor=\"end\"");
            body.append("<g class=\"mark measure\" data-measure=\"").append(m.getKey().name()).append("\"><title>")
                    .append(esc(m.getValue() + ": " + String.join("; ", points.stream().limit(60)
                            .map(o -> num(o.value()) + " on " + o.date()).toList()) + (points.size() > 60 ? "; …" : "")))
                    .append("</title>");
            body.append("<line x1=\"").append(num(PLOT_X)).append("\" y1=\"").append(num(base)).append("\" x2=\"")
                    .append(num(PLOT_X + PLOT_W)).append("\" y2=\"").append(num(base)).append("\" stroke=\"#cccccc\"/>");
            StringBuilder d = new StringBuilder();
            for (History.Observation o : points) {
                double x = axis.x(o.date());
                double py = base - h * o.value() / scale;
                d.append(d.isEmpty() ? "M" : "L").append(num(x)).append(' ').append(num(py));
                body.append("<circle cx=\"").append(num(x)).append("\" cy=\"").append(num(py))
                        .append("\" r=\"2.2\" fill=\"").append(INK).append("\"/>");
            }
            body.append("<path d=\"").append(d).append("\" fill=\"none\" stroke=\"").append(INK).append("\" stroke-width=\"1\"/>");
            body.append("</g>\n");
            y = base + 6;
        }
    }

    // ---------------------------------------------------------------- legend

    /** The legend is the same in every picture: drawn once, placed with a translation. */
    private static final String LEGEND;
    private static final double LEGEND_HEIGHT;

    static {
        TimelinePicture blank = new TimelinePicture();
        blank.legendAt(0);
        LEGEND = blank.body.toString();
        LEGEND_HEIGHT = blank.y;
    }

    /** Only for drawing the legend once. */
    private TimelinePicture() {
        this.body = new StringBuilder(4_096);
        this.in = null;
        this.view = null;
        this.timeline = null;
        this.assessment = null;
        this.axis = null;
    }

    private void legend() {
        body.append("<g class=\"legend\" aria-label=\"Legend\" transform=\"translate(0 ").append(num(y)).append(")\">\n")
                .append(LEGEND).append("</g>\n");
        y += LEGEND_HEIGHT;
    }

    private void legendAt(double top) {
        record Item(String shape, String label) {
        }
        List<Item> items = new ArrayList<>();
        items.add(new Item("bar", "episode (darker = higher dose)"));
        items.add(new Item("ticks", "course or infusion"));
        items.add(new Item("ongoing", "ongoing"));
        for (StopReason r : StopReason.values()) {
            items.add(new Item("stop:" + r.name(), "stopped: " + words(r)));
        }
        items.add(new Item("resp:MAJOR", "major response"));
        items.add(new Item("resp:PARTIAL", "partial response"));
        items.add(new Item("resp:NONE", "no response"));
        items.add(new Item("pulse", "IV glucocorticoid pulse"));
        for (org.myoline.engine.model.EventType t : org.myoline.engine.model.EventType.values()) {
            items.add(new Item("event:" + t.name(), words(t)));
        }
        double x = 12;
        double cy = top + 8;
        for (Item item : items) {
            double w = 18 + width(item.label(), 9, false) + 16;
            if (x + w > W - 12) {
                x = 12;
                cy += 16;
            }
            double sx = x + 6;
            String shape = switch (item.shape()) {
                case "bar" -> "<rect x=\"" + num(x) + "\" y=\"" + num(cy - 4) + "\" width=\"12\" height=\"8\" fill=\"#0072B2\" fill-opacity=\"0.8\" stroke=\""
                        + INK + "\" stroke-width=\"0.5\"/>";
                case "ticks" -> "<path d=\"M" + num(x + 2) + ' ' + num(cy - 6) + "v12M" + num(x + 6) + ' ' + num(cy - 6) + "v12M"
                        + num(x + 10) + ' ' + num(cy - 6) + "v12\" stroke=\"" + INK + "\"/>";
                case "ongoing" -> "<path d=\"M" + num(x + 3) + ' ' + num(cy - 6) + "l6 6l-6 6z\" fill=\"" + INK + "\"/>";
                case "pulse" -> diamond(sx, cy, 5, "#CC79A7", INK);
                default -> {
                    String[] kind = item.shape().split(":");
                    yield switch (kind[0]) {
                        case "stop" -> stopShape(sx, cy, StopReason.valueOf(kind[1]));
                        case "event" -> eventShape(sx, cy, org.myoline.engine.model.EventType.valueOf(kind[1]));
                        default -> diamond(sx, cy, 4.5, switch (kind[1]) {
                            case "MAJOR" -> INK;
                            case "PARTIAL" -> "#999999";
                            default -> "#ffffff";
                        }, INK);
                    };
                }
            };
            body.append(shape);
            text(x + 18, cy + 3.5, 9, false, INK, item.label(), "legend-label", null);
            x += w;
        }
        y = cy + 10 - top;
    }

    // ---------------------------------------------------------------- text

    /** A label; every visible word of the picture goes through here (class "label", for the overlap check). */
    private void text(double x, double baseline, double size, boolean bold, String fill, String content, String kind,
            String extra) {
        body.append("<text class=\"label").append(kind == null ? "" : " " + kind).append("\" x=\"").append(num(x))
                .append("\" y=\"").append(num(baseline)).append("\" font-size=\"").append(num(size)).append('"');
        if (bold) {
            body.append(" font-weight=\"bold\"");
        }
        body.append(" fill=\"").append(fill).append('"');
        if (extra != null) {
            body.append(' ').append(extra);
        }
        body.append('>').append(esc(content)).append("</text>\n");
    }
}
