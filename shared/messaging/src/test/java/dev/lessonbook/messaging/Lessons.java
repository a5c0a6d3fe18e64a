package dev.lessonbook.messaging;

import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Permissions;
import dev.lessonbook.access.Role;
import dev.lessonbook.availability.SaveWeekCommand;
import dev.lessonbook.availability.SavingWeekAvailability;
import dev.lessonbook.availability.WeekView;
import dev.lessonbook.availability.WindowOnDate;
import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.BookingALesson;
import dev.lessonbook.booking.BookingRequest;
import dev.lessonbook.booking.CancellationPolicy;
import dev.lessonbook.booking.CancellationSettlement;
import dev.lessonbook.booking.CancellingABooking;
import dev.lessonbook.booking.CompletingABooking;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.availability.DynamoAvailabilityStore;
import dev.lessonbook.dynamodb.booking.DynamoBookingStore;
import dev.lessonbook.dynamodb.profile.DynamoProfileStore;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.PaymentGateway;
import dev.lessonbook.payment.PaymentIncidents;
import dev.lessonbook.payment.PaymentOutcome;
import dev.lessonbook.problem.Result;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.LessonService;
import dev.lessonbook.profile.LocationType;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The writes that emit events, made through the real use cases on the real DynamoDB stores of
 * {@code tables} (give it a publishing table to see the events on the queues). Payments go to an
 * in-memory provider that accepts every card but {@link #DECLINED_CARD}: these tests are about
 * what the events cause, the Stripe adapter has its own.
 */
public final class Lessons {
    public static final String DECLINED_CARD = "pm_card_chargeDeclined";
    /** Guitar, 60 minutes online, USD 60.00; no buffers configured, so online's default applies. */
    public static final String SERVICE = "guitar";

    private final Tables tables;
    private final Clock clock;
    private final DynamoProfileStore profiles;
    private final DynamoAvailabilityStore weeks;
    private final DynamoBookingStore bookings;
    /** Where people's addresses are ({@code <id>@<mailDomain>}); null: tokens and profiles carry none. */
    private final String mailDomain;

    public Lessons(Tables tables, Clock clock) {
        this(tables, clock, null);
    }

    private Lessons(Tables tables, Clock clock, String mailDomain) {
        this.tables = tables;
        this.clock = clock;
        this.mailDomain = mailDomain;
        this.profiles = new DynamoProfileStore(tables);
        this.weeks = new DynamoAvailabilityStore(tables);
        this.bookings = new DynamoBookingStore(tables);
    }

    /**
     * The same writes by people with addresses: each student's token carries {@code <id>@<mailDomain>}
     * and each instructor's profile holds {@code <id>@<mailDomain>}.
     */
    public Lessons withAddressesAt(String domain) {
        return new Lessons(tables, clock, domain);
    }

    /** {@code userId}'s address, or null when these lessons' people have none. */
    public String addressOf(String userId) {
        return mailDomain == null ? null : userId + "@" + mailDomain;
    }

    public InstructorProfile instructor(String instructorId, ZoneId zone) {
        InstructorProfile profile = new InstructorProfile(instructorId, zone, Map.of(), List.of(new LessonService(
                SERVICE, "Guitar", List.of(60), Map.of(LocationType.ONLINE, 6000L), "usd", true)), null,
                addressOf(instructorId));
        return profiles.save(profile);
    }

    /** Saves the week of {@code weekStart} open {@code fromMinute}–{@code toMinute} on each of its days not in the past. */
    public WeekView openWeek(String instructorId, LocalDate weekStart, int fromMinute, int toMinute) {
        ZoneId zone = profiles.find(instructorId).orElseThrow().timezone();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        List<WindowOnDate> windows = new ArrayList<>();
        for (int day = 0; day < 7; day++) {
            LocalDate date = weekStart.plusDays(day);
            if (date.isAfter(today)) {
                windows.add(new WindowOnDate(date, fromMinute, toMinute));
            }
        }
        return valueOf(new SavingWeekAvailability(profiles, weeks, clock).save(new SaveWeekCommand(
                Permissions.toChangeAvailability(new Caller(instructorId, Role.INSTRUCTOR), instructorId).orElseThrow(), weekStart, windows, false, Optional.empty())));
    }

    /** A confirmed 60-minute online lesson (or the rejection, e.g. with {@link #DECLINED_CARD}). */
    public Result<Booking> book(String studentId, String instructorId, LocalDate date, int startMinute, String card) {
        return book(new Caller(studentId, Role.STUDENT, addressOf(studentId)), instructorId, date, startMinute, card);
    }

    /** As {@link #book(String, String, LocalDate, int, String)}, by {@code student} with the address their token has. */
    public Result<Booking> book(Caller student, String instructorId, LocalDate date, int startMinute, String card) {
        return new BookingALesson(profiles, weeks, bookings, PAYMENTS, clock).book(new BookingRequest(
                Permissions.toBook(student).orElseThrow(), instructorId, SERVICE, date, startMinute, 60, LocationType.ONLINE,
                card, null, null)).result();
    }

    public Booking book(String studentId, String instructorId, LocalDate date, int startMinute) {
        return valueOf(book(studentId, instructorId, date, startMinute, "pm_card_visa"));
    }

    public Booking cancel(Caller caller, String bookingId) {
        return valueOf(new CancellingABooking(bookings, CancellationPolicy.defaults(),
                new CancellationSettlement(bookings, PAYMENTS, INCIDENTS), clock).cancel(caller, bookingId, null));
    }

    public Booking complete(Caller caller, String bookingId) {
        return valueOf(new CompletingABooking(bookings, PAYMENTS, INCIDENTS, clock).complete(caller, bookingId));
    }

    public Tables tables() {
        return tables;
    }

    public static <T> T valueOf(Result<T> result) {
        if (result instanceof Result.Ok<T> ok) {
            return ok.value();
        }
        throw new AssertionError("Expected a value, got " + result);
    }

    private static final PaymentIncidents INCIDENTS = (bookingId, operation, reason) -> {
        throw new AssertionError("Unexpected manual review of " + bookingId + " " + operation + ": " + reason);
    };

    /** Accepts every card but {@link #DECLINED_CARD}; intent ids follow the booking id. */
    private static final PaymentGateway PAYMENTS = new PaymentGateway() {
        @Override
        public PaymentOutcome authorize(String bookingId, Money amount, String paymentMethodId, String studentId,
                String customerId) {
            return DECLINED_CARD.equals(paymentMethodId) ? new PaymentOutcome.Declined("Your card was declined.")
                    : new PaymentOutcome.Authorized("pi_" + bookingId, amount);
        }

        @Override
        public PaymentOutcome saveCard(String bookingId, String paymentMethodId, String studentId, String customerId) {
            return DECLINED_CARD.equals(paymentMethodId) ? new PaymentOutcome.Declined("Your card was declined.")
                    : new PaymentOutcome.CardSaved("cus_" + studentId, paymentMethodId);
        }

        @Override
        public PaymentOutcome authorizeSaved(String bookingId, Money amount, String customerId, String paymentMethodId) {
            return authorize(bookingId, amount, paymentMethodId, customerId);
        }

        @Override
        public PaymentOutcome authorizeSavedForMove(String bookingId, int move, Money amount, String customerId,
                String paymentMethodId) {
            return authorize(bookingId + "-move-" + move, amount, paymentMethodId, customerId);
        }

        @Override
        public PaymentOutcome releaseReplaced(String bookingId, String paymentIntentId) {
            return new PaymentOutcome.Released(paymentIntentId);
        }

        @Override
        public PaymentOutcome chargeSaved(String bookingId, Money amount, String customerId, String paymentMethodId) {
            return new PaymentOutcome.Captured("pi_" + bookingId, amount);
        }

        @Override
        public PaymentOutcome capture(String bookingId, String paymentIntentId, Money amount) {
            return new PaymentOutcome.Captured(paymentIntentId, amount);
        }

        @Override
        public PaymentOutcome release(String bookingId, String paymentIntentId) {
            return new PaymentOutcome.Released(paymentIntentId);
        }

        @Override
        public PaymentOutcome refund(String bookingId, String paymentIntentId, Money amount) {
            return new PaymentOutcome.Refunded(paymentIntentId, amount);
        }
    };
}
