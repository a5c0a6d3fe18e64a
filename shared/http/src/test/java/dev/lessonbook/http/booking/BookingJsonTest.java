package dev.lessonbook.http.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import dev.lessonbook.access.Role;
import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.BookingStatus;
import dev.lessonbook.booking.Cancellation;
import dev.lessonbook.calendar.Occupancy;
import dev.lessonbook.http.ApiResponse;
import dev.lessonbook.json.Json;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.Payment;
import dev.lessonbook.payment.PaymentStatus;
import dev.lessonbook.profile.LocationType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BookingJsonTest {
    private static final Instant STARTS = Instant.parse("2026-12-09T14:30:00Z");

    private static Booking booking(String note, Cancellation cancellation) {
        return new Booking("bk_1", cancellation == null ? BookingStatus.CONFIRMED : BookingStatus.CANCELLED,
                "inst_42", "stud_7", "guitar-60", "Guitar lesson", LocalDate.of(2026, 12, 9), 930, 990,
                ZoneId.of("Europe/Berlin"), STARTS, STARTS.plusSeconds(3600), 60, LocationType.ONLINE,
                new Money(6000, "usd"),
                new Payment(PaymentStatus.AUTHORIZED, Money.of(6000, "usd"), Money.of(0, "usd"), Money.of(0, "usd"), "pi_secret",
                        "cus_secret", "pm_secret"),
                note, new Occupancy(STARTS, STARTS.plusSeconds(4500), STARTS, STARTS.plusSeconds(3600)),
                Instant.parse("2026-12-01T10:00:00.123456Z"), Instant.parse("2026-12-01T10:00:02Z"), null, cancellation,
                "fingerprint");
    }

    @Test
    void bookingHasExactlyTheFieldsOfTheSpec() {
        Map<String, Object> json = BookingJson.booking(booking(null, null));

        assertThat(json.keySet()).containsExactly(
                "id", "status", "instructorId", "studentId", "serviceId", "serviceName", "date", "start", "end",
                "timezone", "startsAt", "endsAt", "durationMinutes", "locationType", "price", "payment",
                "createdAt", "confirmedAt", "cancellation");
        assertThat(Json.write(json)).isEqualTo("{\"id\":\"bk_1\",\"status\":\"CONFIRMED\",\"instructorId\":\"inst_42\","
                + "\"studentId\":\"stud_7\",\"serviceId\":\"guitar-60\",\"serviceName\":\"Guitar lesson\",\"date\":\"2026-12-09\","
                + "\"start\":\"15:30\",\"end\":\"16:30\",\"timezone\":\"Europe/Berlin\",\"startsAt\":\"2026-12-09T14:30:00Z\","
                + "\"endsAt\":\"2026-12-09T15:30:00Z\",\"durationMinutes\":60,\"locationType\":\"online\","
                + "\"price\":{\"amount\":6000,\"currency\":\"usd\"},"
                + "\"payment\":{\"status\":\"AUTHORIZED\",\"amountAuthorized\":6000,\"amountCaptured\":0,\"amountRefunded\":0},"
                + "\"createdAt\":\"2026-12-01T10:00:00.123Z\",\"confirmedAt\":\"2026-12-01T10:00:02Z\",\"cancellation\":null}");
    }

    @Test
    void providerReferencesNeverLeave() {
        assertThat(Json.write(BookingJson.booking(booking("n", null)))).doesNotContain("secret").doesNotContain("fingerprint");
    }

    @Test
    void noteIsShownWhenWritten() {
        assertThat(BookingJson.booking(booking("Bring a capo", null))).containsEntry("note", "Bring a capo");
    }

    @Test
    void lessonEndingAtMidnightEndsAt2400() {
        Booking late = booking(null, null);
        Booking endsAtMidnight = new Booking(late.id(), late.status(), late.instructorId(), late.studentId(), late.serviceId(),
                late.serviceName(), late.date(), 1380, 1440, late.timezone(), late.startsAt(), late.endsAt(), 60,
                late.locationType(), late.price(), late.payment(), null, late.occupancy(), late.createdAt(), null, null, null, null);

        Map<String, Object> json = BookingJson.booking(endsAtMidnight);
        assertThat(json).containsEntry("end", "24:00").containsEntry("confirmedAt", null);
    }

    @Test
    void cancellationShowsWhoWhenWhyAndTheCharge() {
        Object cancellation = BookingJson.booking(booking(null,
                new Cancellation(Role.STUDENT, Instant.parse("2026-12-09T00:30:00Z"), "Sick", 50, Money.of(3000, "usd")))).get("cancellation");

        assertThat(Json.write(cancellation)).isEqualTo(
                "{\"by\":\"student\",\"at\":\"2026-12-09T00:30:00Z\",\"reason\":\"Sick\",\"chargePercent\":50,\"amountCharged\":3000}");
    }

    @Test
    void createdAnswersWithItsLocationAndMarksReplays() {
        ApiResponse.Document first = BookingJson.created(booking(null, null), false);
        ApiResponse.Document replay = BookingJson.created(booking(null, null), true);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.headers()).containsEntry("Location", "/v1/bookings/bk_1").doesNotContainKey("Idempotent-Replayed");
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.headers()).containsEntry("Location", "/v1/bookings/bk_1").containsEntry("Idempotent-Replayed", "true");
    }

    @Test
    void listWrapsItems() {
        ApiResponse.Document list = BookingJson.list(List.of(booking(null, null), booking(null, null)));

        assertThat(list.body()).asInstanceOf(MAP).extractingByKey("items", LIST).hasSize(2);
        assertThat(Json.write(BookingJson.list(List.of()).body())).isEqualTo("{\"items\":[]}");
    }
}
