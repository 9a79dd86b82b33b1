package org.myoline.episode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V13 gives every dose change its episode's patient: a database holding dose changes written before it is
 * upgraded with each row's patient filled in, and a row without one is refused from then on.
 */
class DoseChangeMigrationTest {
    /** The H2 service's locations (quarkus.flyway.locations); the PostgreSQL V13 is checked by DoseChangeStoreTest. */
    private static final String[] LOCATIONS = {"classpath:db/migration", "classpath:db/h2"};

    @Test
    void anUpgradeFillsInEachDoseChangesPatient() throws SQLException {
        String url = "jdbc:h2:mem:v13-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").locations(LOCATIONS).target("12").load().migrate();
        UUID[] patients = {UUID.randomUUID(), UUID.randomUUID()};
        List<UUID> episodes = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            for (UUID p : patients) {
                s.executeUpdate("INSERT INTO patient (id, mrn, birth_date, sex, subtype, version, created_at, updated_at) "
                        + "VALUES ('" + p + "', 'MRN-" + p + "', DATE '1970-01-01', 'female', 'CLASSIC', 0, "
                        + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
                for (int e = 0; e < 2; e++) {
                    UUID episode = UUID.randomUUID();
                    episodes.add(episode);
                    s.executeUpdate("INSERT INTO treatment_episode (id, patient_id, drug, route, dose_value, dose_unit, "
                            + "start_date, response, version, created_at, updated_at) VALUES ('" + episode + "', '" + p
                            + "', 'prednisone', 'ORAL', 60, 'mg/d', DATE '2024-01-01', 'PARTIAL', 0, CURRENT_TIMESTAMP, "
                            + "CURRENT_TIMESTAMP)");
                    for (int k = 0; k < 3; k++) {
                        s.executeUpdate("INSERT INTO dose_change (episode_id, position, change_date, dose_value, dose_unit) "
                                + "VALUES ('" + episode + "', " + k + ", DATE '2024-02-0" + (k + 1) + "', " + (40 - 10 * k)
                                + ", 'mg/d')");
                    }
                }
            }
        }

        Flyway.configure().dataSource(url, "sa", "").locations(LOCATIONS).load().migrate();

        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            for (UUID p : patients) {
                try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM dose_change d JOIN treatment_episode e "
                        + "ON e.id = d.episode_id WHERE d.patient_id = '" + p + "' AND e.patient_id = '" + p + "'")) {
                    r.next();
                    assertEquals(6, r.getInt(1), "dose changes of patient " + p + " carry that patient");
                }
            }
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM dose_change WHERE patient_id IS NULL")) {
                r.next();
                assertEquals(0, r.getInt(1));
            }
            assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO dose_change (episode_id, position, "
                    + "change_date, dose_value, dose_unit) VALUES ('" + episodes.get(0) + "', 9, DATE '2024-03-01', 5, 'mg/d')"),
                    "a dose change without its patient is refused");
        }
    }
}
