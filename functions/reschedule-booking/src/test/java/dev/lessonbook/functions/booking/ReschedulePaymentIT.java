package dev.lessonbook.functions.booking;

import static dev.lessonbook.functions.booking.MovingLessons.DAY;
import static dev.lessonbook.functions.booking.MovingLessons.reschedule;
import static dev.lessonbook.functions.booking.MovingLessons.stored;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.PaymentMethod;
import com.stripe.param.EventListParams;
import com.stripe.param.PaymentIntentListParams;
import com.stripe.param.PaymentMethodAttachParams;
import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Role;
import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.BookingOutcome;
import dev.lessonbook.booking.RescheduleRequest;
import dev.lessonbook.emulators.Concurrently;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.PaymentGateway;
import dev.lessonbook.payment.PaymentStatus;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Result;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The payment of a move (issue 16, docs/spec.md "Rescheduling"), through the real Stripe adapter
 * and checked on the local Stripe server's own records: its PaymentIntents and its events, which
 * Stripe lists newest first.
 */
@ExtendWith(LocalServersExtension.class)
class ReschedulePaymentIT {
    private MovingLessons lessons;
    private StripeClient stripeSide;

    @BeforeEach
    void anInstructorOpenForFiveDays(LocalServers.Endpoints endpoints) {
        MovingLessons.start(endpoints);
        lessons = new MovingLessons();
        stripeSide = StripeClient.builder().setApiKey(LocalServers.STRIPE_TEST_KEY)
                .setApiBase(MovingLessons.stripeBase().toString()).build();
    }

    @Test
    void theCardIsSavedToTheStudentsCustomerWhenTheLessonIsAuthorized() throws Exception {
        Booking booking = lessons.booked(lessons.student("saved"), DAY, 10 * 60);

        PaymentIntent intent = stripeSide.v1().paymentIntents().retrieve(booking.payment().paymentIntentId());
        assertThat(intent.getSetupFutureUsage()).isEqualTo("off_session");
        assertThat(booking.payment().customerId()).isNotNull().isEqualTo(intent.getCustomer());
        assertThat(booking.payment().paymentMethodId()).as("the saved method's own id").isNotEqualTo("pm_card_visa")
                .isEqualTo(intent.getPaymentMethod());
        PaymentMethod saved = stripeSide.v1().paymentMethods().retrieve(booking.payment().paymentMethodId());
        assertThat(saved.getCustomer()).isEqualTo(booking.payment().customerId());
    }

    @Test
    void anUnchangedPriceKeepsTheSameIntentAndStripeHoldsOneAuthorization() throws Exception {
        String student = lessons.student("same");
        Booking booking = lessons.booked(student, DAY, 10 * 60);

        APIGatewayV2HTTPResponse response = reschedule(booking, student, "student",
                "{\"date\":\"" + DAY.plusDays(1) + "\",\"start\":\"11:00\",\"durationMinutes\":60}");

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(stored(booking).payment()).isEqualTo(booking.payment());
        assertThat(intentsOf(booking)).extracting(PaymentIntent::getId).containsExactly(booking.payment().paymentIntentId());
        assertThat(intentsOf(booking)).extracting(PaymentIntent::getStatus).containsExactly("requires_capture");
        assertThat(eventsOf(booking)).containsExactly(
                "payment_intent.amount_capturable_updated " + booking.payment().paymentIntentId());
    }

    @Test
    void anotherPriceIsAuthorizedFirstAndTheOldAuthorizationCancelledAfter() throws Exception {
        String student = lessons.student("shorter");
        Booking booking = lessons.booked(student, DAY, 10 * 60);
        String old = booking.payment().paymentIntentId();

        APIGatewayV2HTTPResponse response = reschedule(booking, student, "student",
                "{\"date\":\"" + DAY + "\",\"start\":\"14:00\",\"durationMinutes\":30}");

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).contains("\"price\":{\"amount\":3000,\"currency\":\"usd\"}",
                "\"payment\":{\"status\":\"AUTHORIZED\",\"amountAuthorized\":3000");
        Booking moved = stored(booking);
        String replacement = moved.payment().paymentIntentId();
        assertThat(replacement).isNotEqualTo(old);
        assertThat(moved.payment().amountAuthorized()).isEqualTo(Money.of(3000, "usd"));
        assertThat(moved.payment().customerId()).isEqualTo(booking.payment().customerId());
        PaymentIntent now = stripeSide.v1().paymentIntents().retrieve(replacement);
        assertThat(now.getStatus()).isEqualTo("requires_capture");
        assertThat(now.getAmount()).isEqualTo(3000L);
        assertThat(now.getCustomer()).isEqualTo(booking.payment().customerId());
        assertThat(stripeSide.v1().paymentIntents().retrieve(old).getStatus()).isEqualTo("canceled");
        // Newest first: the old authorization was cancelled only after the new one was held.
        assertThat(eventsOf(booking)).containsExactly(
                "payment_intent.canceled " + old,
                "payment_intent.amount_capturable_updated " + replacement,
                "payment_intent.amount_capturable_updated " + old);
    }

    @Test
    void aDeclinedNewPriceLeavesTheBookingExactlyAsItWasAndHoldsNothingNew() throws Exception {
        String student = lessons.student("declined");
        Booking booked = lessons.booked(student, DAY, 10 * 60);
        // From now on the student's saved card is one whose every charge fails (Stripe's 4000000000000341).
        PaymentMethod failing = stripeSide.v1().paymentMethods().attach("pm_card_chargeCustomerFail",
                PaymentMethodAttachParams.builder().setCustomer(booked.payment().customerId()).build());
        MovingLessons.replace(booked.toBuilder().payment(new dev.lessonbook.payment.Payment(booked.payment().status(),
                booked.payment().amountAuthorized(), booked.payment().amountCaptured(), booked.payment().amountRefunded(),
                booked.payment().paymentIntentId(), booked.payment().customerId(), failing.getId(), null, null, null)).build());
        Booking booking = stored(booked);

        APIGatewayV2HTTPResponse response = reschedule(booking, student, "student",
                "{\"date\":\"" + DAY + "\",\"start\":\"14:00\",\"durationMinutes\":90}");

        assertThat(response.getStatusCode()).isEqualTo(402);
        assertThat(response.getBody()).contains("\"code\":\"PAYMENT_DECLINED\"", "\"declineCode\":\"generic_decline\"");
        assertThat(stored(booking)).isEqualTo(booking);
        assertThat(intentsOf(booking)).filteredOn(intent -> "requires_capture".equals(intent.getStatus()))
                .extracting(PaymentIntent::getId).containsExactly(booking.payment().paymentIntentId());
    }

    @Test
    void twoPriceChangingMovesOfOneBookingAtOnceLeaveOneWinnerAndReleaseTheLosersAuthorization() throws Exception {
        String student = lessons.student("race");
        Booking booking = lessons.booked(student, DAY, 10 * 60);
        List<String> incidents = new CopyOnWriteArrayList<>();
        // Both moves read the booking, then authorize together: neither can have seen the other's write.
        CyclicBarrier bothAuthorizing = new CyclicBarrier(2);
        var rescheduling = MovingLessons.rescheduling(meetingAt(bothAuthorizing, MovingLessons.stripe()), incidents);
        Caller caller = new Caller(student, Role.STUDENT);

        List<BookingOutcome> outcomes = Concurrently.run(List.<Callable<BookingOutcome>>of(
                () -> rescheduling.reschedule(new RescheduleRequest(caller, booking.id(), DAY, 14 * 60, 30, null)),
                () -> rescheduling.reschedule(new RescheduleRequest(caller, booking.id(), DAY, 16 * 60, 90, null))), 2);

        assertThat(outcomes).filteredOn(outcome -> outcome.result() instanceof Result.Ok).hasSize(1);
        assertThat(outcomes).filteredOn(outcome -> outcome.result() instanceof Result.Rejected<Booking> rejected
                && rejected.rejection().code() == ProblemCode.BOOKING_CHANGED).hasSize(1);
        Booking winner = stored(booking);
        assertThat(winner.rescheduleCount()).isEqualTo(1);
        assertThat(winner.payment().status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(winner.payment().amountAuthorized()).isEqualTo(winner.price());
        List<PaymentIntent> intents = intentsOf(booking);
        assertThat(intents).as("the booking's, the winner's and the loser's").hasSize(3);
        assertThat(intents).filteredOn(intent -> "requires_capture".equals(intent.getStatus()))
                .extracting(PaymentIntent::getId).as("money held once").containsExactly(winner.payment().paymentIntentId());
        assertThat(intents).filteredOn(intent -> !intent.getId().equals(winner.payment().paymentIntentId()))
                .extracting(PaymentIntent::getStatus).containsOnly("canceled");
        assertThat(incidents).isEmpty();
    }

    /** {@code real}, whose authorizations for a move wait until two are being made at once. */
    private static PaymentGateway meetingAt(CyclicBarrier barrier, PaymentGateway real) {
        return (PaymentGateway) Proxy.newProxyInstance(PaymentGateway.class.getClassLoader(),
                new Class<?>[] {PaymentGateway.class}, (proxy, method, args) -> {
                    if (method.getName().equals("authorizeSavedForMove")) {
                        barrier.await(20, TimeUnit.SECONDS);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException failed) {
                        throw failed.getCause();
                    }
                });
    }

    /** Every PaymentIntent the local Stripe server holds for the booking (by the metadata the adapter sets). */
    private List<PaymentIntent> intentsOf(Booking booking) throws StripeException {
        List<PaymentIntent> intents = new ArrayList<>();
        for (PaymentIntent intent : stripeSide.v1().paymentIntents()
                .list(PaymentIntentListParams.builder().setLimit(100L).build()).autoPagingIterable()) {
            if (intent.getMetadata() != null && booking.id().equals(intent.getMetadata().get("bookingId"))) {
                intents.add(intent);
            }
        }
        return intents;
    }

    /** The payment intent events of the booking's intents, newest first, as "type intentId". */
    private List<String> eventsOf(Booking booking) throws StripeException {
        List<String> ids = intentsOf(booking).stream().map(PaymentIntent::getId).toList();
        ObjectMapper json = new ObjectMapper();
        List<String> events = new ArrayList<>();
        for (Event event : stripeSide.v1().events().list(EventListParams.builder().setLimit(100L).build())
                .autoPagingIterable()) {
            if (!event.getType().startsWith("payment_intent.")) {
                continue;
            }
            String intentId;
            try {
                intentId = json.readTree(event.getDataObjectDeserializer().getRawJson()).path("id").asText();
            } catch (java.io.IOException unreadable) {
                throw new UncheckedIOException(unreadable);
            }
            if (ids.contains(intentId)) {
                events.add(event.getType() + " " + intentId);
            }
        }
        return events;
    }
}
