package org.myoline.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.myoline.engine.model.DoseUnit;
import org.myoline.engine.model.History;
import org.myoline.engine.model.ObservationType;
import org.myoline.engine.timeline.BodySize;
import org.myoline.engine.timeline.DoseMath;

/** Every unit the record accepts, converted explicitly; 70 kg and 170 cm give a body surface of 1.817 m². */
class DoseConversionTest {
    private static final LocalDate DAY = LocalDate.of(2024, 1, 1);
    private static final BodySize BODY = new BodySize(new History(new History.Patient(LocalDate.of(1970, 1, 1), null, null,
            null, null, null), List.of(), List.of(new History.Observation(DAY, ObservationType.WEIGHT_KG, 70),
                    new History.Observation(DAY, ObservationType.HEIGHT_CM, 170)), List.of()));
    private static final double BSA = Math.sqrt(70 * 170 / 3600.0);

    static Stream<Arguments> conversions() {
        return Stream.of(
                Arguments.of("IVIg 0.4 g/kg/d over 5 days is one 2 g/kg course", 0.4, "g/kg/d", schedule(null, null, 5, null), "g/kg", 2.0),
                Arguments.of("IVIg 1 g/kg/d over 2 days is one 2 g/kg course", 1.0, "g/kg/d", schedule(null, null, 2, null), "g/kg", 2.0),
                Arguments.of("IVIg 0.4 g/kg/d at 70 kg is 28 g a day", 0.4, "g/kg/d", null, "mg/d", 28000.0),
                Arguments.of("cyclophosphamide 0.5 g/m² is 500 mg/m²", 0.5, "g/m2", null, "mg/m2", 500.0),
                Arguments.of("cyclophosphamide 0.5 g/m² at 1.817 m² in mg", 0.5, "g/m2", null, "mg", 500.0 * BSA),
                Arguments.of("mg/m²/d to mg/m²/wk", 10.0, "mg/m2/d", null, "mg/m2/wk", 70.0),
                Arguments.of("mg/m²/d to mg/d", 10.0, "mg/m2/d", null, "mg/d", 10.0 * BSA),
                Arguments.of("methylprednisolone 15 mg/kg per course at 70 kg", 15.0, "mg/kg", null, "mg", 1050.0),
                Arguments.of("a fixed 10 mg three times a week is 30 mg/wk", 10.0, "mg", schedule(null, null, null, 3), "mg/wk", 30.0),
                Arguments.of("rituximab 1 g every 14 days is 500 mg/wk", 1.0, "g", schedule(14, 2, null, null), "mg/wk", 500.0),
                Arguments.of("2.5 mg/kg/wk to mg/kg/d", 2.5, "mg/kg/wk", null, "mg/kg/d", 2.5 / 7),
                Arguments.of("plasma exchange: sessions stay sessions", 1.0, "{session}", null, "{session}", 1.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conversions")
    void converts(String name, double value, String from, History.Schedule schedule, String to, double expected) {
        OptionalDouble converted = DoseMath.convert(new History.Dose(value, unit(from)), unit(to), DAY, BODY, schedule);
        assertTrue(converted.isPresent(), name);
        assertEquals(expected, converted.getAsDouble(), 1e-6, name);
    }

    static Stream<Arguments> impossible() {
        return Stream.of(
                Arguments.of("a daily rate to a course needs the days of the course", "g/kg/d", null, "g/kg"),
                Arguments.of("a fixed dose to a weekly rate needs the frequency", "mg", null, "mg/wk"),
                Arguments.of("sessions are not milligrams", "{session}", null, "mg"),
                Arguments.of("milligrams are not sessions", "mg", null, "{session}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("impossible")
    void refusesWhatCannotBeKnown(String name, String from, History.Schedule schedule, String to) {
        assertTrue(DoseMath.convert(new History.Dose(1, unit(from)), unit(to), DAY, BODY, schedule).isEmpty(), name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conversions")
    void everyUnitIsInThePattern(String name, double value, String from, History.Schedule schedule, String to, double e) {
        for (DoseUnit u : DoseUnit.values()) {
            assertTrue(u.ucum().matches(DoseUnit.PATTERN), u.ucum());
            assertTrue(DoseUnit.LIST.contains(u.ucum()), u.ucum());
        }
    }

    @org.junit.jupiter.api.Test
    void aShortSingleCourseGivenAsADailyRateIsItsOwnSchedule() {
        History.Episode ivig = new History.Episode("e", "ivig", null, new History.Dose(0.4, DoseUnit.G_PER_KG_PER_DAY), DAY,
                DAY.plusDays(4), List.of(), null, null, null);
        assertEquals(5, DoseMath.effectiveSchedule(ivig).daysPerCourse());
        assertEquals(2.0, DoseMath.convert(ivig.dose(), DoseUnit.G_PER_KG, DAY, BODY, DoseMath.effectiveSchedule(ivig))
                .getAsDouble(), 1e-9);
    }

    private static History.Schedule schedule(Integer interval, Integer count, Integer days, Integer perWeek) {
        return new History.Schedule(interval, count, days, perWeek);
    }

    private static DoseUnit unit(String ucum) {
        return DoseUnit.fromUcum(ucum).orElseThrow(() -> new AssertionError("no unit " + ucum));
    }
}
