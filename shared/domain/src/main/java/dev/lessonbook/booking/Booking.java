package dev.lessonbook.booking;

import dev.lessonbook.calendar.Occupancy;
import dev.lessonbook.contact.LessonAddresses;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.Payment;
import dev.lessonbook.profile.LocationType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A booking: a snapshot that never refers back to availability. Local {@code date},
 * {@code startMinute} and {@code endMinute} (1440 = 24:00) are in the instructor's
 * {@code timezone}; {@code startsAt}/{@code endsAt} are the same instants in UTC.
 *
 * <p>Changes are copies with only what changed ({@link #toBuilder}); the canonical constructor is
 * called in one place, {@link Builder#build}.
 *
 * @param holdExpiresAt while PENDING, when the slot hold lapses; null otherwise
 * @param requestFingerprint hash of the create request, to tell an idempotent replay from a key reuse
 * @param cancellation null unless CANCELLED
 * @param rescheduled where the lesson was before its last move, how often it moved, and the
 *        request that moved it ({@link Rescheduled#NEVER} until it is first rescheduled)
 * @param addresses where its emails go, as known when it was booked ({@link LessonAddresses#NONE}
 *        for a booking made before addresses were kept)
 */
public record Booking(
        String id,
        BookingStatus status,
        String instructorId,
        String studentId,
        String serviceId,
        String serviceName,
        LocalDate date,
        int startMinute,
        int endMinute,
        ZoneId timezone,
        Instant startsAt,
        Instant endsAt,
        int durationMinutes,
        LocationType locationType,
        Money price,
        Payment payment,
        String note,
        Occupancy occupancy,
        Instant createdAt,
        Instant confirmedAt,
        Instant holdExpiresAt,
        Cancellation cancellation,
        String requestFingerprint,
        Rescheduled rescheduled,
        LessonAddresses addresses) {

    /** Whether this booking keeps its people busy at {@code now} (docs/spec.md §5.4). */
    public boolean occupiesTimeAt(Instant now) {
        return switch (status) {
            case CONFIRMED, COMPLETED -> true;
            case PENDING -> holdExpiresAt != null && now.isBefore(holdExpiresAt);
            case CANCELLED, PAYMENT_FAILED, EXPIRED -> false;
        };
    }

    /** Where the lesson was before its last move; null if it never moved. */
    public RescheduledFrom rescheduledFrom() {
        return rescheduled.from();
    }

    /** How often the lesson was moved, by anyone. */
    public int rescheduleCount() {
        return rescheduled.count();
    }

    public Booking withStatus(BookingStatus newStatus) {
        return toBuilder().status(newStatus).build();
    }

    /** PENDING → CONFIRMED: paid as {@code newPayment}, the hold no longer lapsing. */
    public Booking confirmed(Instant at, Payment newPayment) {
        return toBuilder().status(BookingStatus.CONFIRMED).payment(newPayment).confirmedAt(at).holdExpiresAt(null).build();
    }

    public Booking withPayment(Payment newPayment) {
        return toBuilder().payment(newPayment).build();
    }

    public Booking cancelled(Cancellation details, Payment newPayment) {
        return toBuilder().status(BookingStatus.CANCELLED).payment(newPayment).holdExpiresAt(null).cancellation(details)
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this booking: change what differs, then {@link Builder#build}. */
    public Builder toBuilder() {
        return new Builder().id(id).status(status).instructorId(instructorId).studentId(studentId).serviceId(serviceId)
                .serviceName(serviceName).date(date).startMinute(startMinute).endMinute(endMinute).timezone(timezone)
                .startsAt(startsAt).endsAt(endsAt).durationMinutes(durationMinutes).locationType(locationType)
                .price(price).payment(payment).note(note).occupancy(occupancy).createdAt(createdAt)
                .confirmedAt(confirmedAt).holdExpiresAt(holdExpiresAt).cancellation(cancellation)
                .requestFingerprint(requestFingerprint).rescheduled(rescheduled).addresses(addresses);
    }

    /** A booking field by field, by name: for the use case that books, mappers that read one back, fixtures. */
    public static final class Builder {
        private String id;
        private BookingStatus status;
        private String instructorId;
        private String studentId;
        private String serviceId;
        private String serviceName;
        private LocalDate date;
        private int startMinute;
        private int endMinute;
        private ZoneId timezone;
        private Instant startsAt;
        private Instant endsAt;
        private int durationMinutes;
        private LocationType locationType;
        private Money price;
        private Payment payment;
        private String note;
        private Occupancy occupancy;
        private Instant createdAt;
        private Instant confirmedAt;
        private Instant holdExpiresAt;
        private Cancellation cancellation;
        private String requestFingerprint;
        private Rescheduled rescheduled = Rescheduled.NEVER;
        private LessonAddresses addresses = LessonAddresses.NONE;

        private Builder() {}

        public Builder id(String value) {
            id = value;
            return this;
        }

        public Builder status(BookingStatus value) {
            status = value;
            return this;
        }

        public Builder instructorId(String value) {
            instructorId = value;
            return this;
        }

        public Builder studentId(String value) {
            studentId = value;
            return this;
        }

        public Builder serviceId(String value) {
            serviceId = value;
            return this;
        }

        public Builder serviceName(String value) {
            serviceName = value;
            return this;
        }

        public Builder date(LocalDate value) {
            date = value;
            return this;
        }

        public Builder startMinute(int value) {
            startMinute = value;
            return this;
        }

        public Builder endMinute(int value) {
            endMinute = value;
            return this;
        }

        public Builder timezone(ZoneId value) {
            timezone = value;
            return this;
        }

        public Builder startsAt(Instant value) {
            startsAt = value;
            return this;
        }

        public Builder endsAt(Instant value) {
            endsAt = value;
            return this;
        }

        public Builder durationMinutes(int value) {
            durationMinutes = value;
            return this;
        }

        public Builder locationType(LocationType value) {
            locationType = value;
            return this;
        }

        public Builder price(Money value) {
            price = value;
            return this;
        }

        public Builder payment(Payment value) {
            payment = value;
            return this;
        }

        public Builder note(String value) {
            note = value;
            return this;
        }

        /**
         * The time of {@code lesson} as the rules placed it: local date, start and end, timezone,
         * UTC start and end, duration and the occupancy it holds (a new booking's and a move's).
         */
        public Builder at(ProposedLesson lesson) {
            BookingRequest request = lesson.request();
            return date(request.date())
                    .startMinute(request.startMinute())
                    .endMinute(lesson.endMinute())
                    .timezone(lesson.timezone())
                    .startsAt(lesson.startsAt())
                    .endsAt(lesson.endsAt())
                    .durationMinutes(request.durationMinutes())
                    .occupancy(lesson.occupancy());
        }

        public Builder occupancy(Occupancy value) {
            occupancy = value;
            return this;
        }

        public Builder createdAt(Instant value) {
            createdAt = value;
            return this;
        }

        public Builder confirmedAt(Instant value) {
            confirmedAt = value;
            return this;
        }

        public Builder holdExpiresAt(Instant value) {
            holdExpiresAt = value;
            return this;
        }

        public Builder cancellation(Cancellation value) {
            cancellation = value;
            return this;
        }

        public Builder requestFingerprint(String value) {
            requestFingerprint = value;
            return this;
        }

        public Builder rescheduled(Rescheduled value) {
            rescheduled = value == null ? Rescheduled.NEVER : value;
            return this;
        }

        public Builder addresses(LessonAddresses value) {
            addresses = value == null ? LessonAddresses.NONE : value;
            return this;
        }

        public Booking build() {
            return new Booking(id, status, instructorId, studentId, serviceId, serviceName, date, startMinute, endMinute,
                    timezone, startsAt, endsAt, durationMinutes, locationType, price, payment, note, occupancy,
                    createdAt, confirmedAt, holdExpiresAt, cancellation, requestFingerprint, rescheduled, addresses);
        }
    }
}
