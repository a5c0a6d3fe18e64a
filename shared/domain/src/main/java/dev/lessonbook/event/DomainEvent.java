package dev.lessonbook.event;

import java.time.Instant;
import java.util.UUID;

/**
 * A state change (docs/spec.md §8), recorded in the same transaction as the change (outbox) and
 * then fanned out to the queues. One record per event; each carries everything its consumers
 * need as domain types — the saved week, or the booking as it now is — so no consumer reads back
 * the item that changed.
 *
 * <p>A record's simple name is its type on the wire ({@code AvailabilityWeekSaved},
 * {@code BookingConfirmed}, …): messages and outbox items in flight carry it, so a record is never
 * renamed. A new event is a new record listed here; the compiler then names every consumer whose
 * switch must decide what the event means to it.
 */
public sealed interface DomainEvent permits AvailabilityWeekSaved, BookingEvent {

    String eventId();

    Instant occurredAt();

    /** Whose views and whose bookings the event concerns. */
    String instructorId();

    /** The event's type as messages name it: the record's simple name. */
    default String type() {
        return getClass().getSimpleName();
    }

    /** A fresh random event id; call it when the change happens, never at class init. */
    static String newId() {
        return UUID.randomUUID().toString();
    }
}
