package org.myoline.picture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.myoline.catalogue.Drug;
import org.myoline.catalogue.DrugCatalogue;
import org.myoline.engine.ClinicalEngine;
import org.myoline.engine.model.DiseaseDomain;
import org.myoline.engine.model.DoseUnit;
import org.myoline.engine.model.EventType;
import org.myoline.engine.model.Feature;
import org.myoline.engine.model.History;
import org.myoline.engine.model.ObservationType;
import org.myoline.engine.model.ResponseCategory;
import org.myoline.engine.model.Route;
import org.myoline.engine.model.StopReason;
import org.myoline.engine.model.Subtype;
import org.myoline.rules.EngineFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The picture over random histories: well-formed, self-contained, deterministic, every episode drawn (alone or
 * counted in a collapsed cluster), every drug named, the header's verdict the assessment's, and no two labels
 * overlapping by the layout's own metrics (the browser check in CI measures real fonts).
 */
class TimelinePictureTest {
    private static final ClinicalEngine ENGINE = EngineFactory.createDefault();
    private static final DrugCatalogue CATALOGUE = DrugCatalogue.loadDefault();
    private static final Map<String, TimelinePicture.DrugInfo> DRUGS = new LinkedHashMap<>();
    private static final List<String> CODES = new ArrayList<>();
    private static final LocalDate BASE = LocalDate.of(1996, 1, 1);

    static {
        for (Drug d : CATALOGUE.all()) {
            DRUGS.put(d.code(), new TimelinePicture.DrugInfo(d.name(), d.tier(), d.drugClass() == Drug.DrugClass.GLUCOCORTICOID));
            CODES.add(d.code());
        }
    }

    static String render(History h, LocalDate asOf, LocalDate from, LocalDate to, Map<String, String> notes) {
        ClinicalEngine.Chart chart = ENGINE.chart(h, asOf, asOf);
        return TimelinePicture.render(new TimelinePicture.Input(chart, chart.assessment().rulesVersion(), "RIM", from, to,
                DRUGS, notes));
    }

    @Property(tries = 300)
    void everyPictureIsWellFormedCompleteAndUncluttered(@ForAll("histories") History h,
            @ForAll @IntRange(min = 20, max = 11000) int asOfDay) throws Exception {
        LocalDate asOf = BASE.plusDays(asOfDay);
        String svg = render(h, asOf, null, null, Map.of());
        assertEquals(svg, render(h, asOf, null, null, Map.of()), "deterministic");
        assertFalse(svg.contains("<script") || svg.contains("href") || svg.contains("url("), "self-contained");
        assertTrue(svg.chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7F)), "pure ASCII: the rest as references");
        Document doc = parse(svg);
        Element root = doc.getDocumentElement();
        assertEquals("img", root.getAttribute("role"));

        List<History.Episode> shown = h.episodes().stream().filter(e -> !e.start().isAfter(asOf)).toList();
        int drawn = 0;
        Set<String> rows = new HashSet<>();
        NodeList groups = doc.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.hasAttribute("data-episode")) {
                drawn++;
            } else if (g.hasAttribute("data-episodes")) {
                drawn += Integer.parseInt(g.getAttribute("data-episodes"));
            }
        }
        assertEquals(shown.size(), drawn, "every episode started by the as-of date is drawn once");
        NodeList texts = doc.getElementsByTagName("text");
        List<double[]> boxes = new ArrayList<>();
        List<String> words = new ArrayList<>();
        String status = null;
        for (int i = 0; i < texts.getLength(); i++) {
            Element t = (Element) texts.item(i);
            if (t.hasAttribute("data-drug")) {
                rows.add(t.getAttribute("data-drug"));
            }
            if (t.getAttribute("class").contains("verdict")) {
                status = t.getAttribute("data-status");
            }
            boxes.add(box(t));
            words.add(t.getTextContent());
        }
        for (History.Episode e : shown) {
            assertTrue(rows.contains(e.drug()), e.drug() + " has its row");
        }
        assertEquals(ENGINE.assess(h, asOf, asOf).status().name(), status, "the header's verdict");
        for (int i = 0; i < boxes.size(); i++) {
            double[] a = boxes.get(i);
            assertTrue(a[0] >= 0 && a[2] <= TimelinePicture.W, "inside the picture: " + words.get(i));
            for (int j = i + 1; j < boxes.size(); j++) {
                double[] b = boxes.get(j);
                boolean overlap = a[0] < b[2] - 0.5 && b[0] < a[2] - 0.5 && a[1] < b[3] - 0.5 && b[1] < a[3] - 0.5;
                assertFalse(overlap, "labels \"" + words.get(i) + "\" and \"" + words.get(j) + "\" overlap");
            }
        }
    }

    @ParameterizedTest(name = "{0} days of history")
    @CsvSource({"14", "60", "400", "3650", "10950"})
    void timeTicksAdaptToTheSpanWithoutTouching(int days) throws Exception {
        History h = history(List.of(episode("e0", "methotrexate", 0, days - 1, null)));
        String svg = render(h, BASE.plusDays(days - 1), null, null, Map.of());
        Document doc = parse(svg);
        NodeList texts = doc.getElementsByTagName("text");
        List<double[]> ticks = new ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) {
            Element t = (Element) texts.item(i);
            if (t.getAttribute("class").contains("tick")) {
                ticks.add(box(t));
            }
        }
        assertTrue(ticks.size() >= 2, "at least two ticks over " + days + " days: " + ticks.size());
        for (int i = 1; i < ticks.size(); i++) {
            assertTrue(ticks.get(i)[0] >= ticks.get(i - 1)[2] + 10, "tick labels keep apart");
        }
    }

    @Test
    void crowdedInfusionsCollapseWithACount() throws Exception {
        List<History.Episode> episodes = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            episodes.add(episode("ivig" + i, "ivig", i * 30, i * 30 + 3, i == 119 ? StopReason.INEFFICACY : null));
        }
        String svg = render(history(episodes), BASE.plusDays(120 * 30 + 10), null, null, Map.of());
        assertTrue(svg.contains("class=\"mark cluster\" data-episodes=\""), "monthly infusions over ten years collapse");
        assertTrue(svg.contains(">&#215;"), "with their count (× as a character reference: the picture is ASCII)");
    }

    @Test
    void theWindowFramesThePicture() throws Exception {
        History h = history(List.of(episode("old", "azathioprine", 0, 300, StopReason.INEFFICACY),
                episode("new", "methotrexate", 2000, 2600, null)));
        String framed = render(h, BASE.plusDays(2700), BASE.plusDays(1900), BASE.plusDays(2700), Map.of());
        assertFalse(framed.contains("data-episode=\"old\""), "an episode outside the window is not drawn");
        assertTrue(framed.contains("data-episode=\"new\""));
    }

    @Test
    void recordTextIsEscapedAndThresholdLabelsKeepApartOnAHugeScale() throws Exception {
        History h = history(List.of(episode("p", "prednisolone", 0, 400, null, 3000)));
        String evil = "</title><script>alert(1)</script>&\u0000";
        String svg = render(h, BASE.plusDays(500), null, null, Map.of("p", evil));
        parse(svg);
        assertTrue(svg.contains("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;"), "escaped");
        assertFalse(svg.contains("<script"));
        Document doc = parse(svg);
        NodeList texts = doc.getElementsByTagName("text");
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) {
            Element t = (Element) texts.item(i);
            if (t.getAttribute("class").contains("threshold")) {
                ys.add(Double.parseDouble(t.getAttribute("y")));
            }
        }
        assertEquals(2, ys.size(), "both thresholds labelled");
        assertTrue(Math.abs(ys.get(0) - ys.get(1)) >= 12, "12 px apart at 3000 mg/d: " + ys);
    }

    /** The layout's estimate of a label's box: left, top, right, bottom. */
    static double[] box(Element t) {
        double x = Double.parseDouble(t.getAttribute("x"));
        double y = Double.parseDouble(t.getAttribute("y"));
        for (org.w3c.dom.Node n = t.getParentNode(); n instanceof Element g; n = g.getParentNode()) {
            String transform = g.getAttribute("transform");
            if (transform.startsWith("translate(")) {
                String[] xy = transform.substring(10, transform.length() - 1).trim().split("[ ,]+");
                x += Double.parseDouble(xy[0]);
                y += xy.length > 1 ? Double.parseDouble(xy[1]) : 0;
            }
        }
        double size = Double.parseDouble(t.getAttribute("font-size"));
        double w = SvgText.width(t.getTextContent(), size, "bold".equals(t.getAttribute("font-weight")));
        String anchor = t.getAttribute("text-anchor");
        double left = anchor.equals("middle") ? x - w / 2 : anchor.equals("end") ? x - w : x;
        return new double[] {left, y - size * 0.8, left + w, y + size * 0.25};
    }

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    static History history(List<History.Episode> episodes) {
        return new History(new History.Patient(LocalDate.of(1960, 1, 1), Subtype.CLASSIC, EnumSet.of(Feature.SKIN, Feature.MUSCLE),
                BASE, 70.0, 170.0), episodes, List.of(), List.of());
    }

    static History.Episode episode(String id, String drug, int start, Integer end, StopReason stop) {
        return episode(id, drug, start, end, stop, 20);
    }

    static History.Episode episode(String id, String drug, int start, Integer end, StopReason stop, double mgPerDay) {
        return new History.Episode(id, drug, Route.ORAL, new History.Dose(mgPerDay, DoseUnit.MG_PER_DAY), BASE.plusDays(start),
                end == null ? null : BASE.plusDays(end), List.of(), ResponseCategory.NOT_ASSESSED, stop, null);
    }

    @Provide
    Arbitrary<History> histories() {
        Arbitrary<History.Episode> episode = Combinators.combine(Arbitraries.of(CODES), Arbitraries.integers().between(0, 10900),
                Arbitraries.integers().between(0, 900).injectNull(0.2), Arbitraries.of(StopReason.values()).injectNull(0.4),
                Arbitraries.doubles().between(1, 120), Arbitraries.integers().between(1, 12).injectNull(0.7))
                .as((drug, start, length, stop, dose, courses) -> new History.Episode("x", drug, Route.ORAL,
                        new History.Dose(dose, DoseUnit.MG_PER_DAY), BASE.plusDays(start),
                        length == null ? null : BASE.plusDays(start + length), List.of(),
                        ResponseCategory.NOT_ASSESSED, length == null ? null : stop, courses));
        Arbitrary<List<History.Episode>> episodes = episode.list().ofMaxSize(80).map(list -> {
            List<History.Episode> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                History.Episode e = list.get(i);
                out.add(new History.Episode("e" + i, e.drug(), e.route(), e.dose(), e.start(), e.end(), e.doseChanges(),
                        e.response(), e.stopReason(), e.courses()));
            }
            return out;
        });
        Arbitrary<List<History.Event>> events = Combinators.combine(Arbitraries.integers().between(0, 10900),
                Arbitraries.of(EventType.values())).as((d, t) -> new History.Event(BASE.plusDays(d), t, DiseaseDomain.GLOBAL, null))
                .list().ofMaxSize(10);
        Arbitrary<List<History.Observation>> observations = Combinators.combine(Arbitraries.integers().between(0, 10900),
                Arbitraries.of(ObservationType.CK_U_PER_L, ObservationType.MMT8), Arbitraries.doubles().between(1, 20000))
                .as((d, t, v) -> new History.Observation(BASE.plusDays(d), t, v)).list().ofMaxSize(10);
        return Combinators.combine(episodes, events, observations).as((e, v, o) -> new History(
                new History.Patient(LocalDate.of(1960, 1, 1), Subtype.CLASSIC, EnumSet.of(Feature.SKIN), BASE, 70.0, 170.0),
                e, o, v));
    }
}
