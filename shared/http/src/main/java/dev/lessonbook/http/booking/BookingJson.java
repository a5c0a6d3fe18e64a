package dev.lessonbook.http.booking;

import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.Cancellation;
import dev.lessonbook.http.ApiResponse;
import dev.lessonbook.http.JsonValues;
import dev.lessonbook.http.WireFormats;
import dev.lessonbook.payment.Payment;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A booking as docs/spec.md §3.2 shows it. The payment shows its state and amounts only: provider
 * references (intent, customer, payment method) never leave the service.
 */
public final class BookingJson {
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private BookingJson() {}

    /**
     * 201 with {@code Location: /v1/bookings/{id}}; an idempotent replay answers the same, marked
     * {@code Idempotent-Replayed: true} (docs/spec.md §5.5).
     */
    public static ApiResponse.Document created(Booking booking, boolean replayed) {
        ApiResponse.Document created = ApiResponse.created(booking(booking), location(booking.id()));
        return replayed ? created.withHeader(REPLAYED_HEADER, "true") : created;
    }

    public static ApiResponse.Document response(Booking booking) {
        return ApiResponse.ok(booking(booking));
    }

    /** {@code {"items":[booking…]}} in the order given. */
    public static ApiResponse.Document list(List<Booking> bookings) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("items", bookings.stream().map(BookingJson::booking).toList());
        return ApiResponse.ok(json);
    }

    public static String location(String bookingId) {
        return "/v1/bookings/" + bookingId;
    }

    public static Map<String, Object> booking(Booking booking) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", booking.id());
        json.put("status", booking.status().name());
        json.put("instructorId", booking.instructorId());
        json.put("studentId", booking.studentId());
        json.put("serviceId", booking.serviceId());
        json.put("serviceName", booking.serviceName());
        json.put("date", WireFormats.formatDate(booking.date()));
        json.put("start", WireFormats.formatTime(booking.startMinute()));
        json.put("end", WireFormats.formatTime(booking.endMinute()));
        json.put("timezone", booking.timezone().getId());
        json.put("startsAt", instant(booking.startsAt()));
        json.put("endsAt", instant(booking.endsAt()));
        json.put("durationMinutes", booking.durationMinutes());
        json.put("locationType", booking.locationType().wireName());
        // The student's words to the instructor; only there when written.
        if (booking.note() != null) {
            json.put("note", booking.note());
        }
        json.put("price", JsonValues.money(booking.price()));
        json.put("payment", payment(booking.payment() == null ? Payment.notRequired(booking.price().currency())
                : booking.payment()));
        json.put("createdAt", instant(booking.createdAt()));
        json.put("confirmedAt", instant(booking.confirmedAt()));
        Cancellation cancellation = booking.cancellation();
        json.put("cancellation", cancellation == null ? null : cancellation(cancellation));
        return json;
    }

    private static Map<String, Object> cancellation(Cancellation cancellation) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("by", cancellation.by().claimValue());
        json.put("at", instant(cancellation.at()));
        json.put("reason", cancellation.reason());
        json.put("chargePercent", cancellation.chargePercent());
        json.put("amountCharged", cancellation.amountCharged().amount());
        return json;
    }

    private static Map<String, Object> payment(Payment payment) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", payment.status().name());
        json.put("amountAuthorized", payment.amountAuthorized().amount());
        json.put("amountCaptured", payment.amountCaptured().amount());
        json.put("amountRefunded", payment.amountRefunded().amount());
        return json;
    }

    private static String instant(Instant instant) {
        return instant == null ? null : WireFormats.formatInstant(instant);
    }
}
