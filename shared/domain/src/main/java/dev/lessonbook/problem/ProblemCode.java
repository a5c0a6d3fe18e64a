package dev.lessonbook.problem;

import java.time.Duration;
import java.util.Optional;

/**
 * The stable error codes of the API (docs/spec.md §3–6), each with the HTTP status it answers with.
 * Business rejections carry one of these; the HTTP layer renders them as problem documents.
 */
public enum ProblemCode {
    MALFORMED_JSON(400, "Malformed JSON"),
    /** A Stripe webhook delivery whose {@code Stripe-Signature} is missing, forged or too old. */
    INVALID_SIGNATURE(400, "Invalid signature"),
    UNAUTHENTICATED(401, "Unauthenticated"),
    PAYMENT_DECLINED(402, "Payment declined"),
    FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    AVAILABILITY_OVERLAP(409, "Availability overlap"),
    BOOKING_CONFLICT(409, "Booking conflict"),
    /**
     * A retry under an {@code Idempotency-Key} whose original request is still running: its
     * outcome is not known yet, so none is shown; the client asks again after {@code Retry-After}.
     */
    IDEMPOTENT_REQUEST_IN_PROGRESS(409, "Idempotent request in progress", Duration.ofSeconds(1)),
    /** The instructor's local date already holds their {@code maxLessonsPerDay} active lessons. */
    DAILY_LIMIT_REACHED(409, "Daily limit reached"),
    /**
     * A reschedule computed from the booking as it was before another change committed (a second
     * reschedule, a cancellation): nothing was written; read the booking and decide again.
     */
    BOOKING_CHANGED(409, "Booking changed"),
    VERSION_MISMATCH(412, "Version mismatch"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    VALIDATION_FAILED(422, "Validation failed"),
    INVALID_WEEK_START(422, "Invalid week start"),
    DATE_OUTSIDE_WEEK(422, "Date outside week"),
    INVALID_TIME(422, "Invalid time"),
    PAST_DATE(422, "Past date"),
    LOCATION_NOT_OFFERED(422, "Location not offered"),
    INVALID_DURATION(422, "Invalid duration"),
    INVALID_START_TIME(422, "Invalid start time"),
    SPANS_MIDNIGHT(422, "Spans midnight"),
    NONEXISTENT_LOCAL_TIME(422, "Nonexistent local time"),
    NOT_AVAILABLE(422, "Not available"),
    INSUFFICIENT_NOTICE(422, "Insufficient notice"),
    /** The lesson's date is further ahead than the instructor's {@code maxAdvanceDays}. */
    BEYOND_BOOKING_HORIZON(422, "Beyond booking horizon"),
    PAYMENT_METHOD_REQUIRED(422, "Payment method required"),
    /** The lesson would cost more than one payment can hold (a profile stored before rates were bounded). */
    PRICE_TOO_HIGH(422, "Price too high"),
    IDEMPOTENCY_KEY_REUSED(422, "Idempotency key reused"),
    LESSON_NOT_ENDED(422, "Lesson not ended"),
    BOOKING_STARTED(422, "Booking started"),
    NOT_CANCELLABLE(422, "Not cancellable"),
    /** Completing a booking that is not CONFIRMED (PENDING, CANCELLED, PAYMENT_FAILED, EXPIRED). */
    NOT_COMPLETABLE(422, "Not completable"),
    /** Rescheduling a booking that is not CONFIRMED (PENDING only by an admin). */
    NOT_RESCHEDULABLE(422, "Not reschedulable"),
    /** A student moving a lesson less than the configured notice (12 h) before it starts. */
    RESCHEDULE_TOO_LATE(422, "Reschedule too late"),
    /** A student who moved this booking the configured number of times (2) already. */
    RESCHEDULE_LIMIT_REACHED(422, "Reschedule limit reached"),
    /**
     * A move that would need a new card authorization — another price for an authorized lesson —
     * which rescheduling does not do yet (docs/decisions.md, "Rescheduling").
     */
    PAYMENT_PROVIDER_UNAVAILABLE(502, "Payment provider unavailable"),
    SERVICE_UNAVAILABLE(503, "Service unavailable");

    private final int status;
    private final String title;
    private final Duration retryAfter;

    ProblemCode(int status, String title) {
        this(status, title, null);
    }

    ProblemCode(int status, String title, Duration retryAfter) {
        this.status = status;
        this.title = title;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** How long a client waits before sending the same request again, for codes that invite it (Retry-After). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
