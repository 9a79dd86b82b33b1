package org.myoline.fhir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.UUID;
import org.myoline.audit.AccessEntry;
import org.myoline.audit.AuditEntry;
import org.myoline.audit.PurgeEntry;

/**
 * The audit logs as FHIR R4 AuditEvents, shaped for an IHE BALP / ATNA audit repository: a change is a RESTful
 * create/update/delete, a read a RESTful read, a retention purge an application activity. The patient is an
 * entity in the role Patient; the token subject (requestor) and its client are agents; Myoline is the source.
 * Plain JSON like the rest of the export; the tests validate every shape against base R4.
 */
@ApplicationScoped
public class AuditEvents {

    static final String EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String INTERACTION = "http://hl7.org/fhir/restful-interaction";
    static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
    static final String SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";

    @Inject
    ObjectMapper json;

    @Inject
    FhirSystems systems;

    /** A read of patient data (or its refusal). */
    public ObjectNode access(AccessEntry e) {
        ObjectNode r = event("access-" + e.id, coding(EVENT_TYPE, "rest", "RESTful Operation"), e.occurredAt.toString());
        ArrayNode subtype = r.putArray("subtype");
        subtype.add(coding(INTERACTION, "read", "read"));
        subtype.add(coding(systems.local("operation"), e.operation, null));
        r.put("action", "R");
        outcome(r, e.outcome < 400 ? "0" : "4", "HTTP " + e.outcome);
        agents(r, e.actor, e.client);
        source(r);
        ArrayNode entities = r.putArray("entity");
        patient(entities, e.patientId);
        request(entities, e.requestId);
        return r;
    }

    /** A create, update or delete of a patient's data. */
    public ObjectNode change(AuditEntry e) {
        String interaction = e.action.toLowerCase(Locale.ROOT);
        ObjectNode r = event("change-" + e.id, coding(EVENT_TYPE, "rest", "RESTful Operation"), e.occurredAt.toString());
        r.putArray("subtype").add(coding(INTERACTION, interaction, interaction));
        r.put("action", e.action.substring(0, 1));
        outcome(r, "0", null);
        agents(r, e.actor, null);
        source(r);
        ArrayNode entities = r.putArray("entity");
        patient(entities, e.patientId);
        ObjectNode what = entities.addObject();
        what.putObject("what").putObject("identifier").put("system", systems.local("resource"))
                .put("value", e.resourceType + "/" + e.resourceId);
        what.set("type", coding(ENTITY_TYPE, "2", "System Object"));
        request(entities, e.requestId);
        return r;
    }

    /** A retention purge of one of the audit logs. */
    public ObjectNode purge(PurgeEntry e) {
        ObjectNode r = event("purge-" + e.id, coding(DCM, "110100", "Application Activity"), e.occurredAt.toString());
        r.put("action", "D");
        outcome(r, "0", "removed " + e.rowsRemoved + " records of " + e.logName + " recorded before " + e.cutoff);
        agents(r, e.actor, null);
        source(r);
        ObjectNode what = r.putArray("entity").addObject();
        what.putObject("what").putObject("identifier").put("system", systems.local("audit-log")).put("value", e.logName);
        what.set("type", coding(ENTITY_TYPE, "2", "System Object"));
        return r;
    }

    private ObjectNode event(String id, ObjectNode type, String recorded) {
        ObjectNode r = json.createObjectNode();
        r.put("resourceType", "AuditEvent");
        r.put("id", id);
        r.set("type", type);
        r.put("recorded", recorded);
        return r;
    }

    private static void outcome(ObjectNode r, String code, String description) {
        r.put("outcome", code);
        if (description != null) {
            r.put("outcomeDesc", description);
        }
    }

    private void agents(ObjectNode r, String actor, String client) {
        ArrayNode agents = r.putArray("agent");
        ObjectNode who = agents.addObject();
        who.putObject("who").putObject("identifier").put("system", systems.local("subject")).put("value", actor);
        who.put("requestor", true);
        if (client != null) {
            ObjectNode app = agents.addObject();
            app.putObject("type").putArray("coding").add(coding(DCM, "110150", "Application"));
            app.putObject("who").putObject("identifier").put("system", systems.local("client")).put("value", client);
            app.put("requestor", false);
        }
    }

    private void source(ObjectNode r) {
        ObjectNode source = r.putObject("source");
        source.putObject("observer").put("display", "Myoline");
        source.putArray("type").add(coding(SOURCE_TYPE, "4", "Application Server"));
    }

    private void patient(ArrayNode entities, UUID patient) {
        ObjectNode p = entities.addObject();
        p.putObject("what").put("reference", "Patient/" + patient);
        p.set("type", coding(ENTITY_TYPE, "1", "Person"));
        p.set("role", coding(OBJECT_ROLE, "1", "Patient"));
    }

    private void request(ArrayNode entities, String requestId) {
        if (requestId == null) {
            return;
        }
        ObjectNode q = entities.addObject();
        q.putObject("what").putObject("identifier").put("system", systems.local("request-id")).put("value", requestId);
        q.set("type", coding(ENTITY_TYPE, "2", "System Object"));
    }

    private ObjectNode coding(String system, String code, String display) {
        ObjectNode c = json.createObjectNode();
        c.put("system", system);
        c.put("code", code);
        if (display != null) {
            c.put("display", display);
        }
        return c;
    }
}
