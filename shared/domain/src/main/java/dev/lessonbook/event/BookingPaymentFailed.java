package dev.lessonbook.event;

import java.time.Instant;

/**
 * The card could not be charged, when booking or at the scheduled authorization 24 h before the
 * lesson: the booking holds no time. {@code booking().confirmedAt()} says whether it had been
 * confirmed (and its instructor told) before.
 */
public record BookingPaymentFailed(String eventId, Instant occurredAt, BookingSnapshot booking) implements BookingEvent {}
