package org.myoline.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Interceptor;
import org.hibernate.Transaction;
import org.hibernate.collection.spi.PersistentCollection;
import org.hibernate.type.Type;
import org.myoline.api.RequestContext;
import org.myoline.common.Timestamps;

/**
 * The one place that writes the audit trail. Hibernate reports every insert, update and delete of an
 * {@link Audited} entity here with its before and after state; the entries are kept with the JTA
 * transaction and inserted just before it commits, through the same transaction. So an audit row exists
 * exactly when the change it describes was committed.
 */
@PersistenceUnitExtension
@ApplicationScoped
public class AuditInterceptor implements Interceptor {

    private static final String PENDING = AuditInterceptor.class.getName() + ".pending";

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    AuditWriter writer;

    @Inject
    ObjectMapper json;

    public enum Action { CREATE, UPDATE, DELETE }

    /** One change waiting for its transaction to commit. */
    public record Pending(Action action, Audited entity, Object id, String before, String after, String actor,
            String requestId) {
    }

    @Override
    public boolean onPersist(Object entity, Object id, Object[] state, String[] names, Type[] types) {
        if (entity instanceof Audited audited) {
            record(Action.CREATE, audited, id, null, snapshot(names, state, false));
        }
        return false;
    }

    @Override
    public boolean onFlushDirty(Object entity, Object id, Object[] current, Object[] previous, String[] names,
            Type[] types) {
        if (entity instanceof Audited audited) {
            record(Action.UPDATE, audited, id, snapshot(names, previous, true), snapshot(names, nextVersion(names, current,
                    previous), false));
        }
        return false;
    }

    /**
     * The state the update writes: Hibernate reports it before incrementing the version, so the "after" state gets
     * the version the response returns (its ETag).
     */
    private static Object[] nextVersion(String[] names, Object[] current, Object[] previous) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals("version") && current[i] instanceof Number n && current[i].equals(previous[i])) {
                Object[] after = current.clone();
                after[i] = n.longValue() + 1;
                return after;
            }
        }
        return current;
    }

    @Override
    public void onRemove(Object entity, Object id, Object[] state, String[] names, Type[] types) {
        if (entity instanceof Audited audited) {
            record(Action.DELETE, audited, id, snapshot(names, state, true), null);
        }
    }

    @Override
    public void beforeTransactionCompletion(Transaction tx) {
        @SuppressWarnings("unchecked")
        List<Pending> pending = (List<Pending>) transactions.getResource(PENDING);
        if (pending != null && !pending.isEmpty()) {
            List<Pending> batch = List.copyOf(pending);
            pending.clear();
            writer.write(batch, Timestamps.now());
        }
    }

    private void record(Action action, Audited entity, Object id, String before, String after) {
        @SuppressWarnings("unchecked")
        List<Pending> pending = (List<Pending>) transactions.getResource(PENDING);
        if (pending == null) {
            pending = new ArrayList<>();
            transactions.putResource(PENDING, pending);
        }
        String actor = "system";
        String requestId = null;
        if (Arc.container().requestContext().isActive()) {
            try (InstanceHandle<RequestContext> request = Arc.container().instance(RequestContext.class)) {
                actor = request.get().actor();
                requestId = request.get().requestId();
            }
        }
        pending.add(new Pending(action, entity, id, before, after, actor, requestId));
    }

    /**
     * The entity's state as JSON. For the state before a change, a collection's previous contents are its
     * snapshot, since the same collection object already holds the new ones.
     */
    private String snapshot(String[] names, Object[] state, boolean before) {
        // Serialised in one pass: building a tree per property first (valueToTree) cost half as much again.
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            Object value = state[i];
            if (value instanceof PersistentCollection<?> collection) {
                if (before) {
                    Object stored = collection.getStoredSnapshot(); // a set's snapshot is a map of its elements
                    value = stored instanceof Map<?, ?> map ? map.keySet() : stored;
                } else {
                    value = new ArrayList<>((Collection<?>) collection);
                }
            }
            fields.put(names[i], value);
        }
        try {
            return json.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit snapshot could not be written", e);
        }
    }
}
