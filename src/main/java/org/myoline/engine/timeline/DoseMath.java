package org.myoline.engine.timeline;

import java.time.LocalDate;
import java.util.OptionalDouble;
import org.myoline.engine.model.DoseUnit;
import org.myoline.engine.model.History;

/**
 * Converts doses between the API's UCUM units on a given date, using the weight and body surface valid then
 * and the episode's schedule. Daily and weekly rates convert into each other; a rate and an amount per dose
 * or course convert through the schedule (a course over {@code daysPerCourse} days: 0.4 g/kg/d × 5 d = 2 g/kg;
 * a dose {@code timesPerWeek} or every {@code intervalDays}: 10 mg three times a week = 30 mg/wk). Sessions
 * convert only to sessions. Anything else, or a conversion needing an unknown weight, height or schedule, is
 * empty.
 */
public final class DoseMath {
    private DoseMath() {
    }

    public enum Basis { ABSOLUTE, PER_KG, PER_M2, COUNT }

    public enum Period { DAY, WEEK, DOSE }

    public static Basis basis(DoseUnit unit) {
        return switch (unit) {
            case MG_PER_KG_PER_DAY, MG_PER_KG_PER_WEEK, G_PER_KG, MG_PER_KG, G_PER_KG_PER_DAY -> Basis.PER_KG;
            case MG_PER_M2_PER_WEEK, MG_PER_M2, MG_PER_M2_PER_DAY, G_PER_M2 -> Basis.PER_M2;
            case SESSION -> Basis.COUNT;
            default -> Basis.ABSOLUTE;
        };
    }

    public static Period period(DoseUnit unit) {
        return switch (unit) {
            case MG_PER_DAY, MG_PER_KG_PER_DAY, G_PER_KG_PER_DAY, MG_PER_M2_PER_DAY -> Period.DAY;
            case MG_PER_WEEK, MG_PER_KG_PER_WEEK, MG_PER_M2_PER_WEEK -> Period.WEEK;
            default -> Period.DOSE;
        };
    }

    /** Milligrams per unit amount: g-based units are 1000 mg. */
    private static double mgFactor(DoseUnit unit) {
        return switch (unit) {
            case G, G_PER_KG, G_PER_KG_PER_DAY, G_PER_M2 -> 1000.0;
            default -> 1.0;
        };
    }

    /** A conversion that needs no schedule: between rates, or between amounts per dose. */
    public static OptionalDouble convert(History.Dose dose, DoseUnit target, LocalDate date, BodySize body) {
        return convert(dose, target, date, body, null);
    }

    public static OptionalDouble convert(History.Dose dose, DoseUnit target, LocalDate date, BodySize body,
            History.Schedule schedule) {
        DoseUnit from = dose.unit();
        if ((basis(from) == Basis.COUNT) != (basis(target) == Basis.COUNT)) {
            return OptionalDouble.empty();
        }
        if (basis(from) == Basis.COUNT) {
            return OptionalDouble.of(dose.value());
        }
        OptionalDouble absolute = toAbsolute(dose.value() * mgFactor(from), basis(from), date, body);
        if (absolute.isEmpty()) {
            return absolute;
        }
        OptionalDouble mg = changePeriod(absolute.getAsDouble(), period(from), period(target), schedule);
        if (mg.isEmpty()) {
            return mg;
        }
        OptionalDouble scaled = fromAbsolute(mg.getAsDouble(), basis(target), date, body);
        return scaled.isEmpty() ? scaled : OptionalDouble.of(scaled.getAsDouble() / mgFactor(target));
    }

    /** mg per {@code from} period as mg per {@code to} period. */
    private static OptionalDouble changePeriod(double mg, Period from, Period to, History.Schedule schedule) {
        if (from == to) {
            return OptionalDouble.of(mg);
        }
        double perDay = switch (from) {
            case DAY -> mg;
            case WEEK -> mg / 7;
            case DOSE -> Double.NaN;
        };
        if (from == Period.DOSE) {
            double dosesPerDay = dosesPerDay(schedule);
            if (Double.isNaN(dosesPerDay)) {
                return OptionalDouble.empty();
            }
            perDay = mg * dosesPerDay;
        }
        return switch (to) {
            case DAY -> OptionalDouble.of(perDay);
            case WEEK -> OptionalDouble.of(perDay * 7);
            case DOSE -> {
                if (from == Period.DAY && schedule != null && schedule.daysPerCourse() != null) {
                    yield OptionalDouble.of(perDay * schedule.daysPerCourse());
                }
                double dosesPerDay = dosesPerDay(schedule);
                yield Double.isNaN(dosesPerDay) ? OptionalDouble.empty() : OptionalDouble.of(perDay / dosesPerDay);
            }
        };
    }

    /** How many fixed doses a day the schedule gives; NaN when it does not say. */
    private static double dosesPerDay(History.Schedule schedule) {
        if (schedule == null) {
            return Double.NaN;
        }
        if (schedule.timesPerWeek() != null && schedule.timesPerWeek() > 0) {
            return schedule.timesPerWeek() / 7.0;
        }
        if (schedule.intervalDays() != null && schedule.intervalDays() > 0 && schedule.daysPerCourse() == null) {
            return 1.0 / schedule.intervalDays();
        }
        return Double.NaN;
    }

    /**
     * The schedule to convert an episode's doses with: the recorded one, or for a single short course given as a
     * daily rate (IVIg 0.4 g/kg/d from Monday to Friday), that course's days.
     */
    public static History.Schedule effectiveSchedule(History.Episode e) {
        if (e.schedule() != null) {
            return e.schedule();
        }
        boolean singleCourse = e.courses() == null || e.courses() == 1;
        if (period(e.dose().unit()) == Period.DAY && singleCourse && e.end() != null) {
            long days = java.time.temporal.ChronoUnit.DAYS.between(e.start(), e.end()) + 1;
            if (days <= 7) {
                return new History.Schedule(null, null, (int) days, null);
            }
        }
        return null;
    }

    private static OptionalDouble toAbsolute(double mg, Basis basis, LocalDate date, BodySize body) {
        return switch (basis) {
            case ABSOLUTE, COUNT -> OptionalDouble.of(mg);
            case PER_KG -> multiply(mg, body.weightKg(date));
            case PER_M2 -> multiply(mg, body.bsaM2(date));
        };
    }

    private static OptionalDouble fromAbsolute(double mg, Basis basis, LocalDate date, BodySize body) {
        return switch (basis) {
            case ABSOLUTE, COUNT -> OptionalDouble.of(mg);
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
