package dev.lessonbook.functions.booking;

import static dev.lessonbook.functions.booking.MovingLessons.DAY;
import static dev.lessonbook.functions.booking.MovingLessons.lockKeys;
import static dev.lessonbook.functions.booking.MovingLessons.lockKeysOf;
import static dev.lessonbook.functions.booking.MovingLessons.reschedule;
import static dev.lessonbook.functions.booking.MovingLessons.stored;
import static dev.lessonbook.functions.booking.MovingLessons.to;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Role;
import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.BookingOutcome;
import dev.lessonbook.booking.BookingStatus;
import dev.lessonbook.booking.ConflictScope;
import dev.lessonbook.emulators.Concurrently;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.payment.PaymentStatus;
import dev.lessonbook.problem.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real concurrent requests through the reschedule handler on moto (issue 16): the database alone
 * decides who gets a time, and a move racing another write of the same booking ends in one
 * consistent state, with exactly the winner's locks in the table.
 */
@ExtendWith(LocalServersExtension.class)
class RescheduleConcurrencyIT {
    private MovingLessons lessons;

    @BeforeEach
    void anInstructorOpenForThreeDays(LocalServers.Endpoints endpoints) {
        MovingLessons.start(endpoints);
        lessons = new MovingLessons();
    }

    @Test
    void thirtyBookingsMovedConcurrentlyIntoOneFreeTimeLeaveExactlyOneThere() throws Exception {
        List<Booking> bookings = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            // 90 minutes apart: 16 a day, on the first two days; the target is on the third.
            bookings.add(lessons.booked(lessons.student(Integer.toString(i)), DAY.plusDays(i / 16), (i % 16) * 90));
        }
        List<Callable<APIGatewayV2HTTPResponse>> moves = new ArrayList<>();
        for (Booking booking : bookings) {
            moves.add(() -> reschedule(booking, lessons.instructor, "instructor", to(DAY.plusDays(2), "10:00")));
        }

        List<APIGatewayV2HTTPResponse> responses = Concurrently.run(moves, moves.size());

        assertThat(responses).filteredOn(response -> response.getStatusCode() == 200).hasSize(1);
        assertThat(responses).filteredOn(response -> response.getStatusCode() == 409)
                .hasSize(29)
                .allSatisfy(response -> assertThat(response.getBody()).contains("\"code\":\"BOOKING_CONFLICT\"",
                        ConflictScope.INSTRUCTOR.detail()));
        Booking winner = bookings.get(responses.indexOf(responses.stream()
                .filter(response -> response.getStatusCode() == 200).findFirst().orElseThrow()));
        assertThat(lockKeys(winner.id())).containsExactlyInAnyOrderElementsOf(lockKeysOf(stored(winner)));
        for (Booking loser : bookings) {
            if (!loser.id().equals(winner.id())) {
                assertThat(stored(loser)).isEqualTo(loser);
                assertThat(lockKeys(loser.id())).containsExactlyInAnyOrderElementsOf(lockKeysOf(loser));
            }
        }
    }

    @Test
    void aMoveAndANewBookingRacingForOneTimeLeaveExactlyOne() throws Exception {
        for (int round = 0; round < 4; round++) {
            String student = lessons.student("m" + round);
            String other = lessons.student("n" + round);
            Booking booking = lessons.booked(student, DAY, round * 120);
            int target = 12 * 60 + round * 120;
            String start = String.format("%02d:%02d", target / 60, target % 60);

            List<Object> outcomes = Concurrently.run(List.<Callable<Object>>of(
                    () -> reschedule(booking, student, "student", to(DAY.plusDays(1), start)),
                    () -> lessons.book(other, DAY.plusDays(1), target)), 2);

            boolean moved = ((APIGatewayV2HTTPResponse) outcomes.get(0)).getStatusCode() == 200;
            boolean booked = ((BookingOutcome) outcomes.get(1)).result() instanceof Result.Ok;
            assertThat(moved ^ booked).as("round " + round + ": exactly one holds the time").isTrue();
        }
    }

    @Test
    void twoConcurrentMovesOfOneBookingNeverBothApplyToTheSameBooking() throws Exception {
        for (int round = 0; round < 4; round++) {
            String student = lessons.student("t" + round);
            Booking booking = lessons.booked(student, DAY, round * 120);

            List<APIGatewayV2HTTPResponse> responses = Concurrently.run(List.<Callable<APIGatewayV2HTTPResponse>>of(
                    () -> reschedule(booking, student, "student", to(DAY.plusDays(1), "09:00")),
                    () -> reschedule(booking, lessons.instructor, "instructor", to(DAY.plusDays(1), "18:00"))), 2);

            // Overlapping, one wins and the other changes nothing (409 BOOKING_CHANGED); if the
            // second only read after the first committed, it moved the moved booking again.
            List<Integer> statuses = responses.stream().map(APIGatewayV2HTTPResponse::getStatusCode).toList();
            Booking stored = stored(booking);
            if (statuses.contains(409)) {
                assertThat(statuses).containsExactlyInAnyOrder(200, 409);
                assertThat(responses).filteredOn(response -> response.getStatusCode() == 409).singleElement()
                        .satisfies(response -> assertThat(response.getBody()).contains("\"code\":\"BOOKING_CHANGED\""));
                assertThat(stored.rescheduleCount()).isEqualTo(1);
            } else {
                assertThat(statuses).containsExactly(200, 200);
                assertThat(stored.rescheduleCount()).isEqualTo(2);
            }
            assertThat(lockKeys(booking.id())).containsExactlyInAnyOrderElementsOf(lockKeysOf(stored));
            // Free the two targets for the next round.
            lessons.cancelling().cancel(new Caller(lessons.instructor, Role.INSTRUCTOR), booking.id(), null);
        }
    }

    @Test
    void aMoveRacingACancellationEndsCancelledWithNoLocksLeft() throws Exception {
        for (int round = 0; round < 4; round++) {
            String student = lessons.student("c" + round);
            String start = String.format("%02d:00", 8 + 2 * round);
            Booking booking = lessons.booked(student, DAY, round * 120);
            var cancelling = lessons.cancelling();

            List<Object> outcomes = Concurrently.run(List.<Callable<Object>>of(
                    () -> reschedule(booking, student, "student", to(DAY.plusDays(2), start)),
                    () -> cancelling.cancel(new Caller(lessons.instructor, Role.INSTRUCTOR), booking.id(), null)), 2);

            int moveStatus = ((APIGatewayV2HTTPResponse) outcomes.get(0)).getStatusCode();
            assertThat(moveStatus).as("round " + round).isIn(200, 409, 422);
            assertThat(outcomes.get(1)).isInstanceOf(Result.Ok.class);
            Booking stored = stored(booking);
            assertThat(stored.status()).isEqualTo(BookingStatus.CANCELLED);
            assertThat(stored.payment().status()).isEqualTo(PaymentStatus.RELEASED);
            assertThat(lockKeys(booking.id())).isEmpty();
            assertThat(stored.rescheduleCount()).isEqualTo(moveStatus == 200 ? 1 : 0);
        }
    }
}
