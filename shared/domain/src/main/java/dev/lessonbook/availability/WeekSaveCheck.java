package dev.lessonbook.availability;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * What the week rules judge: the command, and "today" as the instructor sees it — past dates are
 * judged by the instructor's wall clock, not the server's.
 */
public record WeekSaveCheck(SaveWeekCommand command, ZoneId timezone, LocalDate localToday) {

    public LocalDate weekEnd() {
        return command.weekStart().plusDays(6);
    }
}
