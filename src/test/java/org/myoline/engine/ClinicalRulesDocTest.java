package org.myoline.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.myoline.catalogue.Drug;
import org.myoline.catalogue.DrugCatalogue;
import org.myoline.rules.ClinicalKnowledge;
import org.myoline.rules.RulesLoader;

/**
 * docs/clinical-rules.md is rendered from the rules file and the catalogue; this test fails when they
 * differ. Regenerate: mvn test -Dtest=ClinicalRulesDocTest -Ddocs.write=true
 */
class ClinicalRulesDocTest {
    private static final Path DOC = Path.of("docs/clinical-rules.md");

    @Test
    void documentationMatchesTheRulesFile() throws Exception {
        String rendered = render();
        if (Boolean.getBoolean("docs.write")) {
            Files.writeString(DOC, rendered);
        }
        assertEquals(rendered, Files.exists(DOC) ? Files.readString(DOC) : "",
                "docs/clinical-rules.md is out of date: mvn test -Dtest=ClinicalRulesDocTest -Ddocs.write=true");
    }

    static String render() {
        ClinicalKnowledge knowledge = RulesLoader.loadDefault();
        RulesLoader.RulesFile file = knowledge.file();
        DrugCatalogue catalogue = knowledge.catalogue();
        StringBuilder md = new StringBuilder();
        md.append("# Clinical rules\n\n");
        md.append("Generated from `src/main/resources/engine/rules.json` and `src/main/resources/catalogue/drugs.json` ")
                .append("(rules version ").append(knowledge.version()).append("). Do not edit by hand: change the data files and ")
                .append("regenerate with `mvn test -Dtest=ClinicalRulesDocTest -Ddocs.write=true`. A deployment ")
                .append("changes them at run time with overlay files ([configuration.md](configuration.md)); ")
                .append("`GET /api/v1/rules` shows what a running service applies.\n\n");
        md.append(file.description()).append("\n\n");
        md.append("Evidence: **V** verified in a primary source, **S** secondary source, **U** unverified design default — ")
                .append("every U value is configuration, and the engine's output says so wherever it applies one. ")
                .append("What each source says is in [clinical-evidence.md](clinical-evidence.md).\n\n");
        md.append("## Rules\n\n");
        md.append("Refractoriness definitions (reported as `variants`, the default `").append(file.defaultDefinition())
                .append("` as `status`): ").append(file.rules().stream().filter(r -> r.refractoryDefinition() != null)
                        .map(r -> "`" + r.refractoryDefinition().name() + "` (" + r.id() + ", class "
                                + r.refractoryDefinition().implementation() + ")")
                        .collect(Collectors.joining(", "))).append(".\n\n");
        md.append("| Rule | What it decides | Parameters | Source | Evidence |\n|---|---|---|---|---|\n");
        for (RulesLoader.RuleEntry r : file.rules()) {
            String params = r.params() == null || r.params().isEmpty() ? "—" : r.params().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey()).map(e -> "`" + e.getKey() + "` = " + value(e.getValue()))
                    .collect(Collectors.joining("<br>"));
            md.append("| `").append(r.id()).append("` | **").append(r.title()).append(".** ").append(cell(r.description()))
                    .append(" | ").append(params).append(" | ").append(cell(r.source())).append(" | ").append(r.evidence())
                    .append(" |\n");
        }
        md.append("\n## Adequate trials\n\n");
        md.append("Part of each drug's catalogue entry. A drug stopped for inefficacy counts as failed only after an adequate ")
                .append("trial; drugs not listed are judged by duration alone (`IS-ADEQUATE-TRIAL`, `defaultMinDays`).\n\n");
        md.append("| Drug | Adult dose ≥ | Juvenile dose ≥ | Days ≥ | Courses ≥ | Source | Evidence |\n|---|---|---|---|---|---|---|\n");
        for (Drug d : catalogue.all()) {
            Drug.Trial t = d.adequateTrial();
            if (t == null) {
                continue;
            }
            md.append("| ").append(d.code()).append(" | ").append(dose(t.minDose(), t.unit())).append(" | ")
                    .append(dose(t.juvenileMinDose(), t.juvenileUnit())).append(" | ").append(t.minDays()).append(" | ")
                    .append(t.minCourses() == null ? "—" : t.minCourses()).append(" | ").append(cell(t.source()))
                    .append(" | ").append(t.evidence()).append(" |\n");
        }
        md.append("\n## Drug catalogue\n\n");
        md.append("Tiers: clinical-evidence.md §6.1; BACKGROUND agents never start a line on their own (except the first ")
                .append("glucocorticoid line); persistence is the era extension after the last dose (§5).\n\n");
        md.append("| Code | Class | Tier | Role | Track | Prednisone eq. | Persistence (d) | Course-based | ATC | RxNorm | Withdrawn |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Drug d : catalogue.all()) {
            md.append("| ").append(d.code()).append(" | ").append(d.drugClass()).append(" | ")
                    .append(d.tier() == null ? "C" : d.tier()).append(" | ").append(d.role()).append(" | ").append(d.track())
                    .append(" | ").append(d.prednisoneEquivalence() == null ? "—" : number(d.prednisoneEquivalence()))
                    .append(" | ").append(d.persistenceDays()).append(" | ").append(d.courseBased() ? "yes" : "no").append(" | ")
                    .append(d.atc().stream().map(c -> c.code() + " [" + c.evidence() + "]").collect(Collectors.joining(", ")))
                    .append(" | ").append(d.rxnormIngredient() == null ? "—"
                            : d.rxnormIngredient().code() + " [" + d.rxnormIngredient().evidence() + "]")
                    .append(" | ").append(d.withdrawn() ? "**yes**" : "no").append(" |\n");
        }
        return md.toString();
    }

    private static String value(Object v) {
        if (v instanceof Number n) {
            return number(n.doubleValue());
        }
        if (v instanceof java.util.List<?> list) {
            return list.stream().map(ClinicalRulesDocTest::value).collect(Collectors.joining(", "));
        }
        if (v instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + ": " + value(e.getValue()))
                    .collect(Collectors.joining(", "));
        }
        return String.valueOf(v);
    }

    private static String dose(Double value, String unit) {
        return value == null ? "—" : number(value) + " " + unit;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
