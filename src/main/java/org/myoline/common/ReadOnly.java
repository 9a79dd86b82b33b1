package org.myoline.common;

import jakarta.persistence.EntityManager;
import org.hibernate.FlushMode;
import org.hibernate.Session;

/**
 * Marks the current session as a pure read: entities are loaded without snapshots for dirty checking and
 * nothing is flushed, which is most of Hibernate's cost on the read paths (measured with JFR).
 */
public final class ReadOnly {
    private ReadOnly() {
    }

    public static void session(EntityManager em) {
        Session session = em.unwrap(Session.class);
        session.setDefaultReadOnly(true);
        session.setHibernateFlushMode(FlushMode.MANUAL);
    }
}
