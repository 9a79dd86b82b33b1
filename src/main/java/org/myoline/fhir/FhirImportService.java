package org.myoline.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.IntFunction;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.myoline.catalogue.DrugCatalogue;
import org.myoline.fhir.ImportPlan.PatientKey;
import org.myoline.fhir.ImportPlan.PatientUnit;
import org.myoline.fhir.ImportPlan.RecordUnit;
import org.myoline.patient.PatientRepository;

/**
 * FHIR R4 import (interop.md §2). A {@code transaction} Bundle (or a {@code collection}, such as Myoline's own
 * export) is all or nothing: every entry is read and
 * checked first, then everything is written in one database transaction, and any failure leaves nothing
 * behind. A {@code batch} Bundle writes each record on its own. NDJSON (one resource per line) is written
 * patient by patient, each patient all or nothing, so no patient is left with half a history.
 *
 * <p>Records are recognised by the business identifiers of the resources they came from (fhir_source):
 * the same content again writes nothing; changed content updates the record it created.
 */
@ApplicationScoped
public class FhirImportService {
    /** Bounded by the request body limit anyway; this keeps one import's work and answer bounded too. */
    static final int MAX_ENTRIES = 10_000;
    /** A bulk import writes a patient's lines in one transaction; a patient with more is rejected. */
    public static final int MAX_LINES_PER_PATIENT = MAX_ENTRIES;

    @Inject
    FhirParsing parsing;

    @Inject
    DrugCatalogue catalogue;

    @Inject
    FhirSystems systems;

    @Inject
    ImportWriter writer;

    @Inject
    PatientRepository patients;

    @Inject
    ObjectMapper json;

    /** The HTTP status and FHIR JSON body to answer with. */
    public record Result(int status, String body) {
    }

    public Result bundle(byte[] body) {
        IParser parser = parsing.parser();
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            return failure(parser, 400, "structure", "the body is not JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !"Bundle".equals(root.path("resourceType").asText())) {
            return failure(parser, 400, "structure", "expected a FHIR R4 Bundle (resourceType Bundle)");
        }
        String type = root.path("type").asText();
        if (!type.equals("transaction") && !type.equals("batch") && !type.equals("collection")) {
            return failure(parser, 400, "not-supported", "Bundle.type must be transaction or batch (or a collection, "
                    + "such as Myoline's own export, imported as a transaction), not '" + type + "'");
        }
        JsonNode entryNodes = root.path("entry");
        if (!entryNodes.isMissingNode() && !entryNodes.isNull() && !entryNodes.isArray()) {
            return failure(parser, 400, "structure", "Bundle.entry must be an array of entries");
        }
        if (entryNodes.size() > MAX_ENTRIES) {
            return failure(parser, 413, "too-costly", "at most " + MAX_ENTRIES + " entries per Bundle");
        }
        ImportPlan parsed = new ImportPlan();
        parsed.entryCount = entryNodes.size();
        List<InboundMapper.Entry> entries = new ArrayList<>();
        for (int i = 0; i < entryNodes.size(); i++) {
            JsonNode entry = entryNodes.get(i);
            if (!entry.isObject()) {
                parsed.error(i, "Bundle.entry[" + i + "]", "must be an object with a resource");
                continue;
            }
            String method = entry.path("request").path("method").asText("POST");
            if (!method.equals("POST") && !method.equals("PUT")) {
                parsed.error(i, "Bundle.entry[" + i + "].request.method", "only POST and PUT entries are imported, not " + method);
                continue;
            }
            int index = i;
            String fullUrl = entry.hasNonNull("fullUrl") ? entry.get("fullUrl").asText() : null;
            parse(parser, entry.path("resource"), i, parsed).ifPresent(r -> entries.add(new InboundMapper.Entry(index, fullUrl, r)));
        }
        ImportPlan plan = mapper().map(entries, parsed);
        writer.checkScope(plan); // before anything is written: a 403 leaves no half-write
        boolean transaction = !type.equals("batch");
        if (transaction) {
            if (!plan.hasErrors()) {
                writeTogether(plan, plan.patients, plan.records);
            }
            if (plan.hasErrors()) {
                return new Result(422, parser.encodeResourceToString(
                        outcome(plan, "the transaction was not applied: nothing was written")));
            }
        } else {
            writeEach(plan);
        }
        return new Result(200, parser.encodeResourceToString(response(plan,
                transaction ? Bundle.BundleType.TRANSACTIONRESPONSE : Bundle.BundleType.BATCHRESPONSE,
                i -> "Bundle.entry[" + i + "].resource", true)));
    }

    /** NDJSON: one resource per line; the answer is a batch-response Bundle with one entry per line, in order. */
    public Result ndjson(String body) {
        IParser parser = parsing.parser();
        // A byte-order mark is not part of the first line; lines end with LF, CRLF or a lone CR.
        String text = body.startsWith("\uFEFF") ? body.substring(1) : body;
        String[] lines = text.split("\r\n|\r|\n", -1);
        int count = lines.length;
        while (count > 0 && lines[count - 1].isBlank()) {
            count--;
        }
        if (count == 0) {
            return failure(parser, 400, "required", "the body has no resources (one FHIR resource per line)");
        }
        if (count > MAX_ENTRIES) {
            return failure(parser, 413, "too-costly", "at most " + MAX_ENTRIES + " lines per import");
        }
        ImportPlan plan = ndjsonLines(Arrays.asList(lines).subList(0, count), Writes.EACH_PATIENT);
        return new Result(200, parser.encodeResourceToString(response(plan, Bundle.BundleType.BATCHRESPONSE,
                i -> "line " + (i + 1), false)));
    }

    /** How the patients of an NDJSON import are committed. */
    public enum Writes {
        /** Each patient in a transaction of its own (the synchronous import). */
        EACH_PATIENT,
        /**
         * Every patient inside the caller's transaction (the bulk worker, which moves its cursor in the same
         * transaction); if a patient fails while being written, the caller's transaction is marked for rollback
         * and {@link ImportPlan#writeFailed} is set.
         */
        CALLERS_TRANSACTION
    }

    /**
     * NDJSON lines (no more than {@link #MAX_ENTRIES}), written patient by patient, each patient all or nothing;
     * the plan has one result per line, in order. Entry numbers are indexes into {@code lines}.
     */
    public ImportPlan ndjsonLines(List<String> lines, Writes writes) {
        IParser parser = parsing.parser();
        int count = lines.size();
        ImportPlan parsed = new ImportPlan();
        parsed.entryCount = count;
        List<InboundMapper.Entry> entries = new ArrayList<>();
        List<InboundMapper.Unreadable> unreadable = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                parsed.error(i, null, "line " + (i + 1) + " is empty");
                continue;
            }
            int index = i;
            JsonNode node;
            try {
                node = json.readTree(line);
            } catch (IOException e) {
                parsed.error(i, null, "line " + (i + 1) + " is not JSON: " + firstLine(e.getMessage()));
                // Still rejected; but a line that only repeats a key can be read leniently to learn whose it is,
                // so that its patient is rejected whole rather than written without it.
                lenient(line).ifPresent(n -> unreadable.add(new InboundMapper.Unreadable(index, n)));
                continue;
            }
            Optional<Resource> resource = parse(parser, node, i, parsed);
            if (resource.isPresent()) {
                entries.add(new InboundMapper.Entry(index, null, resource.get()));
            } else {
                unreadable.add(new InboundMapper.Unreadable(index, node));
            }
        }
        InboundMapper mapper = mapper();
        ImportPlan plan = mapper.map(entries, parsed);
        writer.checkScope(plan); // before anything is written: a 403 leaves no half-write
        // A line that is JSON but not valid FHIR still names its patient: that patient is rejected whole.
        unreadable.forEach(mapper::attribute);
        Map<PatientKey, List<RecordUnit>> byPatient = new LinkedHashMap<>();
        plan.patients.forEach(p -> byPatient.put(p.key, new ArrayList<>()));
        plan.patientOfEntry.values().forEach(k -> byPatient.putIfAbsent(k, new ArrayList<>()));
        plan.records.forEach(r -> byPatient.computeIfAbsent(r.patient, k -> new ArrayList<>()).add(r));
        Map<PatientKey, PatientUnit> units = new HashMap<>();
        plan.patients.forEach(p -> units.put(p.key, p));
        for (Map.Entry<PatientKey, List<RecordUnit>> patient : byPatient.entrySet()) {
            PatientUnit unit = units.get(patient.getKey());
            Set<Integer> all = new TreeSet<>(unit == null ? List.of() : unit.entries);
            patient.getValue().forEach(r -> all.addAll(r.entries()));
            plan.patientOfEntry.forEach((entry, key) -> {
                if (key.equals(patient.getKey())) {
                    all.add(entry);
                }
            });
            if (all.stream().anyMatch(plan::failed)) {
                failTogether(plan, all, "not written: another line of the same patient was rejected");
                continue;
            }
            if (writes == Writes.CALLERS_TRANSACTION && plan.writeFailed) {
                continue; // the transaction is lost already; the caller imports these patients one by one
            }
            writeTogether(plan, unit == null ? List.of() : List.of(unit), patient.getValue(), writes);
            if (all.stream().anyMatch(plan::failed)) {
                failTogether(plan, all, "not written: another line of the same patient was rejected");
            }
        }
        return plan;
    }

    /** What became of one line of an NDJSON import: rejected or not, and why, as issue texts. */
    public record LineResult(boolean rejected, List<String> reasons) {
    }

    /**
     * The bulk worker's entry point: the lines of one patient (or a few), imported as {@link #ndjsonLines} does;
     * {@code writeFailed} says the caller's transaction was marked for rollback (only with CALLERS_TRANSACTION).
     */
    public record LinesOutcome(List<LineResult> lines, boolean writeFailed) {
        public boolean anyRejected() {
            return lines.stream().anyMatch(LineResult::rejected);
        }
    }

    public LinesOutcome importLines(List<String> lines, Writes writes) {
        ImportPlan plan = ndjsonLines(lines, writes);
        List<LineResult> results = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            ImportPlan.EntryResult r = plan.results.get(i);
            if (r == null || r.errors.isEmpty()) {
                results.add(new LineResult(false, List.of()));
            } else {
                results.add(new LineResult(true, r.errors.stream()
                        .map(e -> (e.expression() == null ? "" : e.expression() + ": ") + e.message()).toList()));
            }
        }
        return new LinesOutcome(results, plan.writeFailed);
    }

    /** One rejected line of a bulk import as a FHIR OperationOutcome (JSON, one line). */
    public String rejection(long lineNumber, int fileNumber, List<String> reasons) {
        OperationOutcome outcome = new OperationOutcome();
        for (String reason : reasons) {
            OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
                    .setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(OperationOutcome.IssueType.INVALID)
                    .setDiagnostics("line " + lineNumber + (fileNumber > 1 ? " of file " + fileNumber : "") + ": "
                            + reason);
            issue.addLocation("line " + lineNumber);
        }
        return parsing.parser().setPrettyPrint(false).encodeResourceToString(outcome);
    }

    private Optional<Resource> parse(IParser parser, JsonNode resource, int i, ImportPlan plan) {
        if (resource == null || resource.isMissingNode() || !resource.isObject()) {
            plan.error(i, null, "has no resource");
            return Optional.empty();
        }
        Optional<String> nul = org.myoline.common.Texts.nulAt(resource, "");
        if (nul.isPresent()) {
            plan.error(i, nul.get(), "must not contain the NUL character (U+0000)");
            return Optional.empty();
        }
        try {
            IBaseResource parsed = parser.parseResource(resource.toString());
            if (!(parsed instanceof Resource r)) {
                plan.error(i, null, "is not a FHIR R4 resource");
                return Optional.empty();
            }
            return Optional.of(r);
        } catch (DataFormatException e) {
            plan.error(i, null, "is not valid FHIR R4 JSON: " + firstLine(e.getMessage()));
            return Optional.empty();
        }
    }

    /** The line read with repeated keys allowed (the last wins), only to attribute a rejected line. */
    private Optional<JsonNode> lenient(String line) {
        try {
            return Optional.of(json.copy().disable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .readTree(line));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private InboundMapper mapper() {
        return new InboundMapper(catalogue, systems, new InboundMapper.Patients() {
            @Override
            public boolean exists(UUID id) {
                return QuarkusTransaction.joiningExisting().call(() -> patients.findByIdOptional(id).isPresent());
            }

            @Override
            public Optional<UUID> byMrn(String mrn) {
                return QuarkusTransaction.joiningExisting().call(() -> patients.findByMrn(mrn).map(p -> p.id));
            }
        });
    }

    /** Writes the units in one transaction; any failure rolls all of them back. */
    private void writeTogether(ImportPlan plan, List<PatientUnit> patientUnits, List<RecordUnit> records) {
        writeTogether(plan, patientUnits, records, Writes.EACH_PATIENT);
    }

    private void writeTogether(ImportPlan plan, List<PatientUnit> patientUnits, List<RecordUnit> records,
            Writes writes) {
        try {
            (writes == Writes.CALLERS_TRANSACTION ? QuarkusTransaction.joiningExisting()
                    : QuarkusTransaction.requiringNew()).run(() -> {
                Map<PatientKey, UUID> ids = new HashMap<>();
                Map<Integer, UUID> episodes = new HashMap<>();
                for (PatientUnit p : patientUnits) {
                    ids.put(p.key, writer.patient(p, plan));
                }
                for (RecordUnit r : ordered(records)) {
                    writer.record(r, patientId(r.patient, ids), episodes, plan);
                }
            });
        } catch (ImportWriter.UnitFailed e) {
            // The entries say why; the transaction has been rolled back (or, joined, marked for rollback).
            plan.writeFailed = writes == Writes.CALLERS_TRANSACTION;
            List<Integer> all = new ArrayList<>();
            patientUnits.forEach(p -> all.addAll(p.entries));
            records.forEach(r -> all.addAll(r.entries()));
            for (int i : all) {
                ImportPlan.EntryResult r = plan.result(i);
                r.status = null;
                r.location = null;
            }
        }
    }

    /** Batch: every record on its own transaction; a record whose patient failed fails with it. */
    private void writeEach(ImportPlan plan) {
        Map<PatientKey, UUID> ids = new HashMap<>();
        Map<Integer, UUID> episodes = new HashMap<>();
        for (PatientUnit p : plan.patients) {
            if (p.entries.stream().anyMatch(plan::failed)) {
                failTogether(plan, p.entries, "not written: another resource of the same patient was rejected");
                continue;
            }
            try {
                ids.put(p.key, QuarkusTransaction.requiringNew().call(() -> writer.patient(p, plan)));
            } catch (ImportWriter.UnitFailed e) {
                // marked by the writer
            }
        }
        for (RecordUnit r : ordered(plan.records)) {
            UUID patientId = patientId(r.patient, ids);
            if (patientId == null) {
                failTogether(plan, r.entries(), "not written: its patient was not written");
                continue;
            }
            if (r.entries().stream().anyMatch(plan::failed)) {
                failTogether(plan, r.entries(), "not written: another resource of the same record was rejected");
                continue;
            }
            try {
                QuarkusTransaction.requiringNew().run(() -> writer.record(r, patientId, episodes, plan));
            } catch (ImportWriter.UnitFailed e) {
                // marked by the writer
            }
        }
    }

    private static UUID patientId(PatientKey key, Map<PatientKey, UUID> written) {
        return key.stored() != null ? key.stored() : written.get(key);
    }

    /** Episodes first: events link to them. */
    private static List<RecordUnit> ordered(List<RecordUnit> records) {
        return records.stream().sorted(Comparator.comparing(r -> r.kind.ordinal())).toList();
    }

    private static void failTogether(ImportPlan plan, Collection<Integer> entries, String reason) {
        for (int i : entries) {
            ImportPlan.EntryResult r = plan.result(i);
            r.status = null;
            r.location = null;
            if (r.errors.isEmpty()) {
                r.errors.add(new ImportPlan.Issue(null, reason));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Answers

    private Bundle response(ImportPlan plan, Bundle.BundleType type, IntFunction<String> where, boolean inBundle) {
        Bundle bundle = new Bundle().setType(type);
        for (int i = 0; i < plan.entryCount; i++) {
            ImportPlan.EntryResult r = plan.results.get(i);
            Bundle.BundleEntryResponseComponent response = bundle.addEntry().getResponse();
            if (r != null && !r.errors.isEmpty()) {
                response.setStatus("422 Unprocessable Entity");
                OperationOutcome outcome = new OperationOutcome();
                addIssues(outcome, r, where.apply(i), inBundle);
                response.setOutcome(outcome);
                continue;
            }
            response.setStatus(r == null || r.status == null ? "200 OK" : r.status);
            if (r != null && r.location != null) {
                response.setLocation(r.location);
            }
            if (r != null && (!r.warnings.isEmpty() || !r.notes.isEmpty())) {
                OperationOutcome outcome = new OperationOutcome();
                r.warnings.forEach(w -> outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.WARNING)
                        .setCode(OperationOutcome.IssueType.NOTSUPPORTED).setDiagnostics(w));
                r.notes.forEach(n -> outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                        .setCode(OperationOutcome.IssueType.INFORMATIONAL).setDiagnostics(n));
                response.setOutcome(outcome);
            }
        }
        return bundle;
    }

    /** A rejected transaction: the summary, then every problem naming its entry. */
    private OperationOutcome outcome(ImportPlan plan, String summary) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(OperationOutcome.IssueType.PROCESSING)
                .setDiagnostics(summary);
        for (ImportPlan.EntryResult r : plan.results.values()) {
            addIssues(outcome, r, "entry " + r.entry, true);
        }
        return outcome;
    }

    /** One issue per problem; in a Bundle each also names its entry as a FHIRPath expression. */
    private static void addIssues(OperationOutcome outcome, ImportPlan.EntryResult r, String where, boolean inBundle) {
        for (ImportPlan.Issue issue : r.errors) {
            OperationOutcome.OperationOutcomeIssueComponent c = outcome.addIssue()
                    .setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(OperationOutcome.IssueType.INVALID)
                    .setDiagnostics(where + (issue.expression() == null ? "" : " (" + issue.expression() + ")") + ": "
                            + issue.message());
            if (inBundle) {
                c.addExpression("Bundle.entry[" + r.entry + "].resource");
            }
        }
    }

    private Result failure(IParser parser, int status, String code, String message) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.fromCode(code)).setDiagnostics(message);
        return new Result(status, parser.encodeResourceToString(outcome));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
