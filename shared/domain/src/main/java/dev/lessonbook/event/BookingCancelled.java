package dev.lessonbook.event;

import dev.lessonbook.access.Role;
import dev.lessonbook.money.Money;
import java.time.Instant;

/**
 * A booking was cancelled, at {@code occurredAt}, by its student, its instructor or an admin,
 * and the cancellation policy charged {@code chargePercent} of the price: {@code amountCharged}.
 *
 * @param reason the canceller's words, or null
 */
public record BookingCancelled(
        String eventId,
        Instant occurredAt,
        BookingSnapshot booking,
        Role cancelledBy,
        String reason,
        int chargePercent,
        Money amountCharged) implements BookingEvent {}
