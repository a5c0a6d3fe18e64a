package dev.lessonbook.availability;

import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Permissions.Editor;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * PUT /v1/instructors/{instructorId}/availability/weeks/{weekStart}, parsed, by a caller allowed to
 * change that instructor's availability ({@link dev.lessonbook.access.Permissions#toChangeAvailability}).
 */
public record SaveWeekCommand(
        Editor editor,
        LocalDate weekStart,
        List<WindowOnDate> windows,
        boolean clearExisting,
        Optional<String> ifMatch) {

    public SaveWeekCommand {
        windows = List.copyOf(windows);
    }

    public Caller caller() {
        return editor.caller();
    }

    public String instructorId() {
        return editor.instructorId();
    }
}
