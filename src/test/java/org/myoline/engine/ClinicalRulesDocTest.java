package org.myoline.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.myoline.catalogue.Drug;
import org.myoline.catalogue.DrugCatalogue;
import org.myoline.clinical.RuleSetLoader;
import org.myoline.engine.rules.Rule;

/**
 * docs/clinical-rules.md is rendered from the rules file and the catalogue; this test fails when they
 * differ. Regenerate: mvn test -Dtest=ClinicalRulesDocTest -Dmyoline.docs.write=true
 */
class ClinicalRulesDocTest {
    private static final Path DOC = Path.of("docs/clinical-rules.md");

    @Test
    void documentationMatchesTheRulesFile() throws Exception {
        String rendered = render();
        if (Boolean.getBoolean("myoline.docs.write")) {
            Files.writeString(DOC, rendered);
        }
        assertEquals(rendered, Files.exists(DOC) ? Files.readString(DOC) : "",
                "docs/clinical-rules.md is out of date: mvn test -Dtest=ClinicalRulesDocTest -Dmyoline.docs.write=true");
    }

    static String render() {
        RuleSetLoader.RulesFile file = RuleSetLoader.readFile(RuleSetLoader.DEFAULT_RESOURCE);
        DrugCatalogue catalogue = DrugCatalogue.loadDefault();
        StringBuilder md = new StringBuilder();
        md.append("# Clinical rules\n\n");
        md.append("Generated from `src/main/resources/engine/rules.json` (version ").append(file.version())
                .append(") and `src/main/resources/catalogue/drugs.json` (version ").append(catalogue.version())
                .append("). Do not edit by hand: change the data files and regenerate with\n")
                .append("`mvn test -Dtest=ClinicalRulesDocTest -Dmyoline.docs.write=true`.\n\n");
        md.append(file.description()).append("\n\n");
        md.append("Sources are cited in the terms of the clinical brief (`domain.md` sections). Evidence: **V** verified in a ")
                .append("primary source, **S** secondary source, **U** unverified design default — every U value is ")
                .append("configuration, and the engine's output says so wherever it applies one.\n\n");
        md.append("## Rules\n\n");
        md.append("| Rule | What it decides | Parameters | Source | Evidence |\n|---|---|---|---|---|\n");
        for (Rule r : file.rules()) {
            String params = r.params().isEmpty() ? "—" : r.params().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> "`" + e.getKey() + "` = " + number(e.getValue())).collect(Collectors.joining("<br>"));
            md.append("| `").append(r.id()).append("` | **").append(r.title()).append(".** ").append(cell(r.description()))
                    .append(" | ").append(params).append(" | ").append(cell(r.source())).append(" | ").append(r.evidence())
                    .append(" |\n");
        }
        md.append("\nImmunosuppressants for the refractory definitions are the drug classes ")
                .append(file.immunosuppressantClasses().stream().sorted().map(c -> "`" + c + "`").collect(Collectors.joining(", ")))
                .append(".\n\n");
        md.append("## Adequate trials\n\n");
        md.append("A drug stopped for inefficacy counts as failed only after an adequate trial; `default` applies to drugs not listed.\n\n");
        md.append("| Drug | Adult dose ≥ | Juvenile dose ≥ | Days ≥ | Courses ≥ | Source | Evidence |\n|---|---|---|---|---|---|---|\n");
        for (RuleSetLoader.TrialEntry t : file.adequateTrials()) {
            md.append("| ").append(t.drug()).append(" | ").append(dose(t.minDose(), t.unit())).append(" | ")
                    .append(dose(t.juvenileMinDose(), t.juvenileUnit())).append(" | ").append(t.minDays()).append(" | ")
                    .append(t.minCourses() == null ? "—" : t.minCourses()).append(" | ").append(cell(t.source()))
                    .append(" | ").append(t.evidence()).append(" |\n");
        }
        md.append("\n## Drug catalogue\n\n");
        md.append("Tier per domain.md §2.5; BACKGROUND agents never start a line on their own (except the first ")
                .append("glucocorticoid line); persistence is the era extension after the last dose (§5.4).\n\n");
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
