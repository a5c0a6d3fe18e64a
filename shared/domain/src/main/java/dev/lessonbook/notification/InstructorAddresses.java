package dev.lessonbook.notification;

import java.util.Optional;

/**
 * Port: an instructor's address as their profile holds it now — asked only for a booking that kept
 * none (one made before addresses were kept with bookings: docs/decisions.md "Real recipients").
 */
@FunctionalInterface
public interface InstructorAddresses {

    Optional<String> addressOf(String instructorId);
}
