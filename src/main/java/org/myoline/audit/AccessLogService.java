package org.myoline.audit;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.UUID;
import org.myoline.api.ApiException;
import org.myoline.api.Page;

/** Reads the access log of a patient, after writing what is still buffered, so the page is complete to now. */
@ApplicationScoped
public class AccessLogService {

    @Inject
    AccessLog log;

    @Inject
    PatientDirectory patients;

    public AccessLogResponse page(UUID patientId, int page, int size) {
        log.flush();
        log.admit(); // fail-closed: 503 rather than a page that may miss the latest reads
        return read(patientId, page, size);
    }

    @Transactional
    AccessLogResponse read(UUID patientId, int page, int size) {
        var query = AccessEntry.find("patientId", Sort.by("id").descending(), patientId);
        long total = query.count();
        if (total == 0 && !patients.exists(patientId)) {
            throw ApiException.notFound("Patient", patientId);
        }
        var items = query.page(page, size).<AccessEntry>list().stream()
                .map(e -> new AccessLogResponse.Item(e.id, e.occurredAt, e.actor, e.client, e.operation, e.requestId,
                        e.outcome))
                .toList();
        return new AccessLogResponse(items, page, size, total, Page.totalPages(total, size));
    }
}
