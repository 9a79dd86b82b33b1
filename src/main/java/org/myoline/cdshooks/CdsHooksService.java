package org.myoline.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.myoline.api.ApiException;
import org.myoline.api.ProblemType;
import org.myoline.clinical.AssessmentResponse;
import org.myoline.clinical.ClinicalService;
import org.myoline.clinical.TimelineResponse;
import org.myoline.engine.model.Assessment;
import org.myoline.engine.model.Assessment.RefractoryStatus;
import org.myoline.patient.Patient;
import org.myoline.patient.PatientRepository;

/**
 * The patient-view card: when a chart opens, the EHR sends its Patient; Myoline finds its own patient by
 * the MRN identifier and answers with the refractoriness verdict, lines and next steps. A patient Myoline
 * does not know gets no card, not an error.
 */
@ApplicationScoped
public class CdsHooksService {
    public static final String SERVICE_ID = "myoline-refractoriness";
    static final String MRN_SYSTEM = "http://terminology.hl7.org/CodeSystem/v2-0203";

    @Inject
    PatientRepository patients;

    @Inject
    ClinicalService clinical;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    @Inject
    org.myoline.security.PatientScope scope;

    @Inject
    org.myoline.audit.AccessRecorder access;

    public CdsHooksDtos.Services discovery() {
        return new CdsHooksDtos.Services(List.of(new CdsHooksDtos.Service("patient-view", "Myoline refractoriness",
                "Dermatomyositis: refractoriness verdict (RIM-like definition and variants), lines of therapy, current "
                        + "escalation tier and candidate next steps, with the rules and sources behind them.",
                SERVICE_ID, Map.of("patient", "Patient/{{context.patientId}}"))));
    }

    public CdsHooksDtos.Cards patientView(CdsHooksDtos.Request request, URI base) {
        if (!"patient-view".equals(request.hook())) {
            throw ApiException.invalid("hook", "this service answers patient-view");
        }
        JsonNode patient = request.prefetch() == null || request.prefetch().get("patient") == null ? null
                : json.valueToTree(request.prefetch().get("patient"));
        if (patient == null || patient.isNull() || !"Patient".equals(patient.path("resourceType").asText())) {
            throw new ApiException(ProblemType.PREFETCH_REQUIRED,
                    "prefetch.patient must hold the FHIR Patient of context.patientId (template Patient/{{context.patientId}})");
        }
        Optional<Patient> known = mrn(patient).flatMap(patients::findByMrn);
        if (known.isEmpty()) {
            scope.requireUnscoped("ask about a patient other than its own");
            return new CdsHooksDtos.Cards(List.of());
        }
        UUID id = known.get().id;
        scope.require(id);
        access.saw(id);
        AssessmentResponse assessment = clinical.assessment(id, null);
        TimelineResponse timeline = clinical.timeline(id, null);
        return new CdsHooksDtos.Cards(List.of(card(assessment, timeline, base, id)));
    }

    /** The MRN: the identifier typed MR in HL7 v2 table 0203. */
    static Optional<String> mrn(JsonNode patient) {
        for (JsonNode identifier : patient.path("identifier")) {
            for (JsonNode coding : identifier.path("type").path("coding")) {
                if ("MR".equals(coding.path("code").asText()) && MRN_SYSTEM.equals(coding.path("system").asText())
                        && identifier.hasNonNull("value")) {
                    return Optional.of(identifier.path("value").asText());
                }
            }
        }
        return Optional.empty();
    }

    private static CdsHooksDtos.Card card(AssessmentResponse a, TimelineResponse t, URI base, UUID id) {
        String next = a.nextSteps().isEmpty() ? "no candidate" : step(a.nextSteps().get(0));
        Assessment.EscalationDecision decision = a.escalation() == null ? null : a.escalation().decision();
        String summary = words(a.status()) + " (RIM-like). Tier " + (a.currentTier() == null ? "-" : a.currentTier())
                + (decision == null ? "" : ". Escalation " + decision.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                + ". Next: " + next;
        boolean unsafeLadder = a.warnings().stream().anyMatch(w -> w.code().equals("STEP_UP_LADDER_UNSAFE"));
        String indicator = unsafeLadder || decision == Assessment.EscalationDecision.URGENT ? "critical" : switch (a.status()) {
            case REFRACTORY, MULTI_REFRACTORY, GLUCOCORTICOID_RESISTANT, GLUCOCORTICOID_DEPENDENT -> "warning";
            default -> "info";
        };
        StringBuilder md = new StringBuilder();
        md.append("**").append(words(a.status())).append("** by the RIM-like default");
        a.variants().forEach(v -> md.append("; ").append(v.definition()).append(": ").append(words(v.status())));
        md.append(".\n\n**Lines of therapy**\n");
        for (TimelineResponse.LineResponse line : t.lines()) {
            md.append(line.number()).append(". ").append(line.startDate()).append(line.endDate() == null ? " – ongoing"
                    : " – " + line.endDate()).append(": ").append(String.join(" + ", line.drugs())).append(" (")
                    .append(line.reason()).append(", tier ").append(line.tier()).append(")\n");
        }
        md.append("\n**Criteria met**\n");
        a.criteria().stream().filter(AssessmentResponse.CriterionResponse::met)
                .forEach(c -> md.append("- ").append(c.rule()).append(": ").append(c.detail()).append("\n"));
        if (a.escalation() != null) {
            md.append("\n**Escalation ").append(decision.name().toLowerCase(Locale.ROOT).replace('_', ' ')).append("**: ")
                    .append(String.join("; ", a.escalation().reasons())).append("\n");
        }
        md.append("\n**Candidate next steps** (decision support)\n");
        a.nextSteps().stream().limit(5).forEach(s -> md.append("- ").append(s.contingency() ? "if relapse or failure, " : "")
                .append(step(s)).append(": ").append(s.rationale())
                .append(s.cautions().isEmpty() ? "" : " — caution: " + String.join("; ", s.cautions())).append("\n"));
        if (!a.warnings().isEmpty()) {
            md.append("\n**Warnings**\n");
            a.warnings().forEach(w -> md.append("- ").append(w.message()).append("\n"));
        }
        String api = base.resolve("/api/v1/patients/" + id).toString();
        List<CdsHooksDtos.Link> links = new ArrayList<>();
        links.add(new CdsHooksDtos.Link("Lines of therapy (Myoline API)", api + "/timeline", "absolute"));
        links.add(new CdsHooksDtos.Link("Full assessment with evidence (Myoline API)", api + "/assessment", "absolute"));
        links.add(new CdsHooksDtos.Link("Treatment timeline picture (SVG)", api + "/timeline?format=svg", "absolute"));
        links.add(new CdsHooksDtos.Link("One-page clinical summary (HTML, printable)", api + "/timeline?format=html",
                "absolute"));
        return new CdsHooksDtos.Card(UUID.randomUUID().toString(), summary.length() < 140 ? summary : summary.substring(0, 136) + "...",
                md.toString(), indicator, new CdsHooksDtos.Source("Myoline rules " + a.rulesVersion(), "refractoriness"),
                links);
    }

    private static String step(AssessmentResponse.NextStepResponse s) {
        return switch (s.action()) {
            case START -> s.drug();
            case COMPLETE_TRIAL -> "complete " + s.drug();
            case OPTIMISE_DOSE -> s.drug() + " to " + s.targetDose();
            case RECHALLENGE -> "re-challenge " + s.drug();
        };
    }

    static String words(RefractoryStatus status) {
        return switch (status) {
            case NO_TREATMENT -> "No treatment recorded";
            case NOT_REFRACTORY -> "Not refractory";
            case GLUCOCORTICOID_DEPENDENT -> "Glucocorticoid-dependent";
            case GLUCOCORTICOID_RESISTANT -> "Glucocorticoid-resistant";
            case REFRACTORY -> "Refractory";
            case MULTI_REFRACTORY -> "Multi-refractory";
        };
    }
}
