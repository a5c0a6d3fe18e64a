package dev.lessonbook.http.booking;

import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Permissions;
import dev.lessonbook.booking.BookingRequest;
import dev.lessonbook.booking.RescheduleRequest;
import dev.lessonbook.http.ApiRequest;
import dev.lessonbook.http.FieldErrors;
import dev.lessonbook.http.InstructorRef;
import dev.lessonbook.http.JsonBody;
import dev.lessonbook.http.JsonFields;
import dev.lessonbook.http.Limits;
import dev.lessonbook.http.Results;
import dev.lessonbook.http.WireFormats;
import dev.lessonbook.problem.Result;
import dev.lessonbook.profile.LocationType;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Reads the booking requests of docs/spec.md §3.2. */
public final class BookingRequests {
    private static final List<String> LOCATION_TYPES =
            Arrays.stream(LocationType.values()).map(LocationType::wireName).toList();

    private BookingRequests() {}

    /** GET /v1/bookings/{bookingId}, POST …/complete: who asks about which booking. */
    public record BookingRef(Caller caller, String bookingId) {}

    /** POST /v1/bookings/{bookingId}/cancel; {@code reason} is null when not given. */
    public record CancelRequest(Caller caller, String bookingId, String reason) {}

    /**
     * POST /v1/bookings. docs/spec.md §5.1 order: the caller must be a student (401/403) before the body
     * is read (413/415/400), then every field and the {@code Idempotency-Key} header at once (422).
     * Values are only checked for shape here; durations, start grid, availability and the like
     * are the booking rules'.
     */
    public static Result<BookingRequest> create(ApiRequest request) {
        return Results.then(request.caller(), caller -> Results.then(Permissions.toBook(caller), booker ->
                Results.then(JsonBody.required(request), body -> {
                FieldErrors errors = new FieldErrors();
                String idempotencyKey = idempotencyKey(request, errors);
                JsonFields fields = JsonFields.root(body, errors);
                String instructorId = fields.requiredId("instructorId");
                String serviceId = fields.requiredId("serviceId");
                LocalDate date = fields.requiredDate("date");
                Integer start = fields.requiredTime("start");
                Integer duration = fields.requiredInt("durationMinutes");
                LocationType locationType =
                        fields.requiredChoice("locationType", LocationType::fromWireName, LOCATION_TYPES);
                String paymentMethodId = fields.optionalId("paymentMethodId").orElse(null);
                String note = fields.optionalText("note", Limits.MAX_NOTE_CHARS).orElse(null);
                return fields.finish(() -> new BookingRequest(booker, instructorId, serviceId, date, start,
                        duration, locationType, paymentMethodId, note, idempotencyKey));
                })));
    }

    /** GET /v1/instructors/{instructorId}/bookings?from=YYYY-MM-DD&to=YYYY-MM-DD (both optional, inclusive). */
    public record InstructorBookingsQuery(Caller caller, String instructorId, Optional<LocalDate> from, Optional<LocalDate> to) {}

    public static Result<InstructorBookingsQuery> listForInstructor(ApiRequest request) {
        return Results.then(InstructorRef.read(request), ref -> {
            FieldErrors errors = new FieldErrors();
            Optional<LocalDate> from = WireFormats.readDateQuery(request, "from", errors);
            Optional<LocalDate> to = WireFormats.readDateQuery(request, "to", errors);
            if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
                errors.add("to", "must not be before 'from'");
            }
            return errors.resultOf(() -> new InstructorBookingsQuery(ref.caller(), ref.instructorId(), from, to));
        });
    }

    public static Result<BookingRef> booking(ApiRequest request) {
        return Results.both(request.caller(), request.pathId("bookingId"), BookingRef::new);
    }

    /** The body is optional: {@code {"reason":"…"}} (≤ 500 characters) or nothing at all. */
    public static Result<CancelRequest> cancel(ApiRequest request) {
        return Results.then(booking(request), ref -> Results.then(JsonBody.optional(request), body -> {
            JsonFields fields = JsonFields.root(body);
            String reason = fields.optionalText("reason", Limits.MAX_REASON_CHARS).orElse(null);
            return fields.finish(() -> new CancelRequest(ref.caller(), ref.bookingId(), reason));
        }));
    }

    /**
     * POST /v1/bookings/{bookingId}/reschedule: {@code {"date","start","durationMinutes"?}} and an
     * optional {@code Idempotency-Key}. Who may move the booking is the use case's question: it
     * needs the booking, and anyone who is no party to it is told it does not exist (404).
     */
    public static Result<RescheduleRequest> reschedule(ApiRequest request) {
        return Results.then(booking(request), ref -> Results.then(JsonBody.required(request), body -> {
            FieldErrors errors = new FieldErrors();
            String idempotencyKey = idempotencyKey(request, errors);
            JsonFields fields = JsonFields.root(body, errors);
            LocalDate date = fields.requiredDate("date");
            Integer start = fields.requiredTime("start");
            Integer duration = fields.optionalInt("durationMinutes").orElse(null);
            return fields.finish(() -> new RescheduleRequest(ref.caller(), ref.bookingId(), date, start, duration,
                    idempotencyKey));
        }));
    }

    /**
     * 1–255 visible ASCII characters except the comma, or absent (null). API Gateway joins a
     * repeated header into one value with commas, so "a,b" may be two keys: taking either would
     * guess which request the client meant to repeat, so a comma is refused in any key.
     */
    private static String idempotencyKey(ApiRequest request, FieldErrors errors) {
        Optional<String> key = request.header("Idempotency-Key");
        if (key.isEmpty()) {
            return null;
        }
        String value = key.get();
        if (value.isEmpty() || value.length() > Limits.MAX_IDEMPOTENCY_KEY_CHARS
                || !value.chars().allMatch(c -> c >= 0x21 && c <= 0x7E && c != ',')) {
            errors.add("Idempotency-Key", "must be one key of 1-" + Limits.MAX_IDEMPOTENCY_KEY_CHARS
                    + " visible ASCII characters without spaces or commas, e.g. a UUID"
                    + " (repeated Idempotency-Key headers arrive joined by commas)");
            return null;
        }
        return value;
    }
}
