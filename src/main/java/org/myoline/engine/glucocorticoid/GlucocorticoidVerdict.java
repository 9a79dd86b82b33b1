package org.myoline.engine.glucocorticoid;

import org.myoline.engine.model.Assessment;

/** The three ways glucocorticoids fail: resistance, dependence and intolerance, each as evaluated. */
public record GlucocorticoidVerdict(Assessment.Criterion resistant, Assessment.Criterion dependent,
        Assessment.Criterion intolerant) {

    public boolean failure() {
        return resistant.met() || dependent.met() || intolerant.met();
    }

    /** The status glucocorticoids alone give: resistant before dependent, else not refractory. */
    public Assessment.RefractoryStatus status() {
        return resistant.met() ? Assessment.RefractoryStatus.GLUCOCORTICOID_RESISTANT
                : dependent.met() ? Assessment.RefractoryStatus.GLUCOCORTICOID_DEPENDENT
                        : Assessment.RefractoryStatus.NOT_REFRACTORY;
    }
}
