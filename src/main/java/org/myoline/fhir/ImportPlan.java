package org.myoline.fhir;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.myoline.engine.model.Feature;
import org.myoline.engine.model.Subtype;
import org.myoline.patient.Sex;

/**
 * What an import will write, worked out before anything is written: one unit per Myoline record (a patient,
 * an episode, an observation, an event), each with the entries it came from, plus the entries that are
 * ignored or wrong. A unit is written whole or not at all.
 */
final class ImportPlan {

    /** A patient named in the import: an entry of it (a Patient resource) or one Myoline already stores. */
    record PatientKey(Integer entry, UUID stored) {
        static PatientKey ofEntry(int entry) {
            return new PatientKey(entry, null);
        }

        static PatientKey ofStored(UUID id) {
            return new PatientKey(null, id);
        }
    }

    /** A resource's business identifier (type, system, value) and what it says (null: entered in error). */
    record Source(int entry, String resourceType, String system, String value, ImportFacts facts) {
        FhirSource.Key key() {
            return new FhirSource.Key(resourceType, system, value);
        }
    }

    /** The patient's demographics (from a Patient resource) and diagnosis (from its Conditions). */
    static final class PatientUnit {
        final PatientKey key;
        final List<Integer> entries = new ArrayList<>();
        Integer patientEntry;
        UUID myolineId;
        String mrn;
        LocalDate birthDate;
        Sex sex;
        BigDecimal weightKg;
        BigDecimal heightCm;
        Integer conditionEntry;
        Subtype subtype;
        /** How the subtype was read, for the outcome (e.g. "ICD-10-CM M33.13"). */
        String subtypeBasis;
        /** The code did not say adult or juvenile: age at onset decides. */
        boolean subtypeFromAge;
        LocalDate diagnosisDate;
        final Set<Feature> features = EnumSet.noneOf(Feature.class);

        PatientUnit(PatientKey key) {
            this.key = key;
        }
    }

    enum Kind { EPISODE, OBSERVATION, EVENT, ASSESSMENT, FEATURE, CONTRAINDICATION }

    /** One episode, observation or event and the sources that make it. */
    static final class RecordUnit {
        final Kind kind;
        final PatientKey patient;
        final List<Source> sources = new ArrayList<>();
        /** A Myoline id the source carried (a re-imported export): the record to update. */
        UUID ownId;
        /** Events and assessments: the medication entry it relates to. */
        Integer episodeEntry;
        /** Episodes: entries marked entered-in-error, whose record is to be removed. */
        boolean enteredInError;

        RecordUnit(Kind kind, PatientKey patient) {
            this.kind = kind;
            this.patient = patient;
        }

        List<Integer> entries() {
            return sources.stream().map(Source::entry).distinct().toList();
        }
    }

    /** Per entry: what happened or is wrong with it. */
    final TreeMap<Integer, EntryResult> results = new TreeMap<>();
    final List<PatientUnit> patients = new ArrayList<>();
    final List<RecordUnit> records = new ArrayList<>();
    /** The patient each entry was found to belong to, whether or not it maps cleanly. */
    final Map<Integer, PatientKey> patientOfEntry = new HashMap<>();
    int entryCount;
    /** Written in the caller's transaction, a unit failed: that transaction is marked for rollback. */
    boolean writeFailed;

    void error(int entry, String expression, String message) {
        results.computeIfAbsent(entry, EntryResult::new).errors.add(new Issue(expression, message));
    }

    /** Something the sender should know: the resource, or part of it, was not imported. */
    void warning(int entry, String message) {
        results.computeIfAbsent(entry, EntryResult::new).warnings.add(message);
    }

    /** What happened, for information: unchanged, updated, recomputed rather than imported. */
    void note(int entry, String message) {
        results.computeIfAbsent(entry, EntryResult::new).notes.add(message);
    }

    boolean hasErrors() {
        return results.values().stream().anyMatch(r -> !r.errors.isEmpty());
    }

    boolean failed(int entry) {
        EntryResult r = results.get(entry);
        return r != null && !r.errors.isEmpty();
    }

    EntryResult result(int entry) {
        return results.computeIfAbsent(entry, EntryResult::new);
    }

    record Issue(String expression, String message) {
    }

    /** The outcome of one entry: HTTP-style status, where its record lives, notes, warnings and errors. */
    static final class EntryResult {
        final int entry;
        String status;
        String location;
        final List<String> warnings = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final List<Issue> errors = new ArrayList<>();

        EntryResult(int entry) {
            this.entry = entry;
        }
    }
}
