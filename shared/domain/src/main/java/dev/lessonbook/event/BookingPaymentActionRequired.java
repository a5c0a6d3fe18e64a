package dev.lessonbook.event;

import java.time.Instant;

/**
 * The scheduled off-session authorization of a confirmed lesson (24 h before it) was refused
 * because the card's issuer wants its holder to authenticate ({@code authentication_required}):
 * the booking stays CONFIRMED with payment REQUIRES_ACTION, and the student is asked to
 * authenticate on session before the deadline ({@code PAYMENT_AUTHENTICATION_DEADLINE} before the
 * lesson), or the booking is cancelled as PAYMENT_FAILED.
 */
public record BookingPaymentActionRequired(String eventId, Instant occurredAt, BookingSnapshot booking)
        implements BookingEvent {}
