package dev.lessonbook.dynamodb.booking;

import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.BookingStatus;
import dev.lessonbook.calendar.Occupancy;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.Payment;
import dev.lessonbook.profile.LocationType;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** Builds PENDING bookings in UTC for adapter tests: who, when, how long, which buffers. */
final class PendingBookings {
    private String instructorId = "ins-1";
    private String studentId = "stu-1";
    private Instant startsAt = Instant.parse("2030-01-07T09:00:00Z");
    private int minutes = 60;
    private int bufferBefore = 0;
    private int bufferAfter = 15;
    private Instant holdExpiresAt = Instant.now().plus(Duration.ofMinutes(10));

    static PendingBookings pending() {
        return new PendingBookings();
    }

    PendingBookings instructor(String id) {
        instructorId = id;
        return this;
    }

    PendingBookings student(String id) {
        studentId = id;
        return this;
    }

    PendingBookings at(String isoInstant) {
        startsAt = Instant.parse(isoInstant);
        return this;
    }

    PendingBookings minutes(int duration) {
        minutes = duration;
        return this;
    }

    PendingBookings buffers(int before, int after) {
        bufferBefore = before;
        bufferAfter = after;
        return this;
    }

    PendingBookings holdExpiresAt(Instant expiry) {
        holdExpiresAt = expiry;
        return this;
    }

    Booking build() {
        Instant endsAt = startsAt.plus(Duration.ofMinutes(minutes));
        int startMinute = startsAt.atZone(ZoneOffset.UTC).toLocalTime().toSecondOfDay() / 60;
        return new Booking(
                "bk_" + UUID.randomUUID(), BookingStatus.PENDING, instructorId, studentId, "guitar", "Guitar",
                startsAt.atZone(ZoneOffset.UTC).toLocalDate(), startMinute, startMinute + minutes, ZoneOffset.UTC,
                startsAt, endsAt, minutes, LocationType.ONLINE, new Money(6000, "usd"), Payment.notRequired("usd"), null,
                new Occupancy(startsAt.minus(Duration.ofMinutes(bufferBefore)), endsAt.plus(Duration.ofMinutes(bufferAfter)),
                        startsAt, endsAt),
                Instant.now(), null, holdExpiresAt, null, "fingerprint");
    }
}
