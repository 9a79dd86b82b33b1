package org.myoline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * Generates a synthetic but clinically shaped cohort with a fixed seed and loads it in bulk (JDBC batches,
 * rewritten into multi-row inserts on PostgreSQL) through the service's own Flyway schema. Each patient gets
 * 20–60 episodes: a glucocorticoid induction with a taper, re-courses, csDMARD switches with dose increases,
 * monthly IVIg courses, sometimes rituximab; plus dated weights, CK values and flares or relapses.
 *
 * <pre>java -cp … org.myoline.bench.BenchData --url jdbc:… --user … --password … --patients 20000 --seed 42 --out dir</pre>
 * Writes dir/patients.txt (all ids), dir/patients-50.txt (ids of patients with 45–55 episodes) and
 * dir/patients-60.txt (58–60 episodes, the histories the render benchmark draws).
 */
public final class BenchData {
    private static final String[] SUBTYPES = {"CLASSIC", "CLASSIC", "CLASSIC", "AMYOPATHIC", "HYPOMYOPATHIC", "JUVENILE"};
    private static final String[] FEATURES = {"SKIN", "MUSCLE", "DYSPHAGIA", "ILD", "CALCINOSIS", "MALIGNANCY"};
    private static final String[] CSDMARDS = {"methotrexate", "azathioprine", "mycophenolate", "ciclosporin", "tacrolimus"};

    private final Random rng;
    private final Instant now = Instant.now();
    private long rows;

    private BenchData(long seed) {
        this.rng = new Random(seed);
    }

    public static void main(String[] args) throws Exception {
        String url = arg(args, "--url", null);
        String user = arg(args, "--user", "myoline");
        String password = arg(args, "--password", "myoline");
        int patients = Integer.parseInt(arg(args, "--patients", "20000"));
        long seed = Long.parseLong(arg(args, "--seed", "42"));
        Path out = Path.of(arg(args, "--out", "bench/target"));
        Files.createDirectories(out);
        // The service's own locations (quarkus.flyway.locations): db/migration and the database's own folder.
        String[] locations = url.startsWith("jdbc:postgresql:")
                ? new String[] {"classpath:db/migration", "classpath:db/postgresql"}
                : new String[] {"classpath:db/migration", "classpath:db/h2"};
        Flyway.configure().dataSource(url, user, password).locations(locations).load().migrate();
        long t0 = System.nanoTime();
        BenchData data = new BenchData(seed);
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.setAutoCommit(false);
            data.load(c, patients, out);
            // Rows written past the service must keep the service's own tally of patients (V5) true.
            try (var tally = c.createStatement()) {
                tally.executeUpdate("UPDATE patient_tally SET patients = (SELECT COUNT(*) FROM patient) WHERE id = 1");
            }
            c.commit();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("loaded %d patients, %d rows in %.1f s (%.0f rows/s)%n", patients, data.rows, seconds, data.rows / seconds);
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        if (fallback == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return fallback;
    }

    private void load(Connection c, int patients, Path out) throws SQLException, IOException {
        Timestamp stamp = Timestamp.from(now);
        List<String> all = new ArrayList<>();
        List<String> fifty = new ArrayList<>();
        List<String> sixty = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO patient (id, mrn, birth_date, sex, subtype, diagnosis_date, "
                + "weight_kg, height_cm, version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,0,?,?)");
                PreparedStatement f = c.prepareStatement("INSERT INTO patient_feature (patient_id, feature) VALUES (?,?)");
                PreparedStatement e = c.prepareStatement("INSERT INTO treatment_episode (id, patient_id, drug, route, dose_value, "
                        + "dose_unit, start_date, end_date, response, stop_reason, courses, notes, version, created_at, updated_at) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?,?,NULL,0,?,?)");
                PreparedStatement d = c.prepareStatement("INSERT INTO dose_change (episode_id, position, change_date, dose_value, "
                        + "dose_unit, patient_id) VALUES (?,?,?,?,?,?)");
                PreparedStatement o = c.prepareStatement("INSERT INTO observation (id, patient_id, obs_date, type, obs_value, "
                        + "version, created_at, updated_at) VALUES (?,?,?,?,?,0,?,?)");
                PreparedStatement v = c.prepareStatement("INSERT INTO disease_event (id, patient_id, event_date, type, domain, "
                        + "episode_id, version, created_at, updated_at) VALUES (?,?,?,?,?,NULL,0,?,?)")) {
            for (int i = 0; i < patients; i++) {
                UUID id = uuid();
                all.add(id.toString());
                String subtype = SUBTYPES[rng.nextInt(SUBTYPES.length)];
                boolean juvenile = subtype.equals("JUVENILE");
                LocalDate diagnosis = LocalDate.of(2005, 1, 1).plusDays(rng.nextInt(365 * 12));
                LocalDate birth = diagnosis.minusYears(juvenile ? 4 + rng.nextInt(12) : 25 + rng.nextInt(55)).minusDays(rng.nextInt(365));
                double weight = juvenile ? 20 + rng.nextInt(40) : 50 + rng.nextInt(50);
                p.setObject(1, id);
                p.setString(2, "BENCH-" + String.format("%07d", i));
                p.setDate(3, Date.valueOf(birth));
                p.setString(4, rng.nextInt(3) == 0 ? "male" : "female");
                p.setString(5, subtype);
                p.setDate(6, Date.valueOf(diagnosis));
                p.setDouble(7, weight);
                p.setDouble(8, juvenile ? 110 + rng.nextInt(60) : 150 + rng.nextInt(45));
                p.setTimestamp(9, stamp);
                p.setTimestamp(10, stamp);
                p.addBatch();
                rows++;
                f.setObject(1, id);
                f.setString(2, "SKIN");
                f.addBatch();
                rows++;
                for (String feature : FEATURES) {
                    if (!feature.equals("SKIN") && rng.nextInt(4) == 0) {
                        f.setObject(1, id);
                        f.setString(2, feature);
                        f.addBatch();
                        rows++;
                    }
                }
                int episodes = 20 + rng.nextInt(41);
                if (episodes >= 45 && episodes <= 55) {
                    fifty.add(id.toString());
                }
                if (episodes >= 58) {
                    sixty.add(id.toString());
                }
                LocalDate end = history(id, diagnosis, episodes, weight, juvenile, e, d, stamp);
                for (LocalDate day = diagnosis; day.isBefore(end); day = day.plusDays(150 + rng.nextInt(60))) {
                    observation(o, id, day, "WEIGHT_KG", weight + rng.nextInt(7) - 3, stamp);
                    observation(o, id, day.plusDays(3), "CK_U_PER_L", 100 + rng.nextInt(3000), stamp);
                }
                for (int k = 0, n = 1 + rng.nextInt(4); k < n; k++) {
                    v.setObject(1, uuid());
                    v.setObject(2, id);
                    v.setDate(3, Date.valueOf(diagnosis.plusDays(60 + rng.nextInt(Math.max(61, (int) (end.toEpochDay() - diagnosis.toEpochDay()))))));
                    v.setString(4, rng.nextInt(3) == 0 ? "RELAPSE" : "FLARE");
                    v.setString(5, rng.nextBoolean() ? "SKIN" : "MUSCLE");
                    v.setTimestamp(6, stamp);
                    v.setTimestamp(7, stamp);
                    v.addBatch();
                    rows++;
                }
                if (i % 200 == 199 || i == patients - 1) {
                    for (PreparedStatement s : new PreparedStatement[] {p, f, e, d, o, v}) {
                        s.executeBatch();
                    }
                    c.commit();
                }
            }
        }
        Files.write(out.resolve("patients.txt"), all);
        Files.write(out.resolve("patients-50.txt"), fifty);
        Files.write(out.resolve("patients-60.txt"), sixty);
    }

    /** A treatment history of {@code count} episodes from diagnosis on; returns its last date. */
    private LocalDate history(UUID patient, LocalDate start, int count, double weight, boolean juvenile, PreparedStatement e,
            PreparedStatement d, Timestamp stamp) throws SQLException {
        LocalDate day = start;
        int made = 0;
        int dmard = rng.nextInt(CSDMARDS.length);
        while (made < count) {
            // glucocorticoid induction or re-course with a taper
            UUID gc = episode(e, patient, "prednisolone", "ORAL", juvenile ? 1 : 60, juvenile ? "mg/kg/d" : "mg/d", day,
                    day.plusDays(180 + rng.nextInt(180)), pick("MAJOR", "PARTIAL", "NONE"), "REMISSION", null, stamp);
            double dose = juvenile ? 1 : 60;
            for (int k = 0; k < 3; k++) {
                dose = Math.max(juvenile ? 0.1 : 5, dose * 0.6);
                dose(d, patient, gc, k, day.plusDays(42L * (k + 1)), dose, juvenile ? "mg/kg/d" : "mg/d");
            }
            made++;
            // a csDMARD, sometimes raised
            String drug = CSDMARDS[dmard++ % CSDMARDS.length];
            LocalDate dmStart = day.plusDays(14 + rng.nextInt(30));
            UUID dm = episode(e, patient, drug, "ORAL", dmardDose(drug, weight), dmardUnit(drug), dmStart,
                    made + 1 >= count ? null : dmStart.plusDays(90 + rng.nextInt(300)), pick("MAJOR", "PARTIAL", "NONE"),
                    pick("INEFFICACY", "ADVERSE_EVENT", "REMISSION"), null, stamp);
            if (rng.nextBoolean()) {
                dose(d, patient, dm, 0, dmStart.plusDays(45), dmardDose(drug, weight) * 1.3, dmardUnit(drug));
            }
            made++;
            // monthly IVIg courses, each an episode
            LocalDate course = dmStart.plusDays(60);
            for (int k = 0, n = 2 + rng.nextInt(8); k < n && made < count; k++) {
                episode(e, patient, "ivig", "IV", 2, "g/kg", course, course.plusDays(4), k == n - 1 ? pick("MAJOR", "PARTIAL", "NONE")
                        : "NOT_ASSESSED", "COURSE_COMPLETED", 1, stamp);
                course = course.plusDays(28);
                made++;
            }
            if (made < count && rng.nextInt(3) == 0) {
                episode(e, patient, "rituximab", "IV", 1000, "mg", course, course.plusDays(14), pick("MAJOR", "PARTIAL"),
                        "COURSE_COMPLETED", 1, stamp);
                made++;
            }
            day = course.plusDays(30 + rng.nextInt(120));
        }
        return day;
    }

    private UUID episode(PreparedStatement e, UUID patient, String drug, String route, double dose, String unit, LocalDate start,
            LocalDate end, String response, String stop, Integer courses, Timestamp stamp) throws SQLException {
        UUID id = uuid();
        e.setObject(1, id);
        e.setObject(2, patient);
        e.setString(3, drug);
        e.setString(4, route);
        e.setDouble(5, dose);
        e.setString(6, unit);
        e.setDate(7, Date.valueOf(start));
        e.setDate(8, end == null ? null : Date.valueOf(end));
        e.setString(9, end == null ? "NOT_ASSESSED" : response);
        e.setString(10, end == null ? null : stop);
        if (courses == null) {
            e.setNull(11, java.sql.Types.INTEGER);
        } else {
            e.setInt(11, courses);
        }
        e.setTimestamp(12, stamp);
        e.setTimestamp(13, stamp);
        e.addBatch();
        rows++;
        return id;
    }

    private void dose(PreparedStatement d, UUID patient, UUID episode, int position, LocalDate date, double value,
            String unit) throws SQLException {
        d.setObject(1, episode);
        d.setInt(2, position);
        d.setDate(3, Date.valueOf(date));
        d.setDouble(4, Math.round(value * 100) / 100.0);
        d.setString(5, unit);
        d.setObject(6, patient);
        d.addBatch();
        rows++;
    }

    private void observation(PreparedStatement o, UUID patient, LocalDate date, String type, double value, Timestamp stamp)
            throws SQLException {
        o.setObject(1, uuid());
        o.setObject(2, patient);
        o.setDate(3, Date.valueOf(date));
        o.setString(4, type);
        o.setDouble(5, value);
        o.setTimestamp(6, stamp);
        o.setTimestamp(7, stamp);
        o.addBatch();
        rows++;
    }

    private static double dmardDose(String drug, double weight) {
        return switch (drug) {
            case "methotrexate" -> 15;
            case "azathioprine" -> Math.round(2 * weight);
            case "mycophenolate" -> 2000;
            case "ciclosporin" -> Math.round(3 * weight);
            default -> 0.06;
        };
    }

    private static String dmardUnit(String drug) {
        return switch (drug) {
            case "methotrexate" -> "mg/wk";
            case "tacrolimus" -> "mg/kg/d";
            default -> "mg/d";
        };
    }

    private String pick(String... values) {
        return values[rng.nextInt(values.length)];
    }

    private UUID uuid() {
        long msb = (rng.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (rng.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
