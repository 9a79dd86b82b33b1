package org.myoline.floor;

import io.agroal.api.AgroalDataSource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.myoline.api.Roles;
import org.myoline.clinical.HistoryReader;

/**
 * Bench instrument, never part of the product: bench/floor.sh copies this class into a throwaway build to measure
 * what the database work alone costs through the same stack (HTTP, bearer token, roles, worker thread, pool,
 * driver), with none of the product's own work: no access record, no ETag, no version check, no engine, no ORM.
 * Each operation is the least its product counterpart must do.
 */
@Path("/api/v1/floor")
@RolesAllowed({Roles.VIEWER, Roles.CLINICIAN, Roles.INTEGRATION})
public class FloorResource {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    HistoryReader histories;

    /** One indexed read: the least a 304 revalidation does (the history version of one patient). */
    @GET
    @Path("/{id}/version")
    @Produces("text/plain")
    public String version(@PathParam("id") UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT history_version FROM patient WHERE id = ?")) {
            s.setObject(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Long.toString(r.getLong(1)) : "";
            }
        }
    }

    /** One indexed read returning a stored timeline body: the least a result-store hit does. */
    @GET
    @Path("/{id}/stored")
    @Produces("application/json")
    public byte[] stored(@PathParam("id") UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT p.history_version, r.body FROM patient p JOIN view_result r ON r.patient_id = p.id "
                        + "AND r.view_key = 'timeline' WHERE p.id = ? LIMIT 1")) {
            s.setObject(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getBytes(2) : new byte[0];
            }
        }
    }

    /**
     * The patient's whole history read and decoded into the engine's input (the product's own reader, one
     * statement), and no engine run, rendering, storing or access record: the least a view not seen before does.
     */
    @GET
    @Path("/{id}/history")
    @Produces("text/plain")
    public String history(@PathParam("id") UUID id) {
        return histories.read(id).map(h -> Integer.toString(h.episodes().size())).orElse("");
    }

    /** One durable insert committed on its own: the least any write does. */
    @POST
    @Path("/{id}/write")
    @Produces("text/plain")
    public String write(@PathParam("id") UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO access_log (occurred_at, actor, client, patient_id, operation, request_id, outcome) "
                        + "VALUES (CURRENT_TIMESTAMP, 'floor', 'floor', ?, 'floor', 'floor', 200)")) {
            s.setObject(1, id);
            return Integer.toString(s.executeUpdate());
        }
    }

    /**
     * The statements a new episode cannot do without, in one transaction of plain JDBC: the patient and its episode
     * count (the cap), the episode row, its audit row (the episode as JSON), the history version. Nothing else: no
     * validation, no ORM, no response body.
     */
    @POST
    @Path("/{id}/transaction")
    @Produces("text/plain")
    public String transaction(@PathParam("id") UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (PreparedStatement s = c.prepareStatement("SELECT p.id, (SELECT count(*) FROM treatment_episode e "
                        + "WHERE e.patient_id = p.id) FROM patient p WHERE p.id = ?")) {
                    s.setObject(1, id);
                    try (ResultSet r = s.executeQuery()) {
                        if (!r.next()) {
                            c.rollback();
                            return "";
                        }
                    }
                }
                UUID episode = UUID.randomUUID();
                try (PreparedStatement s = c.prepareStatement("INSERT INTO treatment_episode (id, patient_id, drug, route, "
                        + "dose_value, dose_unit, start_date, response, version, created_at, updated_at) VALUES "
                        + "(?, ?, 'methotrexate', 'ORAL', 15, 'mg/wk', DATE '2024-03-15', 'NOT_ASSESSED', 0, "
                        + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")) {
                    s.setObject(1, episode);
                    s.setObject(2, id);
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_entry (occurred_at, actor, request_id, "
                        + "action, resource_type, resource_id, patient_id, after_state) VALUES (CURRENT_TIMESTAMP, "
                        + "'floor', 'floor', 'CREATE', 'TreatmentEpisode', ?, ?, ?)")) {
                    s.setObject(1, episode);
                    s.setObject(2, id);
                    s.setString(3, "{\"id\":\"" + episode + "\",\"patientId\":\"" + id + "\",\"drug\":\"methotrexate\","
                            + "\"route\":\"ORAL\",\"doseValue\":15,\"doseUnit\":\"mg/wk\",\"startDate\":\"2024-03-15\","
                            + "\"endDate\":null,\"response\":\"NOT_ASSESSED\",\"stopReason\":null,\"courses\":null,\"notes\":null,"
                            + "\"version\":0,\"doseChanges\":[]}");
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE patient SET history_version = history_version + 1 WHERE id = ?")) {
                    s.setObject(1, id);
                    s.executeUpdate();
                }
                c.commit();
                return episode.toString();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }
}
