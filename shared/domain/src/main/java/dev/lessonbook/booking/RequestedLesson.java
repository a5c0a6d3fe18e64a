package dev.lessonbook.booking;

import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.LessonService;
import java.time.LocalDateTime;

/** A booking request next to the active service it names: what the request rules (docs/spec.md §5.2–4) judge. */
public record RequestedLesson(BookingRequest request, InstructorProfile profile, LessonService service) {

    public int endMinute() {
        return request.startMinute() + request.durationMinutes();
    }

    /** The local start; only meaningful once the start is known to lie within the day. */
    public LocalDateTime localStart() {
        return request.date().atStartOfDay().plusMinutes(request.startMinute());
    }
}
