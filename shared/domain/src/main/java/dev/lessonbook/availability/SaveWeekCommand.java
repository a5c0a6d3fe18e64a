package dev.lessonbook.availability;

import dev.lessonbook.access.Caller;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** PUT /v1/instructors/{instructorId}/availability/weeks/{weekStart}, parsed. */
public record SaveWeekCommand(
        Caller caller,
        String instructorId,
        LocalDate weekStart,
        List<WindowOnDate> windows,
        boolean clearExisting,
        Optional<String> ifMatch) {

    public SaveWeekCommand {
        windows = List.copyOf(windows);
    }
}
