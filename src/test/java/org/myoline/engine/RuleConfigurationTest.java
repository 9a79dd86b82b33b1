package org.myoline.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.myoline.engine.EngineTestSupport.at;
import static org.myoline.engine.EngineTestSupport.withOverlay;
import static org.myoline.engine.HistoryBuilder.adult;
import static org.myoline.engine.model.ResponseCategory.NONE;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.myoline.engine.model.Assessment;
import org.myoline.engine.model.Assessment.RefractoryStatus;

/**
 * Rules a hospital owns at run time: overlays change parameters and add definitions without a rebuild, and
 * anything the engine cannot apply stops start-up with the file, the rule and the key named.
 */
class RuleConfigurationTest {

    private static HistoryBuilder threeFailures() {
        return adult().weight(70).give("prednisone", 20, "mg/d", 0).until(30).done()
                .give("methotrexate", 20, "mg/wk", 10).until(120).response(NONE).done()
                .give("azathioprine", 150, "mg/d", 121).until(250).response(NONE).done()
                .give("hydroxychloroquine", 400, "mg/d", 251).until(350).response(NONE).done();
    }

    private static final String TOY = """
            {"name": "toy", "rules": [{"id": "REFRACTORY-TOY", "title": "Toy", "description": "For tests",
              "source": "a test", "evidence": "U",
              "refractoryDefinition": {"name": "TOY", "implementation": "org.myoline.engine.ToyRefractory"},
              "params": {"minDrugs": 3}}]}""";

    @Test
    void aNewDefinitionIsTheRulesFilePlusOneClass() {
        ClinicalEngine engine = withOverlay(TOY, null);
        Assessment a = at(engine, threeFailures().build(), 400).assessment();
        Assessment.Variant toy = a.variants().stream().filter(v -> v.definition().equals("TOY")).findFirst().orElseThrow();
        assertEquals(RefractoryStatus.REFRACTORY, toy.status());
        assertEquals("REFRACTORY-TOY", toy.rule());
        assertEquals(RefractoryStatus.NOT_REFRACTORY, a.status(), "RIM still decides the status: glucocorticoids worked");
        assertTrue(a.rulesVersion().startsWith("2026.12.1+toy/"), a.rulesVersion());
        assertTrue(a.criteria().stream().anyMatch(c -> c.rule().equals("REFRACTORY-TOY") && c.met()));
    }

    @Test
    void theDefaultDefinitionIsConfigurable() {
        ClinicalEngine engine = withOverlay(TOY.replace("\"name\": \"toy\",", "\"name\": \"toy\", \"defaultDefinition\": \"TOY\","), null);
        assertEquals(RefractoryStatus.REFRACTORY, at(engine, threeFailures().build(), 400).assessment().status());
    }

    @Test
    void aThresholdChangesWithoutARebuildAndTheSourceSaysSo() {
        ClinicalEngine engine = withOverlay("""
                {"name": "st-olav", "rules": [{"id": "GC-DEPENDENT", "params": {"monthsToReach": 9}}]}""", null);
        HistoryBuilder h = adult().weight(70).give("prednisone", 30, "mg/d", 0).done();
        assertTrue(EngineTestSupport.criterion(at(h.build(), 200).assessment(), "GC-DEPENDENT").met(), "default: 6 months");
        Assessment.Criterion local = EngineTestSupport.criterion(at(engine, h.build(), 200).assessment(), "GC-DEPENDENT");
        assertEquals(false, local.met(), "9 months with the overlay");
        assertTrue(local.source().contains("changed locally by overlay st-olav"), local.source());
    }

    @Test
    void theCatalogueOverlayChangesAnAdequateTrialAndAddsADrug() {
        ClinicalEngine engine = withOverlay(null, """
                {"name": "st-olav", "drugs": [
                  {"code": "methotrexate", "adequateTrial": {"minDays": 112}},
                  {"code": "local-jaki", "name": "Local JAK inhibitor", "drugClass": "JAK_INHIBITOR", "tier": 6,
                   "role": "DISEASE_MODIFYING", "track": "MYOSITIS", "persistenceDays": 30, "withdrawn": false,
                   "courseBased": false}]}""");
        HistoryBuilder h = adult().give("methotrexate", 20, "mg/wk", 0).until(99).response(NONE).done();
        assertEquals("methotrexate", at(h.build(), 200).assessment().failedDrugs().get(0).drug());
        Assessment local = at(engine, h.build(), 200).assessment();
        assertTrue(local.failedDrugs().isEmpty());
        assertEquals("duration 100 d < 112 d", local.inadequateTrials().get(0).missing().get(0));
        Assessment withLocalDrug = at(engine, adult().give("local-jaki", 10, "mg/d", 0).done().build(), 50).assessment();
        assertEquals(6, withLocalDrug.currentTier());
    }

    static Stream<Arguments> broken() {
        return Stream.of(
                Arguments.of("an unknown parameter", rules("GC-DEPENDENT", "{\"monthsToReech\": 9}"),
                        "rule GC-DEPENDENT: unknown parameter monthsToReech"),
                Arguments.of("a parameter out of range", rules("GC-RESISTANT", "{\"minDays\": 0}"),
                        "rule GC-RESISTANT: parameter minDays = 0 is out of range [1, 365]"),
                Arguments.of("a parameter of the wrong type", rules("GC-RESISTANT", "{\"minDays\": \"four weeks\"}"),
                        "rule GC-RESISTANT: parameter minDays must be a number"),
                Arguments.of("a drug the catalogue lacks", rules("MOD-DYSPHAGIA", "{\"drug\": \"ivgg\"}"),
                        "rule MOD-DYSPHAGIA names drug ivgg, which the drug catalogue lacks"),
                Arguments.of("a drug class no drug has", rules("MOD-MALIGNANCY", "{\"cytotoxicClasses\": [\"ALKYLATOR\"]}"),
                        "rule MOD-MALIGNANCY names drug class ALKYLATOR"),
                Arguments.of("an unknown stop reason", rules("LOT-FAILURE-STOP", "{\"stopReasons\": [\"BORED\"]}"),
                        "parameter stopReasons[0] = BORED is not one of"),
                Arguments.of("a rule nothing applies", """
                        {"name": "x", "rules": [{"id": "GC-RESISTENT", "title": "t", "description": "d", "source": "s",
                          "evidence": "U", "params": {}}]}""", "rule GC-RESISTENT is applied by no part of the engine"),
                Arguments.of("a definition class that does not exist", TOY.replace("ToyRefractory", "NoSuchRefractory"),
                        "rule REFRACTORY-TOY: no class org.myoline.engine.NoSuchRefractory"),
                Arguments.of("a definition class that is not a definition", TOY.replace("org.myoline.engine.ToyRefractory",
                        "java.lang.String"), "java.lang.String is not a RefractoryDefinition"),
                Arguments.of("an unknown default definition", "{\"name\": \"x\", \"defaultDefinition\": \"RIMM\"}",
                        "defaultDefinition RIMM is not one of"),
                Arguments.of("an unknown field", "{\"name\": \"x\", \"rulez\": []}", "unknown field rulez"),
                Arguments.of("no name", "{\"rules\": []}", "name is required"),
                Arguments.of("a new rule without a source", """
                        {"name": "x", "rules": [{"id": "NEW", "title": "t", "description": "d", "evidence": "U"}]}""",
                        "rule NEW: source is missing"));
    }

    private static String rules(String id, String params) {
        return "{\"name\": \"broken\", \"rules\": [{\"id\": \"" + id + "\", \"params\": " + params + "}]}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void aBrokenOverlayStopsStartUpNamingTheProblem(String name, String overlay, String message) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> withOverlay(overlay, null));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(e.getMessage().contains("myoline.rules.overlay"), "names the file: " + e.getMessage());
    }

    static Stream<Arguments> brokenCatalogue() {
        return Stream.of(
                Arguments.of("an unknown unit", "{\"name\": \"x\", \"drugs\": [{\"code\": \"methotrexate\", "
                        + "\"adequateTrial\": {\"unit\": \"mg/fortnight\"}}]}", "drug methotrexate: adequateTrial: unknown unit"),
                Arguments.of("an unknown class", "{\"name\": \"x\", \"drugs\": [{\"code\": \"new-drug\", \"name\": \"N\", "
                        + "\"drugClass\": \"MAGIC\", \"tier\": 2, \"role\": \"DISEASE_MODIFYING\", \"track\": \"MYOSITIS\", "
                        + "\"persistenceDays\": 30, \"withdrawn\": false, \"courseBased\": false}]}", "drug new-drug"),
                Arguments.of("a tier out of range", "{\"name\": \"x\", \"drugs\": [{\"code\": \"ivig\", \"tier\": 9}]}",
                        "drug ivig: tier must be 0 to 6"),
                Arguments.of("a misspelt field", "{\"name\": \"x\", \"drugs\": [{\"code\": \"ivig\", \"teir\": 4}]}",
                        "drug ivig"),
                Arguments.of("a duplicate key", "{\"name\": \"x\", \"name\": \"y\", \"drugs\": []}", "Duplicate field"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenCatalogue")
    void aBrokenCatalogueOverlayStopsStartUp(String name, String overlay, String message) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> withOverlay(null, overlay));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(e.getMessage().contains("myoline.catalogue.overlay"), "names the file: " + e.getMessage());
    }
}
