package dev.lessonbook.http.booking;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lessonbook.access.Role;
import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.BookingStatus;
import dev.lessonbook.booking.Cancellation;
import dev.lessonbook.booking.RescheduledFrom;
import dev.lessonbook.http.ApiResponse;
import dev.lessonbook.http.HttpPriming;
import dev.lessonbook.http.WireFormats;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.Payment;
import dev.lessonbook.profile.LocationType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * A booking as docs/spec.md §3.2 shows it. The payment shows its state and amounts only: provider
 * references (intent, customer, payment method) never leave the service.
 */
public final class BookingJson {
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private BookingJson() {}

    /**
     * The booking's document. Instants are UTC to the millisecond; {@code note} is there only when
     * the student wrote one, {@code confirmedAt} and {@code cancellation} are null until they happen.
     */
    public record BookingDocument(String id, String status, String instructorId, String studentId, String serviceId,
            String serviceName, String date, String start, String end, String timezone, String startsAt,
            String endsAt, int durationMinutes, String locationType, @JsonInclude(JsonInclude.Include.NON_NULL) String note,
            Money price, PaymentState payment, String createdAt, String confirmedAt, CancellationTerms cancellation,
            PreviousTime rescheduledFrom, int rescheduleCount,
            @JsonInclude(JsonInclude.Include.NON_NULL) String holdExpiresAt) {}

    /** Where a rescheduled lesson was before its last move: local date, start and end, and the UTC start. */
    public record PreviousTime(String date, String start, String end, String startsAt) {}

    /**
     * The payment's status and amounts, in the price's currency's smallest unit. {@code clientSecret}
     * only in the answer to the student whose card asks for 3-D Secure ({@link #awaitingAuthentication}):
     * never stored, never in a list, never to another caller.
     */
    public record PaymentState(String status, long amountAuthorized, long amountCaptured, long amountRefunded,
            @JsonInclude(JsonInclude.Include.NON_NULL) String clientSecret) {
        public PaymentState(String status, long amountAuthorized, long amountCaptured, long amountRefunded) {
            this(status, amountAuthorized, amountCaptured, amountRefunded, null);
        }

        @Override
        public String toString() {
            return "PaymentState[status=" + status + ", amountAuthorized=" + amountAuthorized + ", amountCaptured="
                    + amountCaptured + ", amountRefunded=" + amountRefunded + "]";
        }
    }

    /** Who cancelled ({@code student}, {@code instructor}, {@code admin}), when, why, and the charge. */
    public record CancellationTerms(String by, String at, String reason, int chargePercent, long amountCharged) {}

    /** {@code {"items":[booking…]}}. */
    public record BookingList(List<BookingDocument> items) {}

    /**
     * 201 with {@code Location: /v1/bookings/{id}}; an idempotent replay answers the same, marked
     * {@code Idempotent-Replayed: true} (docs/spec.md §5.5).
     */
    public static ApiResponse.Document created(Booking booking, boolean replayed) {
        ApiResponse.Document created = ApiResponse.created(booking(booking), location(booking.id()));
        return replayed ? created.withHeader(REPLAYED_HEADER, "true") : created;
    }

    /**
     * 202 with {@code Location}: a PENDING booking whose card asks the student to authenticate
     * (3-D Secure), its slot held until {@code holdExpiresAt}; {@code payment.clientSecret} is what
     * the student's browser completes it with (docs/spec.md §6, "3-D Secure"). Null
     * {@code clientSecret} (a replay of the booking request: the secret is never stored) leaves it out.
     */
    public static ApiResponse.Document awaitingAuthentication(Booking pending, String clientSecret, boolean replayed) {
        BookingDocument document = booking(pending);
        PaymentState payment = document.payment();
        BookingDocument withSecret = new BookingDocument(document.id(), document.status(), document.instructorId(),
                document.studentId(), document.serviceId(), document.serviceName(), document.date(), document.start(),
                document.end(), document.timezone(), document.startsAt(), document.endsAt(), document.durationMinutes(),
                document.locationType(), document.note(), document.price(), new PaymentState(payment.status(),
                        payment.amountAuthorized(), payment.amountCaptured(), payment.amountRefunded(), clientSecret),
                document.createdAt(), document.confirmedAt(), document.cancellation(), document.rescheduledFrom(),
                document.rescheduleCount(), document.holdExpiresAt());
        ApiResponse.Document accepted = ApiResponse.status(202, withSecret).withHeader("Location", location(pending.id()));
        return replayed ? accepted.withHeader(REPLAYED_HEADER, "true") : accepted;
    }

    /** 200 with the moved booking; a replay of the same move is marked {@code Idempotent-Replayed: true}. */
    public static ApiResponse.Document rescheduled(Booking booking, boolean replayed) {
        ApiResponse.Document moved = response(booking);
        return replayed ? moved.withHeader(REPLAYED_HEADER, "true") : moved;
    }

    public static ApiResponse.Document response(Booking booking) {
        return ApiResponse.ok(booking(booking));
    }

    /** The bookings in the order given. */
    public static ApiResponse.Document list(List<Booking> bookings) {
        return ApiResponse.ok(new BookingList(bookings.stream().map(BookingJson::booking).toList()));
    }

    /**
     * A cancelled booking with every member of the document filled, never stored: what the booking
     * functions render while they prime (docs/decisions.md, "SnapStart priming").
     */
    public static Booking primingSample() {
        Instant startsAt = Instant.parse("2027-01-04T09:00:00Z");
        Money price = Money.of(6000, "usd");
        return Booking.builder()
                .id(HttpPriming.NEVER_WRITTEN_ID).status(BookingStatus.CANCELLED)
                .instructorId(HttpPriming.NEVER_WRITTEN_ID)
                .studentId(HttpPriming.NEVER_WRITTEN_ID)
                .serviceId("priming").serviceName("Priming").date(LocalDate.of(2027, 1, 4)).startMinute(600).endMinute(660)
                .timezone(ZoneId.of("Europe/Berlin")).startsAt(startsAt).endsAt(startsAt.plusSeconds(3600))
                .durationMinutes(60).locationType(LocationType.ONLINE).price(price)
                .payment(Payment.authorized(price, "pi_priming", "pm_priming")).note("priming")
                .createdAt(startsAt.minusSeconds(86_400 * 7)).confirmedAt(startsAt.minusSeconds(86_400 * 7))
                .cancellation(new Cancellation(Role.STUDENT, startsAt.minusSeconds(86_400 * 2), "priming", 0, Money.zero("usd")))
                .build();
    }

    public static String location(String bookingId) {
        return "/v1/bookings/" + bookingId;
    }

    public static BookingDocument booking(Booking booking) {
        Payment payment = booking.payment() == null ? Payment.notRequired(booking.price().currency()) : booking.payment();
        Cancellation cancellation = booking.cancellation();
        return new BookingDocument(booking.id(), booking.status().name(), booking.instructorId(), booking.studentId(),
                booking.serviceId(), booking.serviceName(), WireFormats.formatDate(booking.date()),
                WireFormats.formatTime(booking.startMinute()), WireFormats.formatTime(booking.endMinute()),
                booking.timezone().getId(), instant(booking.startsAt()), instant(booking.endsAt()),
                booking.durationMinutes(), booking.locationType().wireName(), booking.note(), booking.price(),
                new PaymentState(payment.status().name(), payment.amountAuthorized().amount(),
                        payment.amountCaptured().amount(), payment.amountRefunded().amount()),
                instant(booking.createdAt()), instant(booking.confirmedAt()),
                cancellation == null ? null : new CancellationTerms(cancellation.by().claimValue(),
                        instant(cancellation.at()), cancellation.reason(), cancellation.chargePercent(),
                        cancellation.amountCharged().amount()),
                previousTime(booking.rescheduledFrom()), booking.rescheduleCount(),
                booking.status() == BookingStatus.PENDING ? instant(booking.holdExpiresAt()) : null);
    }

    private static PreviousTime previousTime(RescheduledFrom from) {
        return from == null ? null : new PreviousTime(WireFormats.formatDate(from.date()),
                WireFormats.formatTime(from.startMinute()), WireFormats.formatTime(from.endMinute()), instant(from.startsAt()));
    }

    private static String instant(Instant instant) {
        return instant == null ? null : WireFormats.formatInstant(instant);
    }
}
