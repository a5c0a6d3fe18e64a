package dev.lessonbook.event;

import java.time.Instant;

/** A booking was paid for (or needed no payment) and is confirmed. */
public record BookingConfirmed(String eventId, Instant occurredAt, BookingSnapshot booking) implements BookingEvent {}
