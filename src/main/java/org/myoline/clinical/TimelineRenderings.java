package org.myoline.clinical;

import io.agroal.api.AgroalDataSource;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.myoline.catalogue.Drug;
import org.myoline.catalogue.DrugCatalogue;
import org.myoline.engine.ClinicalEngine;
import org.myoline.picture.ClinicalSummary;
import org.myoline.picture.TimelinePicture;

/**
 * The timeline as a picture (SVG) and as a one-page clinical summary (HTML, Qute): the engine's chart of the
 * history plus the free text a person reads beside it (episode notes, the MRN), all escaped by the renderers.
 */
@ApplicationScoped
// Value resolvers generated at build time for what the summary template reads: no reflection per value.
@TemplateData(target = ClinicalSummary.class)
@TemplateData(target = ClinicalSummary.LineRow.class)
@TemplateData(target = ClinicalSummary.VariantRow.class)
@TemplateData(target = ClinicalSummary.CriterionRow.class)
@TemplateData(target = ClinicalSummary.StepRow.class)
@TemplateData(target = ClinicalSummary.WarningRow.class)
public class TimelineRenderings {

    /** The summary's only style sheet, inlined; its hash goes in the page's Content-Security-Policy. */
    static final String CSS = resource("picture/summary.css");
    static final String SVG_POLICY = "default-src 'none'";
    static final String HTML_POLICY = "default-src 'none'; style-src '" + sha256(CSS) + "'; img-src data:";

    @Inject
    ClinicalService clinical;

    @Inject
    DrugCatalogue catalogue;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Template summary;

    private volatile Map<String, TimelinePicture.DrugInfo> drugs;

    public String svg(UUID patientId, LocalDate asOf, LocalDate from, LocalDate to) {
        return TimelinePicture.render(input(patientId, asOf, from, to, new Text()));
    }

    /** The picture of a chart already computed (the FHIR export's), as of its date, whole history. */
    public String svg(UUID patientId, ClinicalEngine.Chart chart) {
        Text text = new Text();
        read(patientId, text);
        return TimelinePicture.render(new TimelinePicture.Input(chart, chart.assessment().rulesVersion(),
                clinical.defaultDefinition(), null, null, drugs(), text.notes));
    }

    public String html(UUID patientId, LocalDate asOf, LocalDate from, LocalDate to) {
        Text text = new Text();
        TimelinePicture.Input in = input(patientId, asOf, from, to, text);
        String svg = TimelinePicture.render(in);
        return summary.data("s", ClinicalSummary.of(in, svg, CSS, text.mrn)).render();
    }

    /** Free text of the record the engine never sees. */
    private static final class Text {
        String mrn = "";
        final Map<String, String> notes = new TreeMap<>();
    }

    private TimelinePicture.Input input(UUID patientId, LocalDate asOf, LocalDate from, LocalDate to, Text text) {
        ClinicalEngine.Chart chart = clinical.chart(patientId, asOf);
        read(patientId, text);
        return new TimelinePicture.Input(chart, chart.assessment().rulesVersion(),
                clinical.defaultDefinition(), from, to, drugs(), text.notes);
    }

    private void read(UUID patientId, Text text) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        SELECT CAST(NULL AS UUID) AS id, p.mrn AS t FROM patient p WHERE p.id = ?
                        UNION ALL
                        SELECT e.id, e.notes FROM treatment_episode e WHERE e.patient_id = ? AND e.notes IS NOT NULL""")) {
            s.setObject(1, patientId);
            s.setObject(2, patientId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Object id = r.getObject(1);
                    if (id == null) {
                        text.mrn = r.getString(2);
                    } else {
                        text.notes.put(id.toString(), r.getString(2));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the record's text", e);
        }
    }

    private Map<String, TimelinePicture.DrugInfo> drugs() {
        Map<String, TimelinePicture.DrugInfo> d = drugs;
        if (d == null) {
            d = new LinkedHashMap<>();
            for (Drug drug : catalogue.all()) {
                d.put(drug.code(), new TimelinePicture.DrugInfo(drug.name(), drug.tier(),
                        drug.drugClass() == Drug.DrugClass.GLUCOCORTICOID));
            }
            drugs = Map.copyOf(d);
        }
        return d;
    }

    private static String resource(String path) {
        try (InputStream in = TimelineRenderings.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return "sha256-" + Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
