package org.myoline.picture;

import static org.myoline.picture.SvgText.words;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.myoline.engine.ClinicalEngine;
import org.myoline.engine.model.Assessment;
import org.myoline.engine.model.Timeline;

/**
 * What the one-page clinical summary shows, as plain text values (the template escapes every one of them): the
 * picture, the lines, the verdict under each definition with the criteria met, the next steps and the warnings.
 */
public record ClinicalSummary(String mrn, LocalDate birthDate, String subtype, LocalDate asOf, String rulesVersion,
        String defaultDefinition, String status, String statusWords, String currentTier, String escalation,
        String escalationReasons, String svg, String css, List<LineRow> lines, List<VariantRow> variants,
        List<CriterionRow> criteriaMet, List<StepRow> nextSteps, List<WarningRow> warnings) {

    public record LineRow(int number, LocalDate from, String to, String regimen, String reason, String tier,
            String response) {
    }

    public record VariantRow(String definition, String status, String statusWords, String rule, String source) {
    }

    public record CriterionRow(String rule, String detail, String source) {
    }

    public record StepRow(String headline, String rationale, String ranking, List<String> cautions, String source,
            boolean contingency) {
    }

    public record WarningRow(String code, String message, String source) {
    }

    public static ClinicalSummary of(TimelinePicture.Input in, String svg, String css, String mrn) {
        ClinicalEngine.Chart chart = in.chart();
        Assessment a = chart.assessment();
        Timeline t = chart.timeline();
        Map<String, TimelinePicture.DrugInfo> drugs = in.drugs();
        java.util.function.Function<String, String> name = code -> drugs.containsKey(code) ? drugs.get(code).name() : code;
        List<LineRow> lines = t.lines().stream().map(l -> new LineRow(l.number(), l.startDate(),
                l.endDate() == null ? "ongoing" : l.endDate().toString(),
                String.join(" + ", l.drugs().stream().map(name).toList())
                        + (l.backgroundDrugs().isEmpty() ? "" : " (background: "
                                + String.join(", ", l.backgroundDrugs().stream().map(name).toList()) + ")"),
                words(l.reason()) + ": " + l.reasonDetail(), l.tier() == null ? "" : l.tier().toString(),
                l.response() == null ? "" : words(l.response()))).toList();
        List<VariantRow> variants = a.variants().stream().map(v -> new VariantRow(v.definition(), v.status().name(),
                capital(words(v.status())), v.rule(), v.source())).toList();
        List<CriterionRow> met = a.criteria().stream().filter(Assessment.Criterion::met)
                .map(c -> new CriterionRow(c.rule(), c.detail(), c.source())).toList();
        List<StepRow> steps = a.nextSteps().stream().map(s -> new StepRow(
                (s.contingency() ? "If relapse or failure: " : "") + capital(words(s.action())) + " " + name.apply(s.drug())
                        + (s.tier() == null ? "" : " (tier " + s.tier() + ")")
                        + (s.targetDose() == null ? "" : ", target " + s.targetDose()),
                s.rationale(), s.ranking(), s.cautions() == null ? List.of() : s.cautions(), s.source(), s.contingency()))
                .toList();
        List<WarningRow> warnings = a.warnings().stream().map(w -> new WarningRow(w.code(), w.message(), w.source())).toList();
        return new ClinicalSummary(mrn, chart.view().patient().birthDate(), words(chart.view().patient().subtype()),
                t.asOf(), in.rulesVersion(), in.defaultDefinition(), a.status().name(), capital(words(a.status())),
                a.currentTier() == null ? "none" : a.currentTier().toString(),
                a.escalation() == null ? "not assessed" : words(a.escalation().decision()),
                a.escalation() == null ? "" : String.join("; ", a.escalation().reasons()),
                svg, css, lines, variants, met, steps, warnings);
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
