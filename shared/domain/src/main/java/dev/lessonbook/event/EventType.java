package dev.lessonbook.event;

/** Every state change emits exactly one of these (SPEC §8). */
public enum EventType {
    AvailabilityWeekSaved,
    BookingConfirmed,
    BookingCancelled,
    BookingCompleted,
    BookingPaymentFailed
}
