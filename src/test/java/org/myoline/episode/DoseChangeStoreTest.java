package org.myoline.episode;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.myoline.TestData;
import org.myoline.contract.ApiTest;

/**
 * Dose changes carry their episode's patient (V13). Written through the API they have it. Written as a replica of
 * the previous version writes them during a rolling update (without the patient), PostgreSQL fills it in from the
 * episode, so the history read by patient still sees them; H2, one embedded instance, refuses such a row.
 */
@QuarkusTest
class DoseChangeStoreTest implements ApiTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyDoseChangeCarriesItsEpisodesPatient() throws SQLException {
        String patient = TestData.createPatient();
        String episode = TestData.createEpisode(patient, """
                {"drug":"prednisone","route":"ORAL","dose":{"value":60,"unit":"mg/d"},"startDate":"2024-01-01",
                 "doseChanges":[{"date":"2024-02-01","dose":{"value":40,"unit":"mg/d"}},
                                {"date":"2024-03-01","dose":{"value":20,"unit":"mg/d"}}],"response":"PARTIAL"}""");
        assertEquals(2, count("SELECT COUNT(*) FROM dose_change WHERE episode_id = ? AND patient_id = ?", episode, patient));

        String insertAsBefore = "INSERT INTO dose_change (episode_id, position, change_date, dose_value, dose_unit) "
                + "VALUES (?, 2, DATE '2024-04-01', 10, 'mg/d')";
        try (Connection c = dataSource.getConnection()) {
            if (c.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
                try (PreparedStatement s = c.prepareStatement(insertAsBefore)) {
                    s.setObject(1, UUID.fromString(episode));
                    assertEquals(1, s.executeUpdate());
                }
                assertEquals(3, count("SELECT COUNT(*) FROM dose_change WHERE episode_id = ? AND patient_id = ?", episode,
                        patient), "the trigger gave the old-style row its episode's patient");
                given().when().get("/api/v1/patients/" + patient + "/episodes/" + episode).then().statusCode(200)
                        .body("doseChanges.size()", org.hamcrest.Matchers.equalTo(3));
            } else {
                try (PreparedStatement s = c.prepareStatement(insertAsBefore)) {
                    s.setObject(1, UUID.fromString(episode));
                    assertThrows(SQLException.class, s::executeUpdate, "H2 refuses a dose change without its patient");
                }
            }
        }
    }

    private long count(String sql, String episode, String patient) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, UUID.fromString(episode));
            s.setObject(2, UUID.fromString(patient));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
