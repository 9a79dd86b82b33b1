package org.myoline.episode;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** The intended regimen of an episode, as stored (see {@link ScheduleDto}). */
@Embeddable
public class EpisodeSchedule {
    @Column(name = "schedule_interval_value")
    public Integer intervalValue;

    @Column(name = "schedule_interval_unit", length = 4)
    public String intervalUnit;

    @Column(name = "schedule_count")
    public Integer count;

    @Column(name = "schedule_days_per_course")
    public Integer daysPerCourse;

    @Column(name = "schedule_times_per_week")
    public Integer timesPerWeek;
}
