package dev.lessonbook.booking;

import static dev.lessonbook.fixtures.Requests.aRequest;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BookingIdTest {
    private static final String ID_RULE = "[A-Za-z0-9_-]{1,64}";

    @Test
    void anIdempotencyKeyDerivesTheSameIdEveryTime() {
        assertThat(BookingId.forIdempotencyKey("stu-1", "k-1")).isEqualTo(BookingId.forIdempotencyKey("stu-1", "k-1"));
    }

    @Test
    void theDerivedIdDependsOnStudentAndKey() {
        assertThat(BookingId.forIdempotencyKey("stu-1", "k-1"))
                .isNotEqualTo(BookingId.forIdempotencyKey("stu-2", "k-1"))
                .isNotEqualTo(BookingId.forIdempotencyKey("stu-1", "k-2"));
    }

    @Test
    void idsFollowTheIdRule() {
        assertThat(BookingId.forIdempotencyKey("stu-1", "any key ✓ at all")).matches(ID_RULE).startsWith("bk_");
        assertThat(BookingId.random()).matches(ID_RULE).startsWith("bk_");
    }

    @Test
    void withoutKeyEveryRequestGetsAFreshId() {
        assertThat(BookingId.of(aRequest().build())).isNotEqualTo(BookingId.of(aRequest().build()));
    }

    @Test
    void theFingerprintCoversEveryFieldOfTheRequest() {
        String base = RequestFingerprint.of(aRequest().build());

        assertThat(RequestFingerprint.of(aRequest().build())).isEqualTo(base);
        assertThat(RequestFingerprint.of(aRequest().at("10:00").build())).isNotEqualTo(base);
        assertThat(RequestFingerprint.of(aRequest().minutes(30).build())).isNotEqualTo(base);
        assertThat(RequestFingerprint.of(aRequest().paymentMethod("pm_other").build())).isNotEqualTo(base);
        assertThat(RequestFingerprint.of(aRequest().note("hi").build())).isNotEqualTo(base);
    }

    @Test
    void anAbsentNoteDiffersFromAnEmptyOne() {
        assertThat(RequestFingerprint.of(aRequest().note(null).build())).isNotEqualTo(RequestFingerprint.of(aRequest().note("").build()));
    }

    @Test
    void theIdempotencyKeyItselfIsNotPartOfTheFingerprint() {
        assertThat(RequestFingerprint.of(aRequest().idempotencyKey("a").build()))
                .isEqualTo(RequestFingerprint.of(aRequest().idempotencyKey("b").build()));
    }
}
