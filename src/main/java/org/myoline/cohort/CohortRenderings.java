package org.myoline.cohort;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The outcome table as CSV (one "measure,value" row per figure) and its Kaplan–Meier curve as SVG. */
final class CohortRenderings {
    private CohortRenderings() {
    }

    static String csv(CohortOutcomeResponse o) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"drug", o.drug()});
        rows.add(new String[] {"patients", Integer.toString(o.patients())});
        for (String r : List.of("MAJOR", "PARTIAL", "NONE", "NOT_ASSESSED")) {
            rows.add(new String[] {"responses." + r, Integer.toString(o.responses().get(r))});
        }
        rate(rows, "responseRate", o.responseRate());
        rate(rows, "majorResponseRate", o.majorResponseRate());
        rows.add(new String[] {"courses.mean", num(o.courses().mean())});
        rows.add(new String[] {"courses.median", num(o.courses().median())});
        rows.add(new String[] {"courses.min", o.courses().min() == null ? "" : o.courses().min().toString()});
        rows.add(new String[] {"courses.max", o.courses().max() == null ? "" : o.courses().max().toString()});
        rows.add(new String[] {"courses.total", Integer.toString(o.courses().total())});
        rows.add(new String[] {"relapse.responders", Integer.toString(o.relapse().responders())});
        rows.add(new String[] {"relapse.relapsed", Integer.toString(o.relapse().relapsed())});
        rate(rows, "relapse.proportion", o.relapse().proportion());
        rows.add(new String[] {"relapse.medianMonthsToRelapse", num(o.relapse().medianMonthsToRelapse())});
        rows.add(new String[] {"relapse.kaplanMeier.medianMonths", num(o.relapse().kaplanMeier().medianMonths())});
        int i = 0;
        for (CohortOutcomeResponse.Step s : o.relapse().kaplanMeier().steps()) {
            String p = "relapse.kaplanMeier.step." + (i++) + ".";
            rows.add(new String[] {p + "months", num(s.months())});
            rows.add(new String[] {p + "atRisk", Integer.toString(s.atRisk())});
            rows.add(new String[] {p + "events", Integer.toString(s.events())});
            rows.add(new String[] {p + "relapseFree", num(s.relapseFree())});
        }
        rows.add(new String[] {"retreatment.retreated", Integer.toString(o.retreatment().retreated())});
        rows.add(new String[] {"retreatment.responded", Integer.toString(o.retreatment().responded())});
        rows.add(new String[] {"stoppedForAdverseEvents", Integer.toString(o.stoppedForAdverseEvents())});
        rows.add(new String[] {"subtypeChanges.eligible", Integer.toString(o.subtypeChanges().eligible())});
        rows.add(new String[] {"subtypeChanges.developedMuscleDisease",
                Integer.toString(o.subtypeChanges().developedMuscleDisease())});
        StringBuilder out = new StringBuilder("measure,value\r\n");
        for (String[] row : rows) {
            out.append(row[0]).append(',').append(escape(row[1])).append("\r\n");
        }
        return out.toString();
    }

    private static void rate(List<String[]> rows, String name, CohortOutcomeResponse.Rate r) {
        rows.add(new String[] {name, num(r.value())});
        rows.add(new String[] {name + ".numerator", Integer.toString(r.numerator())});
        rows.add(new String[] {name + ".denominator", Integer.toString(r.denominator())});
        rows.add(new String[] {name + ".ci95Low", num(r.ci95Low())});
        rows.add(new String[] {name + ".ci95High", num(r.ci95High())});
    }

    private static String escape(String v) {
        return v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    static String num(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%s", v);
    }

    /** A step plot of the relapse-free estimate with the median marked, ready to paste into a report. */
    static String svg(CohortOutcomeResponse o) {
        int width = 640;
        int height = 400;
        int left = 60;
        int right = 20;
        int top = 40;
        int bottom = 50;
        int plotW = width - left - right;
        int plotH = height - top - bottom;
        List<CohortOutcomeResponse.Step> steps = o.relapse().kaplanMeier().steps();
        double maxMonths = Math.max(12, Math.ceil(steps.stream().mapToDouble(CohortOutcomeResponse.Step::months).max()
                .orElse(12) / 6) * 6 + 6);
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
        s.append(String.format(Locale.ROOT, "<title>Relapse-free after %s: Kaplan-Meier, %d major responders, %d relapses</title>%n",
                o.drug(), o.relapse().responders(), o.relapse().relapsed()));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"14\" font-weight=\"bold\">Relapse-free after the "
                + "first %s era (n=%d, relapses=%d)</text>%n", left, escapeXml(o.drug()), o.relapse().responders(),
                o.relapse().relapsed()));
        // axes and grid
        for (int i = 0; i <= 4; i++) {
            double frac = i / 4.0;
            int y = top + (int) Math.round(plotH * (1 - frac));
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>%n", left, y, left + plotW, y));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.2f</text>%n", left - 6, y + 4, frac));
        }
        for (double m = 0; m <= maxMonths + 1e-9; m += 6) {
            int x = left + (int) Math.round(plotW * m / maxMonths);
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#eee\"/>%n", x, top, x, top + plotH));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%d</text>%n", x, top + plotH + 18, (int) m));
        }
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", left, top + plotH, left + plotW, top + plotH));
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", left, top, left, top + plotH));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">Months after the last course of the first era</text>%n",
                left + plotW / 2, height - 10));
        s.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 16 %d)\">Relapse-free</text>%n",
                top + plotH / 2, top + plotH / 2));
        // the step curve
        StringBuilder path = new StringBuilder();
        double survival = 1.0;
        path.append(String.format(Locale.ROOT, "M %.1f %.1f", x(0, maxMonths, left, plotW), y(1, top, plotH)));
        for (CohortOutcomeResponse.Step step : steps) {
            double x = x(step.months(), maxMonths, left, plotW);
            path.append(String.format(Locale.ROOT, " H %.1f V %.1f", x, y(step.relapseFree(), top, plotH)));
            survival = step.relapseFree();
        }
        path.append(String.format(Locale.ROOT, " H %.1f", x(maxMonths, maxMonths, left, plotW)));
        s.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"2\"/>\n");
        Double median = o.relapse().kaplanMeier().medianMonths();
        if (median != null) {
            double x = x(median, maxMonths, left, plotW);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#c33\" stroke-dasharray=\"4 3\"/>%n",
                    x, y(0.5, top, plotH), x, y(0, top, plotH)));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#c33\">median %.1f months</text>%n",
                    x + 4, y(0.5, top, plotH) - 4, median));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#555\">final estimate %.2f</text>%n",
                left + plotW - 120, top + 14, survival));
        s.append("</svg>\n");
        return s.toString();
    }

    private static double x(double months, double max, int left, int plotW) {
        return left + plotW * months / max;
    }

    private static double y(double survival, int top, int plotH) {
        return top + plotH * (1 - survival);
    }

    private static String escapeXml(String v) {
        return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

}
