package dev.lessonbook.booking;

import static dev.lessonbook.fixtures.Bookings.aBooking;
import static dev.lessonbook.fixtures.Results.rejectionOf;
import static dev.lessonbook.fixtures.Results.valueOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.access.Role;
import dev.lessonbook.booking.CancellationPolicy.ChargeTier;
import dev.lessonbook.money.Money;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CancellationPolicyTest {
    private static final CancellationPolicy POLICY = CancellationPolicy.defaults();
    /** 2026-12-07 09:00 New York, 60.00 usd. */
    private static final Booking LESSON = aBooking().at("2026-12-07T09:00").build();

    private static Instant before(Duration notice) {
        return LESSON.startsAt().minus(notice);
    }

    @Test
    void studentCancellingMoreThanADayAheadPaysNothing() {
        assertThat(POLICY.chargePercentFor(Role.STUDENT, Duration.ofHours(30))).isZero();
    }

    @Test
    void studentCancellingExactlyTwentyFourHoursAheadPaysNothing() {
        assertThat(POLICY.chargePercentFor(Role.STUDENT, Duration.ofHours(24))).isZero();
    }

    @Test
    void studentCancellingJustUnderTwentyFourHoursAheadPaysHalf() {
        assertThat(POLICY.chargePercentFor(Role.STUDENT, Duration.ofHours(24).minusSeconds(1))).isEqualTo(50);
    }

    @Test
    void studentCancellingExactlyTwelveHoursAheadPaysHalf() {
        assertThat(POLICY.chargePercentFor(Role.STUDENT, Duration.ofHours(12))).isEqualTo(50);
    }

    @Test
    void studentCancellingJustUnderTwelveHoursAheadPaysEverything() {
        assertThat(POLICY.chargePercentFor(Role.STUDENT, Duration.ofHours(12).minusSeconds(1))).isEqualTo(100);
    }

    @Test
    void instructorCancellingAtTheLastMinuteChargesTheStudentNothing() {
        assertThat(POLICY.chargePercentFor(Role.INSTRUCTOR, Duration.ofMinutes(1))).isZero();
        assertThat(POLICY.chargePercentFor(Role.ADMIN, Duration.ofMinutes(1))).isZero();
    }

    @Test
    void tiersAreConfigurable() {
        CancellationPolicy strict = new CancellationPolicy(List.of(
                new ChargeTier(Duration.ofHours(48), 0), new ChargeTier(Duration.ofHours(2), 25)));

        assertThat(strict.chargePercentFor(Role.STUDENT, Duration.ofHours(47))).isEqualTo(25);
        assertThat(strict.chargePercentFor(Role.STUDENT, Duration.ofHours(1))).isEqualTo(100);
    }

    @Test
    void theAmountChargedIsRoundedHalfUp() {
        assertThat(new Money(4999, "usd").percent(50)).isEqualTo(new Money(2500, "usd")); // 2499.5
        assertThat(new Money(4997, "usd").percent(50)).isEqualTo(new Money(2499, "usd")); // 2498.5 → 2499
        assertThat(new Money(6000, "usd").percent(100)).isEqualTo(new Money(6000, "usd"));
    }

    @Test
    void aStudentsLateCancellationDecidesAChargeAndWho() {
        CancellationDecision decision = valueOf(POLICY.decide(LESSON, Role.STUDENT, before(Duration.ofHours(13))));

        assertThat(decision).isEqualTo(new CancellationDecision.Cancel(Role.STUDENT, 50, Money.of(3000, "usd")));
    }

    @Test
    void cancellingAStartedLessonIsRejectedForStudentsAndInstructors() {
        assertThat(rejectionOf(POLICY.decide(LESSON, Role.STUDENT, LESSON.startsAt())).code()).isEqualTo(ProblemCode.BOOKING_STARTED);
        assertThat(rejectionOf(POLICY.decide(LESSON, Role.INSTRUCTOR, LESSON.startsAt().plusSeconds(60))).code())
                .isEqualTo(ProblemCode.BOOKING_STARTED);
    }

    @Test
    void anAdminMayCancelAStartedLessonFreeOfCharge() {
        assertThat(valueOf(POLICY.decide(LESSON, Role.ADMIN, LESSON.startsAt().plusSeconds(60))))
                .isEqualTo(new CancellationDecision.Cancel(Role.ADMIN, 0, Money.of(0, "usd")));
    }

    @Test
    void aCompletedBookingIsNotCancellable() {
        Rejection rejection = rejectionOf(POLICY.decide(aBooking().status(BookingStatus.COMPLETED).build(), Role.ADMIN,
                before(Duration.ofDays(2))));

        assertThat(rejection.code()).isEqualTo(ProblemCode.NOT_CANCELLABLE);
        assertThat(rejection.detail()).isEqualTo("Booking cannot be cancelled - current status: COMPLETED");
    }

    @Test
    void failedAndExpiredBookingsAreNotCancellable() {
        assertThat(rejectionOf(POLICY.decide(aBooking().status(BookingStatus.PAYMENT_FAILED).build(), Role.STUDENT,
                before(Duration.ofDays(2)))).detail()).isEqualTo("Booking cannot be cancelled - current status: PAYMENT_FAILED");
        assertThat(rejectionOf(POLICY.decide(aBooking().status(BookingStatus.EXPIRED).build(), Role.STUDENT,
                before(Duration.ofDays(2)))).detail()).isEqualTo("Booking cannot be cancelled - current status: EXPIRED");
    }

    @Test
    void cancellingACancelledBookingChangesNothing() {
        assertThat(valueOf(POLICY.decide(aBooking().status(BookingStatus.CANCELLED).build(), Role.STUDENT, LESSON.startsAt())))
                .isEqualTo(new CancellationDecision.AlreadyCancelled());
    }

    @Test
    void tiersComeFromConfigurationWithTheSpecDefaultsWhenAbsent() {
        assertThat(CancellationPolicy.fromConfiguration(java.util.Optional.empty())).isEqualTo(CancellationPolicy.defaults());
        assertThat(CancellationPolicy.fromConfiguration(java.util.Optional.of("24h=0, 12h=50, 0h=100")))
                .isEqualTo(CancellationPolicy.defaults());
        CancellationPolicy configured = CancellationPolicy.fromConfiguration(java.util.Optional.of("48h=0,90m=25"));
        assertThat(configured.chargePercentFor(Role.STUDENT, Duration.ofMinutes(90))).isEqualTo(25);
        assertThat(configured.chargePercentFor(Role.STUDENT, Duration.ofMinutes(89))).isEqualTo(100);
    }

    @Test
    void malformedTierConfigurationFailsAtStartup() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> CancellationPolicy.fromConfiguration(java.util.Optional.of("24=0")));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> CancellationPolicy.fromConfiguration(java.util.Optional.of("12h=150")));
    }
}
