package dev.lessonbook.booking;

import dev.lessonbook.profile.LessonService;
import dev.lessonbook.profile.LocationType;

/** docs/spec.md §5.8: the hourly rate of the location type, pro rata, in cents, rounded half-up. */
public final class LessonPrice {
    private static final long MINUTES_PER_HOUR = 60;

    private LessonPrice() {}

    public static Money of(LessonService service, LocationType locationType, int minutes) {
        long hourlyRate = service.hourlyRates().get(locationType);
        // Exact integer arithmetic: adding half the divisor before dividing rounds half-up for
        // non-negative amounts, with no floating point in money.
        long amount = (Math.multiplyExact(hourlyRate, minutes) + MINUTES_PER_HOUR / 2) / MINUTES_PER_HOUR;
        return new Money(amount, service.currency());
    }
}
