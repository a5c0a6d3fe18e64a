package dev.lessonbook.booking;

import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A hash of what a create request asks for, stored on the booking: a retry with the same
 * {@code Idempotency-Key} and the same fingerprint is a replay, a different one a key reuse.
 * Each field is length-prefixed and an absent one marked apart from an empty one, so no two
 * different requests share a canonical form.
 */
public final class RequestFingerprint {

    private RequestFingerprint() {}

    public static String of(BookingRequest request) {
        String canonical = Stream.of(
                        request.instructorId(),
                        request.serviceId(),
                        request.date().toString(),
                        String.valueOf(request.startMinute()),
                        String.valueOf(request.durationMinutes()),
                        request.locationType().wireName(),
                        request.paymentMethodId(),
                        request.note())
                .map(field -> field == null ? "-" : field.length() + ":" + field)
                .collect(Collectors.joining("\n"));
        return BookingId.sha256Hex(canonical);
    }
}
