package dev.lessonbook.booking;

import dev.lessonbook.availability.AvailabilityStore;
import dev.lessonbook.availability.DaySlots;
import dev.lessonbook.booking.rules.DurationIsOffered;
import dev.lessonbook.booking.rules.EndsByMidnight;
import dev.lessonbook.booking.rules.LocalTimeExists;
import dev.lessonbook.booking.rules.LocationIsOffered;
import dev.lessonbook.booking.rules.NoticeIsSufficient;
import dev.lessonbook.booking.rules.PaymentMethodGiven;
import dev.lessonbook.booking.rules.PriceIsChargeable;
import dev.lessonbook.booking.rules.SlotsAreOpen;
import dev.lessonbook.booking.rules.StartsOnQuarterHour;
import dev.lessonbook.booking.rules.WithinBookingHorizon;
import dev.lessonbook.calendar.Occupancy;
import dev.lessonbook.money.Money;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import dev.lessonbook.problem.Result;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.LessonPrice;
import dev.lessonbook.profile.LessonService;
import dev.lessonbook.profile.ProfileStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The booking rules of docs/spec.md §5 that the application checks, in the spec's order; the first
 * failure answers. Steps 2–4 need only the profile ({@link #propose}); steps 5, 6 and 8 need the
 * stored day and the clock ({@link #checkBookable}). Step 7, conflicts, is the database's: a
 * check here could only ever be stale.
 *
 * <p>Step 8 (payment method) is checked before the reservation, so before step 7: otherwise a
 * request without a card would first take the slot and then have to give it back.
 */
public final class BookingRules {
    private static final List<RequestRule> REQUEST_RULES = List.of(
            new LocationIsOffered(),
            new DurationIsOffered(),
            new StartsOnQuarterHour(),
            new EndsByMidnight(),
            new LocalTimeExists(),
            new PriceIsChargeable());

    private static final List<SlotRule> SLOT_RULES = List.of(
            new SlotsAreOpen(),
            new NoticeIsSufficient(),
            new WithinBookingHorizon(),
            new PaymentMethodGiven());

    private BookingRules() {}

    /** Steps 2–4, then the lesson placed in time with its price and occupancy. */
    public static Result<ProposedLesson> propose(BookingRequest request, InstructorProfile profile) {
        Optional<LessonService> service = profile.service(request.serviceId()).filter(LessonService::active);
        if (service.isEmpty()) {
            return Result.rejected(ProblemCode.NOT_FOUND,
                    "Instructor " + profile.instructorId() + " offers no active service " + request.serviceId());
        }
        RequestedLesson lesson = new RequestedLesson(request, profile, service.get());
        Optional<Rejection> broken = REQUEST_RULES.stream().map(rule -> rule.check(lesson)).flatMap(Optional::stream).findFirst();
        return broken.<Result<ProposedLesson>>map(Result::rejected).orElseGet(() -> Result.ok(place(lesson)));
    }

    /**
     * Steps 2–6 and 8 for {@code request} at {@code now}: the instructor's profile and its rules,
     * then the stored day of the lesson's date and its rules. Two reads: the profile, the day.
     */
    public static Result<ProposedLesson> judge(BookingRequest request, ProfileStore profiles, AvailabilityStore weeks,
            Instant now) {
        return judge(request, profiles.require(request.instructorId()), weeks, now);
    }

    /** As {@link #judge(BookingRequest, ProfileStore, AvailabilityStore, Instant)}, the profile read already. */
    public static Result<ProposedLesson> judge(BookingRequest request, Result<InstructorProfile> instructorProfile,
            AvailabilityStore weeks, Instant now) {
        return instructorProfile
                .flatMap(profile -> propose(request, profile))
                .flatMap(lesson -> checkBookable(lesson, weeks.findDay(request.instructorId(), request.date()), now)
                        .<Result<ProposedLesson>>map(Result::rejected)
                        .orElseGet(() -> Result.ok(lesson)));
    }

    /** Steps 5, 6 and 8 against the stored day of the lesson's local date. */
    public static Optional<Rejection> checkBookable(ProposedLesson lesson, DaySlots day, Instant now) {
        return SLOT_RULES.stream().map(rule -> rule.check(lesson, day, now)).flatMap(Optional::stream).findFirst();
    }

    private static ProposedLesson place(RequestedLesson lesson) {
        BookingRequest request = lesson.request();
        // ofLocal with no preferred offset takes the earlier offset of an ambiguous (fall-back)
        // time; gaps never get here (LocalTimeExists).
        Instant startsAt = ZonedDateTime.ofLocal(lesson.localStart(), lesson.profile().timezone(), null).toInstant();
        Instant endsAt = startsAt.plus(Duration.ofMinutes(request.durationMinutes()));
        return new ProposedLesson(
                request,
                lesson.service(),
                lesson.profile().timezone(),
                lesson.endMinute(),
                startsAt,
                endsAt,
                // PriceIsChargeable has passed: the price exists.
                new Money(LessonPrice.of(lesson.service(), request.locationType(), request.durationMinutes()).orElseThrow(),
                        lesson.service().currency()),
                Occupancy.forLesson(startsAt, endsAt, lesson.profile().bufferFor(request.locationType())),
                lesson.profile().bookingLimits(),
                lesson.profile().email());
    }
}
