package dev.lessonbook.event;

/** Every state change emits exactly one of these (docs/spec.md §8). */
public enum EventType {
    AvailabilityWeekSaved,
    BookingConfirmed,
    BookingCancelled,
    BookingCompleted,
    BookingPaymentFailed
}
