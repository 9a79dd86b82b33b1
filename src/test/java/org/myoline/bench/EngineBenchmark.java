package org.myoline.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.myoline.rules.EngineFactory;
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
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The engine alone: timeline and assessment of one history of 10 to 10,000 episodes (bench/run.sh runs it). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EngineBenchmark {

    @Param({"10", "100", "1000", "10000"})
    public int episodes;

    private ClinicalEngine engine;
    private History history;
    private LocalDate today;

    @Setup
    public void setUp() {
        engine = EngineFactory.createDefault();
        history = history(episodes, new Random(42));
        today = LocalDate.of(2026, 11, 1);
    }

    @Benchmark
    public ClinicalEngine.Evaluation timelineAndAssessment() {
        return engine.evaluate(history, today, today);
    }

    /** A long, mixed history: tapers, csDMARD switches, monthly IVIg courses, weights and flares. */
    static History history(int count, Random rng) {
        String[] drugs = {"methotrexate", "azathioprine", "mycophenolate", "ciclosporin", "ivig", "ivig", "ivig", "rituximab",
                "hydroxychloroquine", "prednisolone", "prednisolone", "methylprednisolone"};
        List<History.Episode> episodes = new ArrayList<>();
        List<History.Observation> observations = new ArrayList<>();
        List<History.Event> events = new ArrayList<>();
        // Spread the history over 1900–2025 so that all of it lies before the evaluation date.
        int step = Math.max(2, 45_000 / Math.max(1, count));
        LocalDate day = LocalDate.of(1900, 1, 1);
        for (int i = 0; i < count; i++) {
            String drug = drugs[rng.nextInt(drugs.length)];
            boolean pulse = drug.equals("methylprednisolone");
            LocalDate end = i >= count - 3 ? null : day.plusDays(pulse ? 2 : 20 + rng.nextInt(Math.max(20, 8 * step)));
            List<History.DoseStep> changes = new ArrayList<>();
            if (drug.equals("prednisolone") && end != null) {
                changes.add(new History.DoseStep(day.plusDays(10), new History.Dose(30, DoseUnit.MG_PER_DAY)));
            }
            History.Dose dose = switch (drug) {
                case "ivig" -> new History.Dose(2, DoseUnit.G_PER_KG);
                case "rituximab" -> new History.Dose(1000, DoseUnit.MG);
                case "methotrexate" -> new History.Dose(15, DoseUnit.MG_PER_WEEK);
                case "methylprednisolone" -> new History.Dose(1000, DoseUnit.MG_PER_DAY);
                default -> new History.Dose(rng.nextInt(100) + 20, DoseUnit.MG_PER_DAY);
            };
            episodes.add(new History.Episode("e" + i, drug, pulse || drug.equals("ivig") || drug.equals("rituximab") ? Route.IV
                    : Route.ORAL, dose, day, end, changes, ResponseCategory.values()[rng.nextInt(4)],
                    end == null ? null : StopReason.values()[rng.nextInt(6)], drug.equals("ivig") ? 1 : null));
            if (i % 10 == 0) {
                observations.add(new History.Observation(day, ObservationType.WEIGHT_KG, 60 + rng.nextInt(20)));
            }
            if (i % 25 == 0) {
                events.add(new History.Event(day.plusDays(5), EventType.FLARE, DiseaseDomain.SKIN, null));
            }
            day = day.plusDays(1 + rng.nextInt(step));
        }
        return new History(new History.Patient(LocalDate.of(1880, 1, 1), Subtype.CLASSIC, Set.of(Feature.SKIN, Feature.MUSCLE),
                LocalDate.of(1900, 1, 1), 70.0, 170.0), episodes, observations, events);
    }
}
