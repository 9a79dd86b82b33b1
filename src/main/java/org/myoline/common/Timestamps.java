package org.myoline.common;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Creation and update instants at the microsecond precision both H2 and PostgreSQL store, strictly
 * increasing within this process so that "ordered by creation" has no ties between rows written here.
 */
public final class Timestamps {
    private static final AtomicLong LAST_MICROS = new AtomicLong();

    private Timestamps() {
    }

    public static Instant now() {
        long wall = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        long micros = LAST_MICROS.accumulateAndGet(wall, (last, candidate) -> Math.max(last + 1, candidate));
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
