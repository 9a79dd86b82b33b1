package org.myoline.engine.timeline;

import java.time.LocalDate;
import java.util.OptionalDouble;
import org.myoline.engine.model.DoseUnit;
import org.myoline.engine.model.History;

/**
 * Converts doses between the API's UCUM units on a given date, using the weight and body surface
 * valid then. Daily and weekly rates convert into each other; per-dose amounts convert only among
 * per-dose amounts. Anything else, or a conversion needing an unknown weight or height, is empty.
 */
public final class DoseMath {
    private DoseMath() {
    }

    public enum Basis { ABSOLUTE, PER_KG, PER_M2 }

    public enum Period { DAY, WEEK, DOSE }

    public static Basis basis(DoseUnit unit) {
        return switch (unit) {
            case MG_PER_KG_PER_DAY, MG_PER_KG_PER_WEEK, G_PER_KG, MG_PER_KG -> Basis.PER_KG;
            case MG_PER_M2_PER_WEEK, MG_PER_M2 -> Basis.PER_M2;
            default -> Basis.ABSOLUTE;
        };
    }

    public static Period period(DoseUnit unit) {
        return switch (unit) {
            case MG_PER_DAY, MG_PER_KG_PER_DAY -> Period.DAY;
            case MG_PER_WEEK, MG_PER_KG_PER_WEEK, MG_PER_M2_PER_WEEK -> Period.WEEK;
            default -> Period.DOSE;
        };
    }

    /** Milligrams per unit amount: g-based units are 1000 mg. */
    private static double mgFactor(DoseUnit unit) {
        return unit == DoseUnit.G || unit == DoseUnit.G_PER_KG ? 1000.0 : 1.0;
    }

    public static OptionalDouble convert(History.Dose dose, DoseUnit target, LocalDate date, BodySize body) {
        DoseUnit from = dose.unit();
        Period pf = period(from);
        Period pt = period(target);
        if ((pf == Period.DOSE) != (pt == Period.DOSE)) {
            return OptionalDouble.empty();
        }
        OptionalDouble absolute = toAbsolute(dose.value() * mgFactor(from), basis(from), date, body);
        if (absolute.isEmpty()) {
            return absolute;
        }
        double mg = absolute.getAsDouble();
        if (pf == Period.DAY && pt == Period.WEEK) {
            mg *= 7;
        } else if (pf == Period.WEEK && pt == Period.DAY) {
            mg /= 7;
        }
        OptionalDouble scaled = fromAbsolute(mg, basis(target), date, body);
        return scaled.isEmpty() ? scaled : OptionalDouble.of(scaled.getAsDouble() / mgFactor(target));
    }

    private static OptionalDouble toAbsolute(double mg, Basis basis, LocalDate date, BodySize body) {
        return switch (basis) {
            case ABSOLUTE -> OptionalDouble.of(mg);
            case PER_KG -> multiply(mg, body.weightKg(date));
            case PER_M2 -> multiply(mg, body.bsaM2(date));
        };
    }

    private static OptionalDouble fromAbsolute(double mg, Basis basis, LocalDate date, BodySize body) {
        return switch (basis) {
            case ABSOLUTE -> OptionalDouble.of(mg);
            case PER_KG -> divide(mg, body.weightKg(date));
            case PER_M2 -> divide(mg, body.bsaM2(date));
        };
    }

    private static OptionalDouble multiply(double v, OptionalDouble by) {
        return by.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(v * by.getAsDouble());
    }

    private static OptionalDouble divide(double v, OptionalDouble by) {
        return by.isEmpty() || by.getAsDouble() <= 0 ? OptionalDouble.empty() : OptionalDouble.of(v / by.getAsDouble());
    }

    /** Human text for a dose: "15 mg/wk". */
    public static String text(double value, DoseUnit unit) {
        return number(value) + " " + unit.ucum();
    }

    public static String number(double value) {
        if (Math.abs(value - Math.rint(value)) < 1e-9) {
            return Long.toString(Math.round(value));
        }
        return java.math.BigDecimal.valueOf(value).setScale(2, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
    }
}
