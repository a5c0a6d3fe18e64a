package dev.lessonbook.http.booking;

import static dev.lessonbook.fixtures.Bookings.aBooking;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.access.Role;
import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.Cancellation;
import dev.lessonbook.booking.Rescheduled;
import dev.lessonbook.booking.RescheduledFrom;
import dev.lessonbook.fixtures.Bookings;
import dev.lessonbook.http.ApiResponse;
import dev.lessonbook.http.Written;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.Payment;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class BookingJsonTest {

    /** 15:30–16:30 on 9 Dec 2026 in Berlin, authorized with provider references that must never show. */
    private static Bookings lesson() {
        return aBooking().id("bk_1").instructor("inst_42").student("stud_7").service("guitar-60", "Guitar lesson")
                .zone(ZoneId.of("Europe/Berlin")).at("2026-12-09T15:30")
                .payment(Payment.authorized(Money.of(6000, "usd"), "pi_secret", "pm_secret"))
                .createdAt("2026-12-01T10:00:00.123456Z").confirmedAt("2026-12-01T10:00:02Z").fingerprint("fingerprint");
    }

    @Test
    void bookingHasExactlyTheFieldsOfTheSpec() {
        String json = Written.json(BookingJson.booking(lesson().build()));

        assertThat(Written.body(BookingJson.response(lesson().build()))).isEqualTo(json);
        assertThat(json).isEqualTo("{\"id\":\"bk_1\",\"status\":\"CONFIRMED\",\"instructorId\":\"inst_42\","
                + "\"studentId\":\"stud_7\",\"serviceId\":\"guitar-60\",\"serviceName\":\"Guitar lesson\",\"date\":\"2026-12-09\","
                + "\"start\":\"15:30\",\"end\":\"16:30\",\"timezone\":\"Europe/Berlin\",\"startsAt\":\"2026-12-09T14:30:00Z\","
                + "\"endsAt\":\"2026-12-09T15:30:00Z\",\"durationMinutes\":60,\"locationType\":\"online\","
                + "\"price\":{\"amount\":6000,\"currency\":\"usd\"},"
                + "\"payment\":{\"status\":\"AUTHORIZED\",\"amountAuthorized\":6000,\"amountCaptured\":0,\"amountRefunded\":0},"
                + "\"createdAt\":\"2026-12-01T10:00:00.123Z\",\"confirmedAt\":\"2026-12-01T10:00:02Z\",\"cancellation\":null,"
                + "\"rescheduledFrom\":null,\"rescheduleCount\":0}");
    }

    @Test
    void providerReferencesNeverLeave() {
        Booking booking = lesson().note("n").payment(Payment.scheduled("usd", "cus_secret", "pm_secret")).build();

        assertThat(Written.body(BookingJson.response(booking))).doesNotContain("secret").doesNotContain("fingerprint");
    }

    @Test
    void noteIsShownWhenWritten() {
        assertThat(Written.body(BookingJson.response(lesson().note("Bring a capo").build())))
                .contains(",\"locationType\":\"online\",\"note\":\"Bring a capo\",\"price\":");
    }

    @Test
    void lessonEndingAtMidnightEndsAt2400() {
        Booking endsAtMidnight = lesson().at("2026-12-09T23:00").confirmedAt((Instant) null).build();

        assertThat(Written.body(BookingJson.response(endsAtMidnight)))
                .contains("\"start\":\"23:00\",\"end\":\"24:00\"").contains("\"confirmedAt\":null");
    }

    @Test
    void cancellationShowsWhoWhenWhyAndTheCharge() {
        Booking cancelled = lesson().cancelled(new Cancellation(Role.STUDENT, Instant.parse("2026-12-09T00:30:00Z"),
                "Sick", 50, Money.of(3000, "usd"))).build();

        assertThat(Written.body(BookingJson.response(cancelled))).endsWith(
                "\"cancellation\":{\"by\":\"student\",\"at\":\"2026-12-09T00:30:00Z\",\"reason\":\"Sick\",\"chargePercent\":50,"
                        + "\"amountCharged\":3000},\"rescheduledFrom\":null,\"rescheduleCount\":0}");
    }

    @Test
    void aMovedLessonShowsItsTimeBeforeTheLastMoveAndHowOftenItMoved() {
        Booking moved = lesson().rescheduled(new Rescheduled(new RescheduledFrom(LocalDate.parse("2026-12-08"), 23 * 60,
                24 * 60, Instant.parse("2026-12-08T22:00:00Z")), 2, 1, "key", "fingerprint")).build();

        assertThat(Written.body(BookingJson.response(moved))).endsWith("\"cancellation\":null,\"rescheduledFrom\":{"
                + "\"date\":\"2026-12-08\",\"start\":\"23:00\",\"end\":\"24:00\",\"startsAt\":\"2026-12-08T22:00:00Z\"},"
                + "\"rescheduleCount\":2}").doesNotContain("fingerprint").doesNotContain("\"key\"");
    }

    @Test
    void aRescheduleAnswers200AndMarksReplays() {
        assertThat(BookingJson.rescheduled(lesson().build(), false).status()).isEqualTo(200);
        assertThat(BookingJson.rescheduled(lesson().build(), false).headers()).doesNotContainKey("Idempotent-Replayed");
        assertThat(BookingJson.rescheduled(lesson().build(), true).headers()).containsEntry("Idempotent-Replayed", "true");
    }

    @Test
    void createdAnswersWithItsLocationAndMarksReplays() {
        ApiResponse.Document first = BookingJson.created(lesson().build(), false);
        ApiResponse.Document replay = BookingJson.created(lesson().build(), true);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.headers()).containsEntry("Location", "/v1/bookings/bk_1").doesNotContainKey("Idempotent-Replayed");
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.headers()).containsEntry("Location", "/v1/bookings/bk_1").containsEntry("Idempotent-Replayed", "true");
    }

    @Test
    void listWrapsItems() {
        ApiResponse.Document list = BookingJson.list(List.of(lesson().build(), lesson().build()));
        String one = Written.json(BookingJson.booking(lesson().build()));

        assertThat(Written.body(list)).isEqualTo("{\"items\":[" + one + "," + one + "]}");
        assertThat(Written.body(BookingJson.list(List.of()))).isEqualTo("{\"items\":[]}");
    }
}
