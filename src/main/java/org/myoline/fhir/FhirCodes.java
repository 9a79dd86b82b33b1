package org.myoline.fhir;

import java.util.Map;
import java.util.Optional;
import org.myoline.engine.model.Feature;
import org.myoline.engine.model.ObservationType;
import org.myoline.engine.model.Route;
import org.myoline.engine.model.StopReason;

/**
 * The standard code systems and the code mappings both directions of the FHIR edge share (interop.md §1),
 * so what the export writes is exactly what the import reads back.
 */
final class FhirCodes {
    static final String SNOMED = "http://snomed.info/sct";
    static final String LOINC = "http://loinc.org";
    static final String UCUM = "http://unitsofmeasure.org";
    static final String ATC = "http://www.whocc.no/atc";
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
    static final String ICD10_CM = "http://hl7.org/fhir/sid/icd-10-cm";
    static final String V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203";
    static final String V3_ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
    static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    static final String CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    static final String CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    static final String CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";
    static final String FLAG_CATEGORY = "http://terminology.hl7.org/CodeSystem/flag-category";
    static final String CONDITION_RELATED = "http://hl7.org/fhir/StructureDefinition/condition-related";

    /** Dermatomyositis (disorder), docs/clinical-evidence.md §9 [V]. */
    static final String SNOMED_DERMATOMYOSITIS = "396230008";

    /** SNOMED CT route codes (interop.md §1.4 [S]); topical travels as text on export. */
    private static final Map<Route, String> ROUTES = Map.of(
            Route.ORAL, "26643006", Route.IV, "47625008", Route.SC, "34206005", Route.IM, "78421000");

    /** SNOMED CT codes for features (interop.md §1.2 [S]); the others travel as Myoline codes only. */
    private static final Map<Feature, String> FEATURES = Map.of(
            Feature.ILD, "233703007", Feature.DYSPHAGIA, "40739000", Feature.MALIGNANCY, "363346000");

    /** mCODE TreatmentTerminationReasonVS codes written on export (interop.md §1.5). */
    private static final Map<StopReason, String[]> TERMINATION = Map.of(
            StopReason.INEFFICACY, new String[] {"266721009", "No response to treatment"},
            StopReason.ADVERSE_EVENT, new String[] {"407563006", "Treatment not tolerated"},
            StopReason.PATIENT_CHOICE, new String[] {"105480006", "Refusal of treatment by patient"},
            StopReason.COURSE_COMPLETED, new String[] {"182992009", "Treatment completed"},
            StopReason.REMISSION, new String[] {"182992009", "Treatment completed"});

    /**
     * Codes read on import. Beyond the mCODE set: SNOMED 182864000 "Drug not taken - side-effects" and
     * 281647001 "Adverse reaction" (interop.md §1.5), and the core MedicationRequest reasons for intolerance
     * and allergy (v3-ActReason sintol, salg).
     */
    private static final Map<String, StopReason> STOP_REASONS = Map.of(
            SNOMED + "|266721009", StopReason.INEFFICACY,
            SNOMED + "|407563006", StopReason.ADVERSE_EVENT,
            SNOMED + "|182864000", StopReason.ADVERSE_EVENT,
            SNOMED + "|281647001", StopReason.ADVERSE_EVENT,
            SNOMED + "|105480006", StopReason.PATIENT_CHOICE,
            SNOMED + "|182992009", StopReason.COURSE_COMPLETED,
            V3_ACT_REASON + "|sintol", StopReason.ADVERSE_EVENT,
            V3_ACT_REASON + "|salg", StopReason.ADVERSE_EVENT);

    /** LOINC code, UCUM unit and category per observation type (interop.md §1.6); scores have no LOINC [U]. */
    record ObservationCode(String loinc, String unit, String category) {
    }

    private static final Map<ObservationType, ObservationCode> OBSERVATIONS = Map.of(
            ObservationType.WEIGHT_KG, new ObservationCode("29463-7", "kg", "vital-signs"),
            ObservationType.HEIGHT_CM, new ObservationCode("8302-2", "cm", "vital-signs"),
            ObservationType.CK_U_PER_L, new ObservationCode("2157-6", "U/L", "laboratory"),
            // "[Enzymatic activity/volume] in Serum or Plasma" [S: the usual laboratory codes, not read in a LOINC release]
            ObservationType.ALT_U_PER_L, new ObservationCode("1742-6", "U/L", "laboratory"),
            ObservationType.AST_U_PER_L, new ObservationCode("1920-8", "U/L", "laboratory"),
            ObservationType.LDH_U_PER_L, new ObservationCode("2532-0", "U/L", "laboratory"),
            ObservationType.ALDOLASE_U_PER_L, new ObservationCode(null, "U/L", "laboratory"));

    private FhirCodes() {
    }

    static Optional<String> route(Route route) {
        return Optional.ofNullable(ROUTES.get(route));
    }

    static Optional<Route> routeFromSnomed(String code) {
        return ROUTES.entrySet().stream().filter(e -> e.getValue().equals(code)).map(Map.Entry::getKey).findFirst();
    }

    static Optional<String> feature(Feature feature) {
        return Optional.ofNullable(FEATURES.get(feature));
    }

    static Optional<Feature> featureFromSnomed(String code) {
        return FEATURES.entrySet().stream().filter(e -> e.getValue().equals(code)).map(Map.Entry::getKey).findFirst();
    }

    static Optional<String[]> termination(StopReason reason) {
        return Optional.ofNullable(TERMINATION.get(reason));
    }

    static Optional<StopReason> stopReason(String system, String code) {
        return Optional.ofNullable(STOP_REASONS.get(system + "|" + code));
    }

    static ObservationCode observation(ObservationType type) {
        return OBSERVATIONS.getOrDefault(type, new ObservationCode(null, null, "exam"));
    }

    static Optional<ObservationType> observationFromLoinc(String code) {
        return OBSERVATIONS.entrySet().stream().filter(e -> code.equals(e.getValue().loinc())).map(Map.Entry::getKey)
                .findFirst();
    }
}
