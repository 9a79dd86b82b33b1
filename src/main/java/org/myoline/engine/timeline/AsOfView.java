package org.myoline.engine.timeline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.myoline.engine.model.History;
import org.myoline.engine.model.ResponseCategory;

/**
 * The history as it could have been known on {@code asOf}: episodes started by then; ends, stop
 * reasons, responses and course counts only if the episode had ended by then; dose changes,
 * observations, events and response assessments dated by then; the features present and the subtype on
 * that date. A response recorded on a still-ongoing episode carries no date, so it counts only when asking
 * about today or later; dated response assessments count from their date.
 */
public final class AsOfView {
    private AsOfView() {
    }

    public static History of(History history, LocalDate asOf, LocalDate today) {
        List<History.Episode> episodes = new ArrayList<>();
        for (History.Episode e : history.episodes()) {
            if (e.start().isAfter(asOf)) {
                continue;
            }
            boolean endedByThen = e.end() != null && !e.end().isAfter(asOf);
            if (endedByThen) {
                episodes.add(e);
                continue;
            }
            boolean currentAssessment = e.end() == null && !asOf.isBefore(today);
            List<History.DoseStep> changes = e.doseChanges().stream().filter(c -> !c.date().isAfter(asOf)).toList();
            episodes.add(new History.Episode(e.id(), e.drug(), e.route(), e.dose(), e.start(), null, changes,
                    currentAssessment ? e.response() : ResponseCategory.NOT_ASSESSED, null,
                    currentAssessment ? e.courses() : null, e.schedule()));
        }
        History.Patient p = history.patient();
        // Dated features and conversions are folded into what held on the date; the dated features begun by then
        // stay (a rule may ask since when), and so do the contraindications.
        History.Patient onDate = new History.Patient(p.birthDate(), p.subtypeOn(asOf), p.featuresOn(asOf),
                p.diagnosisDate(), p.weightKg(), p.heightCm(),
                p.featureSpans().stream().filter(f -> !f.onset().isAfter(asOf)).toList(), List.of(),
                p.contraindications().stream().filter(c -> !c.since().isAfter(asOf)).toList());
        return new History(onDate, episodes,
                history.observations().stream().filter(o -> !o.date().isAfter(asOf)).toList(),
                history.events().stream().filter(v -> !v.date().isAfter(asOf)).toList(),
                history.assessments().stream().filter(a -> !a.date().isAfter(asOf)).toList());
    }
}
