package org.myoline.cohort;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CohortOutcome", requiredProperties = {"drug", "patients", "responses", "responseRate", "majorResponseRate",
        "courses", "relapse", "retreatment", "stoppedForAdverseEvents", "subtypeChanges", "definitions"},
        description = "Outcomes of one drug across the patients who received it, counted as a careful chart review would")
public record CohortOutcomeResponse(
        @Schema(description = "Drug code", example = "ivig", maxLength = 64) String drug,
        @Schema(description = "Filters applied") Filters filters,
        @Schema(description = "Patients with at least one episode of the drug (after filters)", example = "27") int patients,
        @Schema(description = "Patients by response to their first treatment era with the drug",
                example = "{\"MAJOR\":19,\"PARTIAL\":4,\"NONE\":4,\"NOT_ASSESSED\":0}") Map<String, Integer> responses,
        @Schema(description = "MAJOR or PARTIAL among patients with an assessed response") Rate responseRate,
        @Schema(description = "MAJOR among patients with an assessed response") Rate majorResponseRate,
        @Schema(description = "Courses per patient (all of the drug's episodes; an episode without a count is one course)")
        Courses courses,
        @Schema(description = "Relapse after the first era among its major responders") Relapse relapse,
        @Schema(description = "Relapsed patients given the drug again") Retreatment retreatment,
        @Schema(description = "Patients with an episode of the drug stopped for an adverse event", example = "2")
        int stoppedForAdverseEvents,
        @Schema(description = "Skin-predominant patients who developed muscle disease") SubtypeChanges subtypeChanges,
        @Schema(description = "How each figure is counted", maxItems = 20) List<Definition> definitions) {

    @Schema(name = "CohortFilters", description = "Filters of a cohort query")
    public record Filters(
            @Schema(description = "Subtype filter", example = "AMYOPATHIC", maxLength = 32) String subtype,
            @Schema(description = "Feature filter", example = "SKIN", maxLength = 32) String feature,
            @Schema(description = "First era starts on or after", example = "2005-01-01") LocalDate from,
            @Schema(description = "First era starts on or before", example = "2012-12-31") LocalDate to) {
    }

    @Schema(name = "Rate", requiredProperties = {"numerator", "denominator"},
            description = "A proportion with its 95% Wilson score interval")
    public record Rate(
            @Schema(description = "Numerator", example = "23") int numerator,
            @Schema(description = "Denominator", example = "27") int denominator,
            @Schema(description = "Proportion (absent when the denominator is 0)", example = "0.852") Double value,
            @Schema(description = "Lower bound of the 95% Wilson interval", example = "0.675") Double ci95Low,
            @Schema(description = "Upper bound of the 95% Wilson interval", example = "0.941") Double ci95High) {
    }

    @Schema(name = "Courses", requiredProperties = {"total"}, description = "Courses per patient")
    public record Courses(
            @Schema(description = "Mean", example = "4.8") Double mean,
            @Schema(description = "Median", example = "4") Double median,
            @Schema(description = "Fewest", example = "1") Integer min,
            @Schema(description = "Most", example = "15") Integer max,
            @Schema(description = "All courses of the cohort", example = "130") int total) {
    }

    @Schema(name = "Relapse", requiredProperties = {"responders", "relapsed", "proportion", "kaplanMeier"},
            description = "Relapse after the end of the first era")
    public record Relapse(
            @Schema(description = "Major responders whose first era has ended", example = "19") int responders,
            @Schema(description = "Of them, with a RELAPSE event after the era's end", example = "10") int relapsed,
            @Schema(description = "relapsed / responders with its Wilson interval") Rate proportion,
            @Schema(description = "Median months from era end to relapse among those who relapsed", example = "6.2")
            Double medianMonthsToRelapse,
            @Schema(description = "Kaplan–Meier relapse-free estimate from era end, censored at the last recorded date")
            KaplanMeierCurve kaplanMeier) {
    }

    @Schema(name = "KaplanMeierCurve", requiredProperties = {"steps"}, description = "Kaplan–Meier curve")
    public record KaplanMeierCurve(
            @Schema(description = "Months at which the relapse-free estimate falls to 0.5 or below (absent if it never does)",
                    example = "9.9") Double medianMonths,
            @Schema(description = "The curve's steps", maxItems = 100000) List<Step> steps) {
    }

    @Schema(name = "KaplanMeierStep", requiredProperties = {"months", "atRisk", "events", "relapseFree"},
            description = "One step of the curve")
    public record Step(
            @Schema(description = "Months from era end", example = "3.9") double months,
            @Schema(description = "Patients at risk just before", example = "19") int atRisk,
            @Schema(description = "Relapses at this time", example = "1") int events,
            @Schema(description = "Relapse-free estimate after this step", example = "0.947") double relapseFree) {
    }

    @Schema(name = "Retreatment", requiredProperties = {"retreated", "responded"}, description = "Re-treatment after relapse")
    public record Retreatment(
            @Schema(description = "Relapsed patients given the drug again after the relapse", example = "6") int retreated,
            @Schema(description = "Of them, MAJOR or PARTIAL response to the new era", example = "6") int responded) {
    }

    @Schema(name = "SubtypeChanges", requiredProperties = {"developedMuscleDisease", "eligible"},
            description = "Conversion of skin-predominant disease to muscle disease")
    public record SubtypeChanges(
            @Schema(description = "Amyopathic or hypomyopathic patients of the cohort", example = "27") int eligible,
            @Schema(description = "Of them, with muscle disease after starting the drug", example = "6") int developedMuscleDisease) {
    }

    @Schema(name = "CohortDefinition", requiredProperties = {"measure", "rule"}, description = "How a figure is counted")
    public record Definition(
            @Schema(description = "Figure", example = "relapse", maxLength = 64) String measure,
            @Schema(description = "Counting rule and its source", maxLength = 1000) String rule) {
    }
}
