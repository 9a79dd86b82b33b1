package org.myoline.cohort;

import java.time.LocalDate;
import org.myoline.engine.model.Feature;
import org.myoline.engine.model.Subtype;

/** Which patients a cohort query covers: those treated with {@code drug}, optionally narrowed. */
public record CohortFilter(String drug, Subtype subtype, Feature feature, LocalDate from, LocalDate to) {
}
