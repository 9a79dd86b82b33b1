package org.myoline.fhir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.myoline.audit.AccessEntry;
import org.myoline.audit.AccessLog;
import org.myoline.audit.AuditEntry;
import org.myoline.audit.PurgeEntry;

/**
 * Searches both audit logs (changes and reads) as FHIR AuditEvents: for one patient, or, without a patient, the
 * service's own events (retention purges). Dates bound {@code recorded}: from inclusive, to exclusive.
 */
@ApplicationScoped
public class AuditEventService {

    /** A search: patient (or null for the service's own events), a half-open time window, a page. */
    public record Query(UUID patient, Instant from, Instant to, int offset, int count) {
    }

    private record Found(Instant at, long id, ObjectNode event) {
    }

    private static final int CHUNK = 1000;

    @Inject
    AuditEvents events;

    @Inject
    AccessLog accessLog;

    @Inject
    ObjectMapper json;

    /** A searchset Bundle, oldest first, with the total and a next link when there is more. */
    public ObjectNode bundle(Query q, String self, Function<Integer, String> pageLink) {
        accessLog.flush(); // the reads up to now are in the answer
        List<Found> found = QuarkusTransaction.requiringNew().call(() -> {
            List<Found> all = new ArrayList<>();
            int upTo = q.offset() + q.count();
            if (q.patient() != null) {
                AuditEntry.<AuditEntry>find(where(q), Sort.by("occurredAt").and("id"), params(q)).range(0, upTo - 1).list()
                        .forEach(e -> all.add(new Found(e.occurredAt, e.id, events.change(e))));
                AccessEntry.<AccessEntry>find(where(q), Sort.by("occurredAt").and("id"), params(q)).range(0, upTo - 1).list()
                        .forEach(e -> all.add(new Found(e.occurredAt, e.id, events.access(e))));
            } else {
                PurgeEntry.<PurgeEntry>find(where(q), Sort.by("occurredAt").and("id"), params(q)).range(0, upTo - 1).list()
                        .forEach(e -> all.add(new Found(e.occurredAt, e.id, events.purge(e))));
            }
            return all;
        });
        long total = QuarkusTransaction.requiringNew().call(() -> q.patient() != null
                ? AuditEntry.count(where(q), params(q)) + AccessEntry.count(where(q), params(q))
                : PurgeEntry.count(where(q), params(q)));
        found.sort(Comparator.comparing(Found::at).thenComparing(f -> f.event().get("id").asText()));
        ObjectNode bundle = json.createObjectNode();
        bundle.put("resourceType", "Bundle");
        bundle.put("type", "searchset");
        bundle.put("total", total);
        ArrayNode links = bundle.putArray("link");
        links.addObject().put("relation", "self").put("url", self);
        if (q.offset() + q.count() < total) {
            links.addObject().put("relation", "next").put("url", pageLink.apply(q.offset() + q.count()));
        }
        ArrayNode entries = bundle.putArray("entry");
        for (Found f : found.subList(Math.min(q.offset(), found.size()), Math.min(q.offset() + q.count(), found.size()))) {
            ObjectNode entry = entries.addObject();
            entry.put("fullUrl", "urn:myoline:audit-event:" + f.event().get("id").asText());
            entry.set("resource", f.event());
            entry.putObject("search").put("mode", "match");
        }
        return bundle;
    }

    /** Every matching event, one per line: the change history, then the access log (or the purges), each in order. */
    public void ndjson(Query q, OutputStream out) {
        accessLog.flush();
        if (q.patient() != null) {
            stream(after -> AuditEntry.<AuditEntry>find(where(q) + " and id > :after", Sort.by("id"),
                    params(q).and("after", after)).page(0, CHUNK).list().stream()
                    .map(e -> new Found(e.occurredAt, e.id, events.change(e))).toList(), out);
            stream(after -> AccessEntry.<AccessEntry>find(where(q) + " and id > :after", Sort.by("id"),
                    params(q).and("after", after)).page(0, CHUNK).list().stream()
                    .map(e -> new Found(e.occurredAt, e.id, events.access(e))).toList(), out);
        } else {
            stream(after -> PurgeEntry.<PurgeEntry>find(where(q) + " and id > :after", Sort.by("id"),
                    params(q).and("after", after)).page(0, CHUNK).list().stream()
                    .map(e -> new Found(e.occurredAt, e.id, events.purge(e))).toList(), out);
        }
    }

    /** Keyset pages of one log, each read in its own short transaction and written before the next is read. */
    private void stream(Function<Long, List<Found>> pageAfter, OutputStream out) {
        long after = 0;
        while (true) {
            long from = after;
            List<Found> chunk = QuarkusTransaction.requiringNew().call(() -> pageAfter.apply(from));
            try {
                for (Found f : chunk) {
                    out.write(json.writeValueAsBytes(f.event()));
                    out.write('\n');
                }
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (chunk.size() < CHUNK) {
                return;
            }
            after = chunk.get(chunk.size() - 1).id();
        }
    }

    private static String where(Query q) {
        return (q.patient() != null ? "patientId = :patient" : "1 = 1") + " and occurredAt >= :from and occurredAt < :to";
    }

    private static Parameters params(Query q) {
        Parameters p = Parameters.with("from", q.from()).and("to", q.to());
        return q.patient() != null ? p.and("patient", q.patient()) : p;
    }
}
