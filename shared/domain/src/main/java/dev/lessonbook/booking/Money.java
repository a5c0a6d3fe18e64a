package dev.lessonbook.booking;

/** An amount in the currency's minor unit (cents). */
public record Money(long amount, String currency) {}
