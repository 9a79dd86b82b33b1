package org.myoline.clinical;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.myoline.catalogue.Drug;
import org.myoline.catalogue.DrugCatalogue;
import org.myoline.engine.ClinicalEngine;
import org.myoline.picture.ClinicalSummary;
import org.myoline.picture.TimelinePicture;

/**
 * The timeline as a picture (SVG) and as a one-page clinical summary (HTML, Qute): the engine's chart of the
 * history plus the free text a person reads beside it (episode notes, the MRN), read with the history in one
 * statement and escaped by the renderers.
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
    Template summary;

    /** What the picture shows of each catalogue drug; the catalogue is fixed once the service has started. */
    private Map<String, TimelinePicture.DrugInfo> drugs;

    @PostConstruct
    void describeDrugs() {
        Map<String, TimelinePicture.DrugInfo> d = new LinkedHashMap<>();
        for (Drug drug : catalogue.all()) {
            d.put(drug.code(), new TimelinePicture.DrugInfo(drug.name(), drug.tier(),
                    drug.drugClass() == Drug.DrugClass.GLUCOCORTICOID));
        }
        drugs = Map.copyOf(d);
    }

    public String svg(UUID patientId, LocalDate asOf, LocalDate from, LocalDate to) {
        return TimelinePicture.render(input(clinical.chart(patientId, asOf), from, to));
    }

    /** The picture of a chart already computed (the FHIR export's, with the notes it already read), whole history. */
    public String svg(ClinicalEngine.Chart chart, Map<String, String> notes) {
        return TimelinePicture.render(input(new ClinicalService.Charted(chart, "", notes), null, null));
    }

    public String html(UUID patientId, LocalDate asOf, LocalDate from, LocalDate to) {
        ClinicalService.Charted charted = clinical.chart(patientId, asOf);
        TimelinePicture.Input in = input(charted, from, to);
        return summary.data("s", ClinicalSummary.of(in, TimelinePicture.render(in), CSS, charted.mrn())).render();
    }

    private TimelinePicture.Input input(ClinicalService.Charted charted, LocalDate from, LocalDate to) {
        return new TimelinePicture.Input(charted.chart(), charted.chart().assessment().rulesVersion(),
                clinical.defaultDefinition(), from, to, drugs, charted.notes());
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
