package dev.lessonbook.event;

import dev.lessonbook.access.Role;
import java.time.Instant;

/**
 * A booking moved to another time, by its student, its instructor or an admin: {@code booking} as
 * it is now, {@code previous} as it was right before (its old time and occupancy). Consumers need
 * both: the views of the old and the new weeks are stale, and both parties are told both times.
 */
public record BookingRescheduled(
        String eventId,
        Instant occurredAt,
        BookingSnapshot booking,
        BookingSnapshot previous,
        Role rescheduledBy) implements BookingEvent {}
