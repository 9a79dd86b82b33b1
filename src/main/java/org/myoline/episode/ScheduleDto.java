package org.myoline.episode;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.myoline.engine.model.History;

@Schema(name = "Schedule", description = "The intended regimen: courses or doses every interval, how many, each course "
        + "over consecutive days, or a fixed dose a number of times a week. Examples: rituximab 375 mg/m² weekly × 4 is "
        + "{interval: 1 wk, count: 4}; 1 g twice two weeks apart is {interval: 2 wk, count: 2}; IVIg 0.4 g/kg/d for 5 "
        + "days every 4 weeks is {interval: 4 wk, daysPerCourse: 5}; 10 mg three times a week is {timesPerWeek: 3}.")
public record ScheduleDto(
        @Valid @Schema(description = "Time from one course (or dose) to the next", nullable = true) Interval interval,
        @Min(1) @Max(1000) @Schema(description = "Courses or doses planned", example = "4", minimum = "1", maximum = "1000",
                nullable = true) Integer count,
        @Min(1) @Max(14) @Schema(description = "Consecutive days of one course, for a daily rate (g/kg/d, mg/m2/d)",
                example = "5", minimum = "1", maximum = "14", nullable = true) Integer daysPerCourse,
        @Min(1) @Max(21) @Schema(description = "Times a week a fixed dose is given (mg, g, mg/kg…)", example = "3",
                minimum = "1", maximum = "21", nullable = true) Integer timesPerWeek) {

    @Schema(name = "ScheduleInterval", description = "An interval: a number of days, weeks or months (a month is 30 days)")
    public record Interval(
            @NotNull @Min(1) @Max(365) @Schema(description = "How many", example = "4", minimum = "1", maximum = "365",
                    required = true) Integer value,
            @NotNull @Pattern(regexp = "d|wk|mo", message = "must be d, wk or mo")
            @Schema(description = "UCUM unit of time", enumeration = {"d", "wk", "mo"}, example = "wk", required = true)
            String unit) {

        int days() {
            return value * switch (unit) {
                case "wk" -> 7;
                case "mo" -> 30;
                default -> 1;
            };
        }
    }

    boolean empty() {
        return interval == null && count == null && daysPerCourse == null && timesPerWeek == null;
    }

    EpisodeSchedule toEntity() {
        EpisodeSchedule s = new EpisodeSchedule();
        s.intervalValue = interval == null ? null : interval.value();
        s.intervalUnit = interval == null ? null : interval.unit();
        s.count = count;
        s.daysPerCourse = daysPerCourse;
        s.timesPerWeek = timesPerWeek;
        return s;
    }

    static ScheduleDto of(EpisodeSchedule s) {
        if (s == null || (s.intervalValue == null && s.count == null && s.daysPerCourse == null && s.timesPerWeek == null)) {
            return null;
        }
        return new ScheduleDto(s.intervalValue == null ? null : new Interval(s.intervalValue, s.intervalUnit), s.count,
                s.daysPerCourse, s.timesPerWeek);
    }

    /** The engine's view: the interval in days. */
    public static History.Schedule engine(Integer intervalValue, String intervalUnit, Integer count, Integer daysPerCourse,
            Integer timesPerWeek) {
        if (intervalValue == null && count == null && daysPerCourse == null && timesPerWeek == null) {
            return null;
        }
        return new History.Schedule(intervalValue == null ? null : new Interval(intervalValue, intervalUnit).days(), count,
                daysPerCourse, timesPerWeek);
    }
}
