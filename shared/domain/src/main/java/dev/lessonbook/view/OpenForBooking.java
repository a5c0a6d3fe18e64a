package dev.lessonbook.view;

import dev.lessonbook.availability.DaySlots;
import dev.lessonbook.availability.WeekAvailability;
import dev.lessonbook.calendar.CalendarDay;
import dev.lessonbook.profile.BookingLimits;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.LessonService;
import dev.lessonbook.profile.LocationType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;

/**
 * The instructor's booking rules (docs/spec.md §4.10, §5.6) applied to a bookable week at the
 * moment it is read: slots starting sooner than the notice allows, dates beyond the horizon and
 * dates at the daily limit or taken off are closed. Notice and horizon change with the clock alone, minute by
 * minute, the limit with a profile save that announces nothing, and days off and counts are read
 * from the calendar days the booking transactions condition on, so they are applied after the
 * shared cache rather than stored in it; the cached part changes only with writes it is told of.
 *
 * <p>The view is not per location type, so it uses the shortest notice among the location types
 * the instructor's active services offer: a slot it shows can be booked by some lesson, and a
 * longer notice of another location type still answers {@code INSUFFICIENT_NOTICE} on booking.
 */
public final class OpenForBooking {
    private OpenForBooking() {}

    /**
     * {@code bookable} closed by the profile's rules at {@code now}; {@code days} are the week's
     * calendar days (those missing hold nothing), of which a date at the daily limit is closed.
     */
    public static WeekAvailability at(WeekAvailability bookable, InstructorProfile profile, Map<LocalDate, CalendarDay> days,
            Instant now) {
        ZoneId zone = profile.timezone();
        BookingLimits limits = profile.bookingLimits();
        LocalDate lastDate = limits.lastBookableDate(now, zone);
        Instant earliestStart = now.plus(shortestNotice(profile));
        LocalDate earliestDate = LocalDate.ofInstant(earliestStart, zone);
        Map<LocalDate, DaySlots> open = new HashMap<>();
        bookable.days().forEach((date, slots) -> {
            if (date.isAfter(lastDate) || date.isBefore(earliestDate) || closed(limits, days.get(date))) {
                return;
            }
            open.put(date, date.equals(earliestDate) ? slots.minus(startingBefore(earliestStart, date, zone)) : slots);
        });
        return new WeekAvailability(bookable.instructorId(), bookable.weekStart(), open);
    }

    /** A day off, or a day already holding the daily limit. */
    private static boolean closed(BookingLimits limits, CalendarDay day) {
        return day != null && (day.isOff()
                || limits.maxLessonsPerDay().isPresent() && day.lessons() >= limits.maxLessonsPerDay().getAsInt());
    }

    /** Shortest notice over the location types offered by active services (all three when none is). */
    static Duration shortestNotice(InstructorProfile profile) {
        BookingLimits limits = profile.bookingLimits();
        return profile.services().stream()
                .filter(LessonService::active)
                .flatMap(service -> service.hourlyRates().keySet().stream())
                .distinct()
                .map(limits::minimumNotice)
                .min(Duration::compareTo)
                .orElseGet(() -> java.util.Arrays.stream(LocationType.values()).map(limits::minimumNotice)
                        .min(Duration::compareTo).orElseThrow());
    }

    /**
     * The slots of {@code date} whose start lies before {@code earliest}, placed as a booking places
     * its start (a skipped time moves forward, a repeated one takes the earlier offset). Those
     * instants never decrease through the day, so the slots are a prefix of it.
     */
    private static DaySlots startingBefore(Instant earliest, LocalDate date, ZoneId zone) {
        int minute = 0;
        while (minute < 24 * 60
                && ZonedDateTime.ofLocal(date.atStartOfDay().plusMinutes(minute), zone, null).toInstant().isBefore(earliest)) {
            minute += DaySlots.SLOT_MINUTES;
        }
        return minute == 0 ? DaySlots.empty() : DaySlots.empty().open(0, minute);
    }
}
