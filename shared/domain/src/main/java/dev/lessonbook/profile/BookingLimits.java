package dev.lessonbook.profile;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * An instructor's own booking rules (the profile's {@code bookingRules}, docs/spec.md §2, §5.6):
 * how much notice a lesson needs per location type, how many days ahead it may be booked, and
 * how many lessons a local day may hold. The defaults are the fixed rules Lessonbook had before
 * instructors could set them: an hour's notice, three hours when the instructor travels to the
 * student, 180 days ahead, no daily limit.
 *
 * <p>{@code minimumNoticeMinutes} may lack a location type (a request that left it out); it then
 * takes the default. The horizon counts local dates, not hours: "180 days ahead" is the same
 * calendar day on either side of a DST change.
 */
public record BookingLimits(Map<LocationType, Integer> minimumNoticeMinutes, int maxAdvanceDays, OptionalInt maxLessonsPerDay) {
    public static final int DEFAULT_MAX_ADVANCE_DAYS = 180;
    public static final BookingLimits DEFAULT = new BookingLimits(Map.of(), DEFAULT_MAX_ADVANCE_DAYS, OptionalInt.empty());

    public BookingLimits {
        minimumNoticeMinutes = Map.copyOf(minimumNoticeMinutes);
        Objects.requireNonNull(maxLessonsPerDay, "maxLessonsPerDay: OptionalInt.empty() means no limit");
    }

    /** The default notice (docs/spec.md §5.6): travelling to the student takes longer to plan. */
    public static int defaultNoticeMinutes(LocationType locationType) {
        return switch (locationType) {
            case ONLINE, INSTRUCTOR_LOCATION -> 60;
            case STUDENT_LOCATION -> 180;
        };
    }

    public int noticeMinutesFor(LocationType locationType) {
        return minimumNoticeMinutes.getOrDefault(locationType, defaultNoticeMinutes(locationType));
    }

    public Duration minimumNotice(LocationType locationType) {
        return Duration.ofMinutes(noticeMinutesFor(locationType));
    }

    /** The same limits with every location type's notice spelled out, as stored and shown. */
    public BookingLimits withEveryNotice() {
        Map<LocationType, Integer> every = new EnumMap<>(LocationType.class);
        for (LocationType type : LocationType.values()) {
            every.put(type, noticeMinutesFor(type));
        }
        return new BookingLimits(every, maxAdvanceDays, maxLessonsPerDay);
    }

    /** The last local date a lesson may be booked on, seen at {@code now} in {@code zone}: today + maxAdvanceDays. */
    public LocalDate lastBookableDate(Instant now, ZoneId zone) {
        return LocalDate.ofInstant(now, zone).plusDays(maxAdvanceDays);
    }
}
