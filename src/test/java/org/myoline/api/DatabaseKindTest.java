package org.myoline.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import org.myoline.contract.ApiTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/**
 * Guards the PostgreSQL run: scripts/test-all.sh sets MYOLINE_EXPECT_DB=PostgreSQL, so a configuration
 * slip that quietly ran the suite on H2 fails here instead of passing.
 */
@QuarkusTest
class DatabaseKindTest implements ApiTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void suiteRunsOnTheDatabaseItWasAskedFor() throws Exception {
        String expected = System.getenv().getOrDefault("MYOLINE_EXPECT_DB", "H2");
        try (Connection c = dataSource.getConnection()) {
            assertEquals(expected, c.getMetaData().getDatabaseProductName());
        }
    }
}
