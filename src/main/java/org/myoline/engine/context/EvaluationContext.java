package org.myoline.engine.context;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.myoline.engine.model.DrugProfile;
import org.myoline.engine.model.Feature;
import org.myoline.engine.model.History;
import org.myoline.engine.response.ResponseHistory;
import org.myoline.engine.timeline.BodySize;
import org.myoline.engine.timeline.Drugs;
import org.myoline.engine.timeline.Era;
import org.myoline.engine.timeline.GlucocorticoidCurve;
import org.myoline.engine.timeline.LineBuilder;

/**
 * What every clinical question is asked against: the history as known on {@code asOf}, whether juvenile
 * thresholds apply, the body size on each date, the glucocorticoid curve, the lines of therapy, the drug
 * catalogue, the eras of the disease-modifying drugs and the dated responses. Built once per evaluation;
 * immutable.
 */
public final class EvaluationContext {
    private final History history;
    private final LocalDate asOf;
    private final boolean juvenile;
    private final BodySize body;
    private final GlucocorticoidCurve curve;
    private final LineBuilder.Result lines;
    private final Drugs drugs;
    private final List<Era> eras;
    private final ResponseHistory responses;

    public EvaluationContext(History history, LocalDate asOf, boolean juvenile, BodySize body, GlucocorticoidCurve curve,
            LineBuilder.Result lines, Drugs drugs, List<Era> eras, ResponseHistory responses) {
        this.history = history;
        this.asOf = asOf;
        this.juvenile = juvenile;
        this.body = body;
        this.curve = curve;
        this.lines = lines;
        this.drugs = drugs;
        this.eras = eras;
        this.responses = responses;
    }

    /** Dated responses, recorded and computed from core sets, per course of a drug. */
    public ResponseHistory responses() {
        return responses;
    }

    public History history() {
        return history;
    }

    public LocalDate asOf() {
        return asOf;
    }

    public boolean juvenile() {
        return juvenile;
    }

    public BodySize body() {
        return body;
    }

    public GlucocorticoidCurve curve() {
        return curve;
    }

    public LineBuilder.Result lines() {
        return lines;
    }

    public Drugs drugs() {
        return drugs;
    }

    /** Eras of the disease-modifying drugs, per drug in order of first use. */
    public List<Era> eras() {
        return eras;
    }

    public Set<Feature> features() {
        return history.patient().features();
    }

    public boolean has(Feature feature) {
        return history.patient().features().contains(feature);
    }

    public DrugProfile drug(String code) {
        return drugs.profile(code);
    }

    /** Whether any systemic myositis treatment was given by {@code asOf}. */
    public boolean treated() {
        return history.episodes().stream().anyMatch(drugs::systemic);
    }

    /** Systemic glucocorticoid episodes (pulses included). */
    public List<History.Episode> glucocorticoidEpisodes() {
        return history.episodes().stream().filter(e -> {
            DrugProfile p = drugs.profile(e.drug());
            return p != null && p.glucocorticoid() && drugs.systemic(e);
        }).toList();
    }

    public boolean activeOn(History.Episode e, LocalDate date) {
        return drugs.profile(e.drug()) != null && drugs.activeOn(e, date);
    }

    /** Ids of the catalogue drugs' episodes active on {@code asOf}. */
    public List<String> activeIds() {
        return history.episodes().stream().filter(e -> activeOn(e, asOf)).map(History.Episode::id).toList();
    }

    public Set<String> activeDrugs() {
        java.util.Set<String> active = new java.util.LinkedHashSet<>();
        history.episodes().stream().filter(e -> activeOn(e, asOf)).forEach(e -> active.add(e.drug()));
        return active;
    }

    public Set<String> triedDrugs() {
        java.util.Set<String> tried = new java.util.LinkedHashSet<>();
        history.episodes().forEach(e -> tried.add(e.drug()));
        return tried;
    }
}
