package org.myoline.engine.response;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.myoline.engine.model.History;
import org.myoline.engine.model.ObservationType;

/**
 * The six IMACS core set measures recorded at one visit, each as the observation that stands for it: MMT-8
 * (or CMAS for a child, where recorded), HAQ (CHAQ for a child), and for muscle enzymes the one most abnormal
 * against its upper limit of normal.
 */
public record CoreSet(LocalDate date, Map<Measure, History.Observation> measures) {

    /** The core set measures, as the 2016 ACR/EULAR criteria weigh them. */
    public enum Measure { PHYSICIAN_GLOBAL, PATIENT_GLOBAL, MUSCLE_STRENGTH, PHYSICAL_FUNCTION, MUSCLE_ENZYMES, EXTRAMUSCULAR }

    private static final List<ObservationType> ENZYMES = List.of(ObservationType.CK_U_PER_L,
            ObservationType.ALDOLASE_U_PER_L, ObservationType.ALT_U_PER_L, ObservationType.AST_U_PER_L,
            ObservationType.LDH_U_PER_L);

    public boolean complete() {
        return measures.size() == Measure.values().length;
    }

    public History.Observation get(Measure m) {
        return measures.get(m);
    }

    /** Full core sets by visit date, in date order; visits missing a measure are left out. */
    public static List<CoreSet> fullSets(List<History.Observation> observations, boolean juvenile) {
        Map<LocalDate, List<History.Observation>> byDate = new TreeMap<>();
        for (History.Observation o : observations) {
            byDate.computeIfAbsent(o.date(), d -> new ArrayList<>()).add(o);
        }
        List<CoreSet> sets = new ArrayList<>();
        for (Map.Entry<LocalDate, List<History.Observation>> visit : byDate.entrySet()) {
            CoreSet set = of(visit.getKey(), visit.getValue(), juvenile);
            if (set.complete()) {
                sets.add(set);
            }
        }
        return sets;
    }

    static CoreSet of(LocalDate date, List<History.Observation> visit, boolean juvenile) {
        Map<Measure, History.Observation> m = new EnumMap<>(Measure.class);
        Map<ObservationType, History.Observation> byType = new EnumMap<>(ObservationType.class);
        visit.forEach(o -> byType.put(o.type(), o));
        put(m, Measure.PHYSICIAN_GLOBAL, byType.get(ObservationType.PHYSICIAN_GLOBAL));
        put(m, Measure.PATIENT_GLOBAL, byType.get(ObservationType.PATIENT_GLOBAL));
        put(m, Measure.EXTRAMUSCULAR, byType.get(ObservationType.EXTRAMUSCULAR_GLOBAL));
        History.Observation strength = juvenile && byType.containsKey(ObservationType.CMAS) ? byType.get(ObservationType.CMAS)
                : byType.containsKey(ObservationType.MMT8) ? byType.get(ObservationType.MMT8)
                        : byType.containsKey(ObservationType.MMT8_80) ? byType.get(ObservationType.MMT8_80)
                                : byType.get(ObservationType.CMAS);
        put(m, Measure.MUSCLE_STRENGTH, strength);
        History.Observation function = juvenile && byType.containsKey(ObservationType.CHAQ) ? byType.get(ObservationType.CHAQ)
                : byType.containsKey(ObservationType.HAQ) ? byType.get(ObservationType.HAQ) : byType.get(ObservationType.CHAQ);
        put(m, Measure.PHYSICAL_FUNCTION, function);
        History.Observation worst = null;
        for (ObservationType type : ENZYMES) {
            History.Observation o = byType.get(type);
            if (o != null && o.upperLimit() != null && o.upperLimit() > 0
                    && (worst == null || o.value() / o.upperLimit() > worst.value() / worst.upperLimit())) {
                worst = o;
            }
        }
        put(m, Measure.MUSCLE_ENZYMES, worst);
        return new CoreSet(date, m);
    }

    private static void put(Map<Measure, History.Observation> m, Measure measure, History.Observation o) {
        if (o != null) {
            m.put(measure, o);
        }
    }
}
