package org.myoline.engine.ladder;

import org.myoline.engine.context.EvaluationContext;
import org.myoline.engine.context.Findings;
import org.myoline.engine.model.DrugProfile;
import org.myoline.engine.model.History;
import org.myoline.engine.rules.Rule;
import org.myoline.engine.rules.RuleSet;
import org.myoline.engine.timeline.Drugs;

/** The escalation tier the patient is on: the highest tier among myositis-track drugs active on the date. */
public final class CurrentTier {
    private final Rule rule;

    public CurrentTier(RuleSet.Binder rules) {
        this.rule = rules.rule(Drugs.TierCap.class);
    }

    public Integer judge(EvaluationContext ctx, Findings findings) {
        Integer tier = null;
        for (History.Episode e : ctx.history().episodes()) {
            DrugProfile p = ctx.drug(e.drug());
            if (p == null || p.calcinosisTrack() || !ctx.activeOn(e, ctx.asOf())) {
                continue;
            }
            Integer t = ctx.drugs().tierOf(p);
            tier = t == null ? tier : tier == null || t > tier ? t : tier;
        }
        findings.criterion(rule, tier != null, tier == null ? "no myositis treatment active on " + ctx.asOf()
                : "tier " + tier + " (highest among drugs active on " + ctx.asOf() + ")", ctx.activeIds());
        return tier;
    }
}
