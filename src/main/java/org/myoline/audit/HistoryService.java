package org.myoline.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.UUID;
import org.myoline.api.ApiException;
import org.myoline.api.Page;

@ApplicationScoped
public class HistoryService {

    @Inject
    PatientDirectory patients;

    @Inject
    ObjectMapper json;

    /** The audit trail of a patient, also after the patient was deleted; 404 only if nothing is known. */
    @Transactional
    public HistoryPage history(UUID patientId, int page, int size) {
        var query = AuditEntry.find("patientId", Sort.by("id"), patientId);
        long total = query.count();
        if (total == 0 && !patients.exists(patientId)) {
            throw ApiException.notFound("Patient", patientId);
        }
        var items = query.page(page, size).<AuditEntry>list().stream()
                .map(e -> new HistoryEntryResponse(e.id, e.occurredAt, e.actor, e.requestId, e.action, e.resourceType,
                        e.resourceId, parse(e.before), parse(e.after)))
                .toList();
        return new HistoryPage(items, page, size, total, Page.totalPages(total, size));
    }

    private static final TypeReference<Map<String, Object>> STATE = new TypeReference<>() {
    };

    private Map<String, Object> parse(String stored) {
        try {
            return stored == null ? null : json.readValue(stored, STATE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable audit state", e);
        }
    }
}
