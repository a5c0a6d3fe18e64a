package dev.lessonbook.functions.booking;

import static dev.lessonbook.functions.booking.MovingLessons.DAY;
import static dev.lessonbook.functions.booking.MovingLessons.lockKeys;
import static dev.lessonbook.functions.booking.MovingLessons.lockKeysOf;
import static dev.lessonbook.functions.booking.MovingLessons.reschedule;
import static dev.lessonbook.functions.booking.MovingLessons.stored;
import static dev.lessonbook.functions.booking.MovingLessons.to;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.RescheduledFrom;
import dev.lessonbook.dynamodb.PrimingCheck;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.http.TestEvents;
import dev.lessonbook.payment.PaymentStatus;
import dev.lessonbook.problem.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** POST /v1/bookings/{id}/reschedule through the real handler, fed the sample event, on moto and localstripe. */
@ExtendWith(LocalServersExtension.class)
class RescheduleBookingHandlerIT {
    private MovingLessons lessons;

    @BeforeEach
    void anInstructorOpenForThreeDays(LocalServers.Endpoints endpoints) {
        MovingLessons.start(endpoints);
        lessons = new MovingLessons();
    }

    @Test
    void theSampleMovesTheStudentsLessonKeepingItsIdAndItsAuthorization() {
        // The sample's caller; no other test books stud_7, whose lock units are the student's own.
        Booking booking = lessons.booked("stud_7", DAY, 10 * 60);

        APIGatewayV2HTTPResponse response = MovingLessons.handler().handleRequest(TestEvents.fromSample("reschedule-booking.json")
                .pathParam("bookingId", booking.id()).json(to(DAY.plusDays(1), "15:30")).event(), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).contains("\"id\":\"" + booking.id() + "\"", "\"status\":\"CONFIRMED\"",
                "\"date\":\"" + DAY.plusDays(1) + "\"", "\"start\":\"15:30\"", "\"end\":\"16:30\"",
                "\"startsAt\":\"" + DAY.plusDays(1) + "T15:30:00Z\"",
                "\"rescheduledFrom\":{\"date\":\"" + DAY + "\",\"start\":\"10:00\",\"end\":\"11:00\",\"startsAt\":\""
                        + DAY + "T10:00:00Z\"}", "\"rescheduleCount\":1",
                "\"payment\":{\"status\":\"AUTHORIZED\",\"amountAuthorized\":6000");
        Booking moved = stored(booking);
        assertThat(moved.rescheduledFrom()).isEqualTo(RescheduledFrom.of(booking));
        assertThat(moved.payment()).as("the same PaymentIntent, nothing authorized again").isEqualTo(booking.payment());
        assertThat(moved.payment().status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(lockKeys(booking.id())).as("a scan finds exactly the new time's locks")
                .containsExactlyInAnyOrderElementsOf(lockKeysOf(moved));
    }

    @Test
    void aLessonMovedPastItsAuthorizationsLifeHasItsCardSavedAndItsAuthorizationReleased() throws Exception {
        String student = lessons.student("far");
        Booking booking = lessons.booked(student, DAY, 10 * 60);
        assertThat(MovingLessons.intentStatus(booking.payment().paymentIntentId())).isEqualTo("requires_capture");

        // Booked now and authorized at once: the authorization covers starts until 6 days from now.
        APIGatewayV2HTTPResponse response = reschedule(booking, student, "student", to(DAY.plusDays(4), "10:00"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).contains("\"payment\":{\"status\":\"SCHEDULED\",\"amountAuthorized\":0");
        Booking moved = stored(booking);
        assertThat(moved.payment().status()).isEqualTo(PaymentStatus.SCHEDULED);
        assertThat(moved.payment().customerId()).isNotNull();
        assertThat(MovingLessons.intentStatus(booking.payment().paymentIntentId())).isEqualTo("canceled");
    }

    @Test
    void theOldTimeIsBookableByOthersRightAfterTheMove() {
        String student = lessons.student("a");
        Booking booking = lessons.booked(student, DAY, 10 * 60);
        assertThat(reschedule(booking, student, "student", to(DAY, "14:00")).getStatusCode()).isEqualTo(200);

        assertThat(lessons.book(lessons.student("b"), DAY, 10 * 60).result()).isInstanceOf(Result.Ok.class);
    }

    @Test
    void aRetryWithTheSameKeyIsAnsweredAsReplayedAndMovesNothingAgain() {
        String student = lessons.student("r");
        Booking booking = lessons.booked(student, DAY, 10 * 60);
        TestEvents.Builder request = TestEvents.fromSample("reschedule-booking.json").as(student, "student")
                .pathParam("bookingId", booking.id()).json(to(DAY, "12:00"));

        APIGatewayV2HTTPResponse first = MovingLessons.handler().handleRequest(request.event(), null);
        APIGatewayV2HTTPResponse retry = MovingLessons.handler().handleRequest(request.event(), null);

        assertThat(first.getStatusCode()).isEqualTo(200);
        assertThat(retry.getStatusCode()).isEqualTo(200);
        assertThat(retry.getHeaders()).containsEntry("Idempotent-Replayed", "true");
        assertThat(retry.getBody()).isEqualTo(first.getBody());
        assertThat(stored(booking).rescheduleCount()).isEqualTo(1);
    }

    @Test
    void someoneWhoIsNoPartyIsToldTheBookingDoesNotExist() {
        Booking booking = lessons.booked(lessons.student("a"), DAY, 10 * 60);

        APIGatewayV2HTTPResponse response = reschedule(booking, lessons.student("b"), "student", to(DAY, "12:00"));

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getBody()).contains("\"code\":\"NOT_FOUND\"", "\"detail\":\"Booking not found\"");
    }

    @Test
    void aBodyWithoutItsTimeIsAFieldError() {
        String student = lessons.student("a");
        Booking booking = lessons.booked(student, DAY, 10 * 60);

        APIGatewayV2HTTPResponse response = reschedule(booking, student, "student", "{\"date\":\"2026-02-30\",\"x\":1}");

        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(response.getBody()).contains("\"code\":\"VALIDATION_FAILED\"", "\"field\":\"date\"", "\"field\":\"start\"",
                "\"field\":\"x\"");
    }

    @Test
    void primingBeforeTheSnapshotWritesNothing(LocalServers.Endpoints endpoints) {
        PrimingCheck.writesNothing(RescheduleBookingHandler.PRIMING, endpoints);
    }
}
