package dev.lessonbook.profile;

import dev.lessonbook.contact.EmailAddresses;
import dev.lessonbook.problem.Rejection;
import dev.lessonbook.problem.Rejection.FieldError;
import dev.lessonbook.problem.Result;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a stored profile must satisfy (docs/spec.md §2, §5.3, §5.4, §9), and the defaults it gets. Every
 * broken field is reported at once, each with its path in the request body
 * ({@code services[0].durationOptions[1]}), so a person can fix them all in one go.
 */
public final class ProfileRules {
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    public static final String DEFAULT_CURRENCY = "usd";
    public static final int MAX_DURATION_MINUTES = 240;
    /**
     * Longest buffer on either side. The spec sets none; this is the longest on the grid with which
     * the longest lesson can still be rescheduled in one transaction of at most 100 items
     * (booking.RescheduleWrites, docs/decisions.md "Reschedule in one transaction").
     */
    public static final int MAX_BUFFER_MINUTES = 90;
    public static final int MAX_NAME_LENGTH = 200;
    /** Longest minimum notice: 30 days. Beyond that an instructor is not taking bookings, which time off says better. */
    public static final int MAX_NOTICE_MINUTES = 30 * 24 * 60;
    /** Furthest booking horizon: two years, which no calendar we know of exceeds. */
    public static final int MAX_ADVANCE_DAYS = 730;
    /** Most lessons a day can hold: 96 quarter hours, the shortest lesson. */
    public static final int MAX_LESSONS_PER_DAY = 24 * 60 / 15;
    private static final int GRID_MINUTES = 15;
    private static final Pattern CURRENCY = Pattern.compile("[a-z]{3}");

    private ProfileRules() {}

    /** The profile with its defaults filled in (every location's buffer, currency), or what is wrong with it. */
    public static Result<InstructorProfile> validate(InstructorProfile profile) {
        List<FieldError> errors = new ArrayList<>();
        if (profile.instructorId() == null || !ID.matcher(profile.instructorId()).matches()) {
            errors.add(new FieldError("instructorId", "must be 1–64 characters of A-Z, a-z, 0-9, _ or -"));
        }
        if (profile.email() != null && !EmailAddresses.isValid(profile.email())) {
            errors.add(new FieldError("email", EmailAddresses.RULE));
        }
        if (profile.timezone() == null) {
            errors.add(new FieldError("timezone", "is required (an IANA zone such as Europe/Berlin)"));
        }
        Map<LocationType, Buffer> buffers = new EnumMap<>(LocationType.class);
        for (LocationType type : LocationType.values()) {
            Buffer buffer = profile.bufferFor(type);
            checkBuffer(buffer.beforeMinutes(), "buffers." + type.wireName() + ".before", errors);
            checkBuffer(buffer.afterMinutes(), "buffers." + type.wireName() + ".after", errors);
            buffers.put(type, buffer);
        }
        BookingLimits limits = checkBookingLimits(profile.bookingLimits(), errors);
        List<LessonService> services = new ArrayList<>();
        Set<String> serviceIds = new HashSet<>();
        for (int index = 0; index < profile.services().size(); index++) {
            LessonService service = profile.services().get(index);
            String path = "services[" + index + "]";
            if (service.id() != null && !serviceIds.add(service.id())) {
                errors.add(new FieldError(path + ".id", "duplicates the id of another service"));
            }
            services.add(checkService(service, path, errors));
        }
        if (!errors.isEmpty()) {
            return Result.rejected(Rejection.validation(errors));
        }
        return Result.ok(new InstructorProfile(profile.instructorId(), profile.timezone(), buffers, services, limits,
                profile.email()));
    }

    /**
     * Every rate is an amount one payment can hold, and so is the price of the service's longest
     * (valid) duration at that rate: a lesson the profile offers must be one a student can pay.
     * Reported in a fixed order (the enum's), whatever order the map iterates in.
     */
    private static void checkRates(LessonService service, String currency, Set<Integer> validDurations, String path,
            List<FieldError> errors) {
        long largest = LessonPrice.maxAmount(currency);
        int longest = validDurations.stream().mapToInt(Integer::intValue).max().orElse(0);
        for (LocationType type : LocationType.values()) {
            Long rate = service.hourlyRates().get(type);
            String ratePath = path + ".rates." + type.wireName();
            if (rate == null) {
                continue;
            }
            if (rate < 0 || rate > largest) {
                errors.add(new FieldError(ratePath,
                        "must be an hourly rate from 0 to " + largest + " in the currency's smallest unit (cents)"));
            } else if (LessonPrice.of(rate, longest, currency).isEmpty()) {
                errors.add(new FieldError(ratePath, "at this rate a " + longest + "-minute lesson would cost more than "
                        + largest + ", the most one payment can be; lower the rate or the longest duration"));
            }
        }
    }

    /** docs/spec.md §2 {@code bookingRules}; the result spells out every location type's notice. */
    private static BookingLimits checkBookingLimits(BookingLimits limits, List<FieldError> errors) {
        for (LocationType type : LocationType.values()) {
            int minutes = limits.noticeMinutesFor(type);
            if (minutes < 0 || minutes > MAX_NOTICE_MINUTES) {
                errors.add(new FieldError("bookingRules.minimumNoticeMinutes." + type.wireName(),
                        "must be a whole number of minutes from 0 to " + MAX_NOTICE_MINUTES + " (30 days)"));
            }
        }
        if (limits.maxAdvanceDays() < 0 || limits.maxAdvanceDays() > MAX_ADVANCE_DAYS) {
            errors.add(new FieldError("bookingRules.maxAdvanceDays",
                    "must be a whole number of days from 0 (today only) to " + MAX_ADVANCE_DAYS));
        }
        limits.maxLessonsPerDay().ifPresent(max -> {
            if (max < 1 || max > MAX_LESSONS_PER_DAY) {
                errors.add(new FieldError("bookingRules.maxLessonsPerDay",
                        "must be from 1 to " + MAX_LESSONS_PER_DAY + ", or null for no limit"));
            }
        });
        return limits.withEveryNotice();
    }

    private static void checkBuffer(int minutes, String path, List<FieldError> errors) {
        if (minutes < 0 || minutes > MAX_BUFFER_MINUTES || minutes % GRID_MINUTES != 0) {
            errors.add(new FieldError(path, "must be a multiple of 15 minutes from 0 to " + MAX_BUFFER_MINUTES));
        }
    }

    private static LessonService checkService(LessonService service, String path, List<FieldError> errors) {
        if (service.id() == null || !ID.matcher(service.id()).matches()) {
            errors.add(new FieldError(path + ".id", "must be 1–64 characters of A-Z, a-z, 0-9, _ or -"));
        }
        // Characters as the API counts them (code points): an emoji is one, not two.
        if (service.name() == null || service.name().isBlank()
                || service.name().codePointCount(0, service.name().length()) > MAX_NAME_LENGTH) {
            errors.add(new FieldError(path + ".name", "must be 1–" + MAX_NAME_LENGTH + " characters"));
        }
        if (service.durationOptions().isEmpty()) {
            errors.add(new FieldError(path + ".durationOptions", "must list at least one duration"));
        }
        Set<Integer> durations = new HashSet<>();
        for (int index = 0; index < service.durationOptions().size(); index++) {
            int minutes = service.durationOptions().get(index);
            String durationPath = path + ".durationOptions[" + index + "]";
            if (minutes <= 0 || minutes > MAX_DURATION_MINUTES || minutes % GRID_MINUTES != 0) {
                errors.add(new FieldError(durationPath, "must be a multiple of 15 minutes from 15 to " + MAX_DURATION_MINUTES));
            } else if (!durations.add(minutes)) {
                errors.add(new FieldError(durationPath, "is listed twice"));
            }
        }
        if (service.hourlyRates().isEmpty()) {
            errors.add(new FieldError(path + ".rates", "must offer at least one location type (online, instructor_location, student_location)"));
        }
        String currency = service.currency() == null ? DEFAULT_CURRENCY : service.currency();
        checkRates(service, currency, durations, path, errors);
        if (!CURRENCY.matcher(currency).matches()) {
            errors.add(new FieldError(path + ".currency", "must be a 3-letter lower-case ISO 4217 code such as usd"));
        }
        return new LessonService(service.id(), service.name(), service.durationOptions(), service.hourlyRates(),
                currency, service.active());
    }
}
