package org.myoline.engine.timeline;

import java.time.LocalDate;
import java.util.List;
import org.myoline.engine.model.DrugProfile;
import org.myoline.engine.model.History;

/** All of one drug's consecutive episodes, same-drug gaps within its persistence merged; {@code end} null = ongoing. */
public record Era(String drug, DrugProfile profile, List<History.Episode> episodes, LocalDate start, LocalDate end) {

    public List<String> ids() {
        return episodes.stream().map(History.Episode::id).toList();
    }

    public boolean ongoing() {
        return end == null;
    }
}
