package org.myoline.picture;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Dates to x: a day is a fixed number of pixels between {@code from} and the end of {@code to}. Ticks adapt to the
 * span, from weeks over a fortnight to decades over thirty years, and are spaced so their labels never touch.
 */
final class TimeAxis {
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    static final double LABEL_SIZE = 10;

    final LocalDate from;
    final LocalDate to;
    final double x0;
    final double width;
    private final double days;

    TimeAxis(LocalDate from, LocalDate to, double x0, double width) {
        this.from = from;
        this.to = to;
        this.x0 = x0;
        this.width = width;
        this.days = ChronoUnit.DAYS.between(from, to) + 1;
    }

    /** The left edge of {@code date}'s day. */
    double x(LocalDate date) {
        return x0 + width * ChronoUnit.DAYS.between(from, date) / days;
    }

    /** The left edge of the day after {@code date}: where a period ending on {@code date} ends. */
    double xEnd(LocalDate date) {
        return x(date.plusDays(1));
    }

    double clamp(double x) {
        return Math.max(x0, Math.min(x0 + width, x));
    }

    record Tick(LocalDate date, String label) {
    }

    /** Ticks whose labels, centred on them, keep at least 14 px apart. */
    List<Tick> ticks() {
        // Each step: days or months between ticks.
        int[][] steps = {{7, 0}, {14, 0}, {0, 1}, {0, 2}, {0, 3}, {0, 6}, {0, 12}, {0, 24}, {0, 60}, {0, 120}, {0, 240}};
        for (int[] step : steps) {
            // A step that would give more ticks than 26 px apart cannot fit its labels: skip it unbuilt.
            double stepDays = step[0] > 0 ? step[0] : step[1] * 30.4;
            if (days / stepDays > width / 26) {
                continue;
            }
            List<Tick> ticks = ticks(step[0], step[1]);
            if (fits(ticks)) {
                return ticks;
            }
        }
        return ticks(0, 600);
    }

    private boolean fits(List<Tick> ticks) {
        for (int i = 1; i < ticks.size(); i++) {
            double gap = x(ticks.get(i).date()) - x(ticks.get(i - 1).date());
            double need = (SvgText.width(ticks.get(i).label(), LABEL_SIZE, false)
                    + SvgText.width(ticks.get(i - 1).label(), LABEL_SIZE, false)) / 2 + 14;
            if (gap < need) {
                return false;
            }
        }
        return true;
    }

    private List<Tick> ticks(int stepDays, int stepMonths) {
        List<Tick> ticks = new ArrayList<>();
        LocalDate d;
        if (stepDays > 0) {
            d = from;
            while (d.getDayOfWeek() != java.time.DayOfWeek.MONDAY) {
                d = d.plusDays(1);
            }
        } else if (stepMonths >= 12) {
            int years = stepMonths / 12;
            int y = from.getYear() + (from.getDayOfYear() == 1 ? 0 : 1);
            y = ((y + years - 1) / years) * years;
            d = LocalDate.of(y, 1, 1);
        } else {
            d = from.withDayOfMonth(1);
            if (d.isBefore(from)) {
                d = d.plusMonths(1);
            }
            while ((d.getMonthValue() - 1) % stepMonths != 0) {
                d = d.plusMonths(1);
            }
        }
        while (!d.isAfter(to) && ticks.size() < 400) {
            String label = stepDays > 0 ? d.getDayOfMonth() + " " + MONTHS[d.getMonthValue() - 1]
                    + (ticks.isEmpty() || d.getDayOfYear() <= stepDays ? " " + d.getYear() : "")
                    : stepMonths >= 12 ? Integer.toString(d.getYear())
                    : d.getMonthValue() == 1 || stepMonths >= 6 || ticks.isEmpty()
                            ? MONTHS[d.getMonthValue() - 1] + " " + d.getYear() : MONTHS[d.getMonthValue() - 1];
            ticks.add(new Tick(d, label));
            d = stepDays > 0 ? d.plusDays(stepDays) : d.plusMonths(stepMonths);
        }
        return ticks;
    }
}
