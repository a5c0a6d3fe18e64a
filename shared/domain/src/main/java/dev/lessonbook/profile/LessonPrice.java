package dev.lessonbook.profile;

import java.util.OptionalLong;

/**
 * docs/spec.md §5.8: the hourly rate of the location type, pro rata, in the currency's smallest unit
 * (cents), rounded half-up — and the most a lesson may cost.
 *
 * <p>A lesson is paid with one Stripe charge, and Stripe's API takes at most eight digits for an
 * amount ("a value of 99999999 for a USD charge of $999,999.99"), whatever the currency: for a
 * zero-decimal currency such as JPY the smallest unit is the yen itself, so its limit is
 * ¥99,999,999. A price above that could never be authorized, so it is no price at all: rates
 * are bounded where a profile is saved and prices where a lesson is booked, both against
 * {@link #maxAmount}. Should Stripe document a larger limit for a currency we need, it is one
 * line there.
 */
public final class LessonPrice {
    /** The largest amount of one Stripe charge, in the currency's smallest unit. */
    public static final long MAX_AMOUNT = 99_999_999L;
    private static final long MINUTES_PER_HOUR = 60;

    private LessonPrice() {}

    /** The most one lesson may cost in {@code currency} (null: the default currency). */
    public static long maxAmount(String currency) {
        return MAX_AMOUNT;
    }

    /**
     * The price of {@code minutes} at {@code hourlyRate}, or empty when it is more than
     * {@link #maxAmount} of the currency. Defined for every non-negative rate and duration — a
     * profile stored before rates were bounded may hold any rate up to the largest long — and it
     * cannot overflow: the product is only formed once it is known to fit.
     */
    public static OptionalLong of(long hourlyRate, int minutes, String currency) {
        if (hourlyRate < 0 || minutes < 0) {
            throw new IllegalArgumentException("rate and minutes must not be negative: " + hourlyRate + ", " + minutes);
        }
        // rate × minutes / 60, rounded half up, is at most the limit exactly when
        // rate × minutes ≤ 60 × limit + 29, a bound far inside the range of a long.
        long largestProduct = MINUTES_PER_HOUR * maxAmount(currency) + MINUTES_PER_HOUR / 2 - 1;
        if (minutes != 0 && hourlyRate > largestProduct / minutes) {
            return OptionalLong.empty();
        }
        // Exact integer arithmetic: adding half the divisor before dividing rounds half-up for
        // non-negative amounts, with no floating point in money.
        return OptionalLong.of((Math.multiplyExact(hourlyRate, minutes) + MINUTES_PER_HOUR / 2) / MINUTES_PER_HOUR);
    }

    /** The price of a lesson of the service at a location type it offers (has a rate for). */
    public static OptionalLong of(LessonService service, LocationType locationType, int minutes) {
        Long hourlyRate = service.hourlyRates().get(locationType);
        if (hourlyRate == null) {
            throw new IllegalArgumentException(service.id() + " is not offered at " + locationType.wireName());
        }
        return of(hourlyRate, minutes, service.currency());
    }
}
