package org.myoline.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which database failures are a 503 (retry later) rather than a 500, also when a JDBC reader wraps them: the fault
 * test met a pooled connection the stopping server had terminated (57P01) in the one-statement patient read.
 */
class DatabaseUnavailableTest {

    @ParameterizedTest
    @CsvSource({
            "08006, I/O error, true",
            "08001, connection refused, true",
            "57P01, FATAL: terminating connection due to administrator command, true",
            "57P03, the database system is starting up, true",
            "HY000, Acquisition timeout while waiting for new connection, true",
            "23505, duplicate key value, false",
            "42P01, relation does not exist, false",
            "22003, numeric field overflow, false"})
    void aSqlStateIsUnavailableOnlyWhenTheServerCannotBeReached(String state, String message, boolean unavailable) {
        SQLException sql = new SQLException(message, state);
        assertEquals(unavailable, ProblemMappers.databaseUnavailable(sql), state);
        assertEquals(unavailable, ProblemMappers.databaseUnavailable(new IllegalStateException("reading failed", sql)),
                state + ", wrapped");
    }
}
