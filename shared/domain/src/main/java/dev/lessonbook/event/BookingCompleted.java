package dev.lessonbook.event;

import java.time.Instant;

/** A lesson took place and its price was captured (or a person will collect it). */
public record BookingCompleted(String eventId, Instant occurredAt, BookingSnapshot booking) implements BookingEvent {}
