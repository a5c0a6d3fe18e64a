package dev.lessonbook.functions.payment;

import static dev.lessonbook.fixtures.Bookings.aHold;
import static dev.lessonbook.payments.stripe.SignedStripeEvents.charge;
import static dev.lessonbook.payments.stripe.SignedStripeEvents.dispute;
import static dev.lessonbook.payments.stripe.SignedStripeEvents.event;
import static dev.lessonbook.payments.stripe.SignedStripeEvents.newEventId;
import static dev.lessonbook.payments.stripe.SignedStripeEvents.paymentIntent;
import static dev.lessonbook.payments.stripe.SignedStripeEvents.signature;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.BookingStatus;
import dev.lessonbook.booking.BookingStore.ReserveOutcome;
import dev.lessonbook.dynamodb.FunctionEnvironment;
import dev.lessonbook.dynamodb.Keys;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.booking.DynamoBookingStore;
import dev.lessonbook.emulators.Concurrently;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.http.Limits;
import dev.lessonbook.http.TestEvents;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.Dispute;
import dev.lessonbook.payment.Payment;
import dev.lessonbook.payment.PaymentOutcome;
import dev.lessonbook.payment.PaymentStatus;
import dev.lessonbook.payments.stripe.StripePaymentGateway;
import dev.lessonbook.payments.stripe.StripeSide;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * POST /v1/stripe/webhook through the real handler on moto and the local Stripe server. Events
 * are signed by the test as Stripe documents it (SignedStripeEvents), since the local server never
 * sends refunds, disputes or cancellations; the payments they are about are real intents on the
 * local Stripe server, so a charge's or dispute's booking is found from its intent as in production.
 */
@ExtendWith(LocalServersExtension.class)
class StripeWebhookHandlerIT {
    private static final String SECRET = "whsec_lessonbook_webhook_test_secret";
    private static final String INSTRUCTOR = "inst_42";
    private static final long PRICE = 6000;

    private static Tables tables;
    private static DynamoBookingStore bookings;
    private static StripePaymentGateway stripe;
    private static StripeWebhookHandler handler;
    private static java.net.URI stripeBase;
    /** Each lesson gets its own student and hour, so no two share a lock. */
    private static int lessons;

    @BeforeAll
    static void handlerOnTheEmulators(LocalServers.Endpoints endpoints) {
        tables = FunctionEnvironment.prepare(endpoints);
        bookings = new DynamoBookingStore(tables);
        FunctionEnvironment.storeStripeSecret(endpoints, "/lessonbook-test/stripe-secret-webhook");
        FunctionEnvironment.storeStripeWebhookSecret(endpoints, "/lessonbook-test/stripe-webhook-secret", SECRET);
        stripe = new StripePaymentGateway(LocalServers.STRIPE_TEST_KEY, endpoints.stripe(),
                StripePaymentGateway.DEFAULT_CONNECT_TIMEOUT, StripePaymentGateway.DEFAULT_READ_TIMEOUT);
        handler = new StripeWebhookHandler();
        stripeBase = endpoints.stripe();
    }

    @Test
    void aRefundMadeInStripesDashboardIsRecordedFromTheChargesIntent() {
        Booking lesson = completedLesson();
        String intent = lesson.payment().paymentIntentId();

        APIGatewayV2HTTPResponse partly = deliver(event(newEventId(), "charge.refunded", charge(intent, PRICE, 2000)));
        assertThat(partly.getStatusCode()).isEqualTo(200);
        assertThat(partly.getBody()).isEqualTo("{\"received\":true,\"handled\":\"APPLIED\"}");
        assertThat(payment(lesson).amountRefunded()).isEqualTo(usd(2000));
        assertThat(payment(lesson).status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(payment(lesson).kept()).isEqualTo(usd(4000));

        deliver(event(newEventId(), "charge.refunded", charge(intent, PRICE, PRICE)));
        assertThat(payment(lesson).status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(payment(lesson).kept()).isEqualTo(usd(0));
    }

    @Test
    void aDeliveryRepeatedIsAnsweredAgainWithoutASecondChange() {
        Booking lesson = completedLesson();
        String refund = event(newEventId(), "charge.refunded", charge(lesson.payment().paymentIntentId(), PRICE, 2000));

        assertThat(deliver(refund).getBody()).contains("\"APPLIED\"");
        APIGatewayV2HTTPResponse again = deliver(refund);

        assertThat(again.getStatusCode()).isEqualTo(200);
        assertThat(again.getBody()).contains("\"DUPLICATE\"");
        assertThat(payment(lesson).amountRefunded()).isEqualTo(usd(2000));
    }

    @Test
    void aRefundTotalDeliveredAfterALargerOneChangesNothing() {
        Booking lesson = completedLesson();
        String intent = lesson.payment().paymentIntentId();
        deliver(event(newEventId(), "charge.refunded", charge(intent, PRICE, 3000)));

        assertThat(deliver(event(newEventId(), "charge.refunded", charge(intent, PRICE, 1000))).getBody())
                .contains("\"UNCHANGED\"");

        assertThat(payment(lesson).amountRefunded()).isEqualTo(usd(3000));
    }

    @Test
    void refundTotalsDeliveredConcurrentlyEndAtTheLargest() throws Exception {
        Booking lesson = completedLesson();
        String intent = lesson.payment().paymentIntentId();
        List<Callable<APIGatewayV2HTTPResponse>> deliveries = new ArrayList<>();
        for (long total = 1000; total <= PRICE; total += 1000) {
            String body = event(newEventId(), "charge.refunded", charge(intent, PRICE, total));
            deliveries.add(() -> deliver(body));
        }

        List<APIGatewayV2HTTPResponse> answers = Concurrently.run(deliveries, deliveries.size());

        assertThat(answers).extracting(APIGatewayV2HTTPResponse::getStatusCode).containsOnly(200);
        assertThat(payment(lesson).amountRefunded()).isEqualTo(usd(PRICE));
        assertThat(payment(lesson).status()).isEqualTo(PaymentStatus.REFUNDED);
    }

    @Test
    void oneEventDeliveredConcurrentlyIsAppliedOnce() throws Exception {
        Booking lesson = completedLesson();
        String opened = event(newEventId(), "charge.dispute.created",
                dispute("dp_" + lesson.id(), lesson.payment().paymentIntentId(), PRICE, "needs_response"));
        List<Callable<APIGatewayV2HTTPResponse>> deliveries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            deliveries.add(() -> deliver(opened));
        }

        List<APIGatewayV2HTTPResponse> answers = Concurrently.run(deliveries, deliveries.size());

        assertThat(answers).extracting(APIGatewayV2HTTPResponse::getStatusCode).containsOnly(200);
        assertThat(answers).filteredOn(answer -> answer.getBody().contains("\"APPLIED\"")).hasSize(1);
        assertThat(payment(lesson).status()).isEqualTo(PaymentStatus.DISPUTED);
    }

    @Test
    void aDisputeOpensThenIsWon() {
        Booking lesson = completedLesson();
        String intent = lesson.payment().paymentIntentId();
        String disputeId = "dp_" + lesson.id();

        deliver(event(newEventId(), "charge.dispute.created", dispute(disputeId, intent, PRICE, "needs_response")));
        assertThat(payment(lesson).status()).isEqualTo(PaymentStatus.DISPUTED);
        deliver(event(newEventId(), "charge.dispute.closed", dispute(disputeId, intent, PRICE, "won")));

        assertThat(payment(lesson).status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(payment(lesson).dispute()).isEqualTo(new Dispute(disputeId, usd(PRICE), Dispute.Outcome.WON));
    }

    @Test
    void aDisputeLostBeforeItsOpeningIsDeliveredStaysLost() {
        Booking lesson = completedLesson();
        String intent = lesson.payment().paymentIntentId();
        String disputeId = "dp_" + lesson.id();

        deliver(event(newEventId(), "charge.dispute.closed", dispute(disputeId, intent, PRICE, "lost")));
        APIGatewayV2HTTPResponse late = deliver(event(newEventId(), "charge.dispute.created",
                dispute(disputeId, intent, PRICE, "needs_response")));

        assertThat(late.getBody()).contains("\"UNCHANGED\"");
        assertThat(payment(lesson).status()).isEqualTo(PaymentStatus.DISPUTE_LOST);
        assertThat(payment(lesson).kept()).isEqualTo(usd(0));
    }

    @Test
    void aCancelledAuthorizationOfAConfirmedLessonGoesToManualReview() {
        Booking lesson = confirmedLesson();
        String intent = lesson.payment().paymentIntentId();

        deliver(event(newEventId(), "payment_intent.canceled",
                paymentIntent(intent, lesson.id(), "canceled", PRICE, 0, "automatic", null)));

        Booking stored = bookings.find(lesson.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(stored.payment().status()).isEqualTo(PaymentStatus.MANUAL_REVIEW);
    }

    @Test
    void aLapsedHoldOfAConfirmedLessonWithASavedCardIsAuthorizedAgainOnStripe() throws Exception {
        Booking pending = hold();
        PaymentOutcome.CardSaved saved = (PaymentOutcome.CardSaved) stripe.saveCard(pending.id(), "pm_card_visa",
                pending.studentId());
        PaymentOutcome.Authorized first = (PaymentOutcome.Authorized) stripe.authorizeSaved(pending.id(), pending.price(),
                saved.customerId(), saved.paymentMethodId());
        Booking lesson = bookings.confirm(pending.confirmed(Instant.now(), Payment.scheduled("usd", saved.customerId(),
                saved.paymentMethodId()).withAuthorization(first.amount(), first.paymentIntentId())), List.of());
        lapseOnStripe(first.paymentIntentId());
        String lapsed = event(newEventId(), "payment_intent.canceled",
                paymentIntent(first.paymentIntentId(), lesson.id(), "canceled", PRICE, 0, "automatic", null));

        APIGatewayV2HTTPResponse response = deliver(lapsed);
        APIGatewayV2HTTPResponse again = deliver(event(newEventId(), "payment_intent.canceled",
                paymentIntent(first.paymentIntentId(), lesson.id(), "canceled", PRICE, 0, "automatic", null)));

        assertThat(response.getBody()).contains("\"APPLIED\"");
        assertThat(again.getBody()).as("the same lapse told twice renews once").contains("\"UNCHANGED\"");
        Payment renewed = payment(lesson);
        assertThat(renewed.status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(renewed.renewedFrom()).isEqualTo(first.paymentIntentId());
        assertThat(renewed.paymentIntentId()).isNotEqualTo(first.paymentIntentId());
        com.stripe.model.PaymentIntent onStripe = new StripeSide(stripeBase).intent(renewed.paymentIntentId());
        assertThat(onStripe.getStatus()).isEqualTo("requires_capture");
        assertThat(onStripe.getCustomer()).isEqualTo(saved.customerId());
        assertThat(onStripe.getAmount()).isEqualTo(PRICE);
    }

    private static void lapseOnStripe(String intentId) throws Exception {
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(stripeBase + "/_config/lessonbook/payment_intents/"
                        + intentId + "/lapse")).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    @Test
    void aFailedOffSessionAuthorizationFailsTheBookingAndFreesItsTime() {
        Booking lesson = lessonWithASavedCard();

        APIGatewayV2HTTPResponse response = deliver(event(newEventId(), "payment_intent.payment_failed",
                paymentIntent("pi_offsession_" + lesson.id(), lesson.id(), "requires_payment_method", PRICE, 0, null,
                        "insufficient_funds")));

        assertThat(response.getBody()).contains("\"APPLIED\"");
        Booking stored = bookings.find(lesson.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(BookingStatus.PAYMENT_FAILED);
        assertThat(stored.payment().status()).isEqualTo(PaymentStatus.FAILED);
        Booking sameTime = aHold(Instant.now().plus(Duration.ofMinutes(10))).instructor(INSTRUCTOR).student("stud_other")
                .zone(ZoneOffset.UTC).startingAt(lesson.startsAt()).price(PRICE, "usd").createdAt(Instant.now()).build();
        assertThat(bookings.reserve(sameTime, Instant.now())).isEqualTo(new ReserveOutcome.Reserved(sameTime));
    }

    /**
     * 3-D Secure off-session (docs/decisions.md): Stripe reports the scheduled authorization's
     * authentication_required refusal too, which fails nothing; the student's authentication
     * held afterwards records AUTHORIZED on the still-confirmed booking, once.
     */
    @Test
    void anOffSessionAuthenticationRefusalChangesNothingAndTheStudentsLaterAuthenticationIsRecordedOnce() {
        Booking scheduled = lessonWithASavedCard();
        String intentId = "pi_auth_" + scheduled.id();

        assertThat(deliver(event(newEventId(), "payment_intent.payment_failed", paymentIntent(intentId, scheduled.id(),
                "requires_payment_method", PRICE, 0, null, "authentication_required"))).getBody()).contains("\"UNCHANGED\"");
        assertThat(payment(scheduled).status()).isEqualTo(PaymentStatus.SCHEDULED);
        Booking awaiting = scheduled.withPayment(Payment.awaitingAuthentication("usd", intentId, "cus_" + scheduled.id(), "pm_saved"));
        assertThat(bookings.updatePayment(awaiting, scheduled, List.of())).isTrue();

        String held = event(newEventId(), "payment_intent.amount_capturable_updated",
                paymentIntent(intentId, scheduled.id(), "requires_capture", PRICE, PRICE, null, null));
        assertThat(deliver(held).getBody()).contains("\"APPLIED\"");

        Booking stored = bookings.find(scheduled.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(stored.payment().status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(stored.payment().paymentIntentId()).isEqualTo(intentId);
        assertThat(stored.payment().amountAuthorized()).isEqualTo(usd(PRICE));
    }

    @Test
    void anOffSessionAuthorizationReportedHeldIsRecorded() {
        Booking lesson = lessonWithASavedCard();

        deliver(event(newEventId(), "payment_intent.amount_capturable_updated",
                paymentIntent("pi_held_" + lesson.id(), lesson.id(), "requires_capture", PRICE, PRICE, null, null)));

        Payment payment = payment(lesson);
        assertThat(payment.status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(payment.paymentIntentId()).isEqualTo("pi_held_" + lesson.id());
        assertThat(payment.amountAuthorized()).isEqualTo(usd(PRICE));
    }

    @Test
    void aTypeNotFollowedIsAcknowledgedAndRecorded() {
        String id = newEventId();

        APIGatewayV2HTTPResponse response = deliver(event(id, "customer.created", "{\"id\": \"cus_1\", \"object\": \"customer\"}"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).contains("\"IGNORED\"");
        assertThat(recorded(id)).containsKey("processedAt");
    }

    @Test
    void aForgedSignatureIsRefusedAndNothingIsRecordedOrChanged() {
        Booking lesson = completedLesson();
        String id = newEventId();
        String body = event(id, "charge.refunded", charge(lesson.payment().paymentIntentId(), PRICE, PRICE));

        APIGatewayV2HTTPResponse response = deliver(body, signature("whsec_someone_else", Instant.now(), body));

        assertRefused(response, "INVALID_SIGNATURE");
        assertThat(recorded(id)).isEmpty();
        assertThat(payment(lesson)).isEqualTo(lesson.payment());
    }

    @Test
    void aBodyChangedAfterSigningIsRefused() {
        Booking lesson = completedLesson();
        String id = newEventId();
        String signed = event(id, "charge.refunded", charge(lesson.payment().paymentIntentId(), PRICE, 1));
        String changed = signed.replace("\"amount_refunded\": 1,", "\"amount_refunded\": 6000,");

        assertRefused(deliver(changed, signature(SECRET, Instant.now(), signed)), "INVALID_SIGNATURE");

        assertThat(recorded(id)).isEmpty();
        assertThat(payment(lesson)).isEqualTo(lesson.payment());
    }

    @Test
    void aSignatureOlderThanFiveMinutesIsRefusedAsAReplay() {
        Booking lesson = completedLesson();
        String id = newEventId();
        String body = event(id, "charge.refunded", charge(lesson.payment().paymentIntentId(), PRICE, PRICE));

        APIGatewayV2HTTPResponse stale = deliver(body, signature(SECRET, Instant.now().minusSeconds(301), body));

        assertRefused(stale, "INVALID_SIGNATURE");
        assertThat(stale.getBody()).contains("tolerance");
        assertThat(recorded(id)).isEmpty();
        assertThat(payment(lesson)).isEqualTo(lesson.payment());
    }

    @Test
    void aDeliveryWithoutASignatureIsRefused() {
        String id = newEventId();

        APIGatewayV2HTTPResponse response = deliver(event(id, "customer.created", "{\"id\": \"cus_1\"}"), null);

        assertRefused(response, "INVALID_SIGNATURE");
        assertThat(response.getBody()).contains("Stripe-Signature header is missing");
        assertThat(recorded(id)).isEmpty();
    }

    @Test
    void aSignedBodyThatIsNoEventIsRefused() {
        assertRefused(deliver("{\"not\": \"an event\""), "MALFORMED_JSON");
    }

    @Test
    void aSignedEventOfOneMegabyteIsRead() {
        String id = newEventId();
        String body = padded(event(id, "customer.created", "{\"id\": \"cus_1\", \"object\": \"customer\", \"description\": \"%s\"}"),
                Limits.MAX_WEBHOOK_BODY_BYTES);

        APIGatewayV2HTTPResponse response = deliver(body);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(recorded(id)).containsKey("processedAt");
    }

    @Test
    void aBodyOverOneMegabyteIsRefusedBeforeItIsRead() {
        String id = newEventId();
        String body = padded(event(id, "customer.created", "{\"id\": \"cus_1\", \"object\": \"customer\", \"description\": \"%s\"}"),
                Limits.MAX_WEBHOOK_BODY_BYTES + 1);

        APIGatewayV2HTTPResponse response = deliver(body);

        assertRefused(response, "PAYLOAD_TOO_LARGE", 413);
        assertThat(recorded(id)).isEmpty();
    }

    @Test
    void theSampleEventIsRefusedForItsSignatureWithoutAJwtAuthorizer() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                TestEvents.fromSample("stripe-webhook.json").claims(null).event(), null);

        assertRefused(response, "INVALID_SIGNATURE");
    }

    // --- helpers ------------------------------------------------------------------------------

    private static APIGatewayV2HTTPResponse deliver(String body) {
        return deliver(body, signature(SECRET, Instant.now(), body));
    }

    /** As Stripe posts it: the raw JSON and its signature, through a route without a JWT authorizer. */
    private static APIGatewayV2HTTPResponse deliver(String body, String stripeSignature) {
        TestEvents.Builder request = TestEvents.fromSample("stripe-webhook.json").claims(null)
                .withoutHeader("stripe-signature").body(body);
        if (stripeSignature != null) {
            request.header("stripe-signature", stripeSignature);
        }
        return handler.handleRequest(request.event(), null);
    }

    private static void assertRefused(APIGatewayV2HTTPResponse response, String code) {
        assertRefused(response, code, 400);
    }

    private static void assertRefused(APIGatewayV2HTTPResponse response, String code, int status) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        assertThat(response.getBody()).contains("\"code\":\"" + code + "\"");
    }

    /** {@code template} (with one %s) filled with padding to exactly {@code bytes} bytes of UTF-8. */
    private static String padded(String template, int bytes) {
        int without = template.replace("%s", "").getBytes(StandardCharsets.UTF_8).length;
        return template.replace("%s", "x".repeat(bytes - without));
    }

    private static Map<String, AttributeValue> recorded(String eventId) {
        Map<String, AttributeValue> item = tables.client().getItem(get -> get.tableName(tables.tableName())
                .key(Keys.providerEvent(eventId)).consistentRead(true)).item();
        return item == null ? Map.of() : item;
    }

    private static Payment payment(Booking lesson) {
        return bookings.find(lesson.id()).orElseThrow().payment();
    }

    private static Money usd(long amount) {
        return Money.of(amount, "usd");
    }

    /** Two hours of a day ahead (UTC), one per lesson, so no two lessons of inst_42 (15 minutes' buffer) overlap. */
    private static Instant nextHour() {
        lessons++;
        return LocalDate.now(ZoneOffset.UTC).plusDays(3 + lessons / 8).atTime(6 + 2 * (lessons % 8), 0).toInstant(ZoneOffset.UTC);
    }

    /** A PENDING hold of inst_42, as create-booking takes it. */
    private static Booking hold() {
        Instant now = Instant.now();
        Booking pending = aHold(now.plus(Duration.ofMinutes(10))).instructor(INSTRUCTOR).student("stud_" + lessons)
                .zone(ZoneOffset.UTC).startingAt(nextHour()).price(PRICE, "usd").createdAt(now).build();
        assertThat(bookings.reserve(pending, now)).isEqualTo(new ReserveOutcome.Reserved(pending));
        return pending;
    }

    /** A CONFIRMED lesson whose price is authorized on the local Stripe server (its intent names the booking). */
    private static Booking confirmedLesson() {
        Booking pending = hold();
        PaymentOutcome outcome = stripe.authorize(pending.id(), pending.price(), "pm_card_visa", pending.studentId());
        assertThat(outcome).isInstanceOf(PaymentOutcome.Authorized.class);
        PaymentOutcome.Authorized authorized = (PaymentOutcome.Authorized) outcome;
        return bookings.confirm(pending.confirmed(Instant.now(),
                Payment.authorized(authorized.amount(), authorized.paymentIntentId(), "pm_card_visa")), List.of());
    }

    /** A COMPLETED lesson whose price was captured on the local Stripe server. */
    private static Booking completedLesson() {
        Booking confirmed = confirmedLesson();
        PaymentOutcome outcome = stripe.capture(confirmed.id(), confirmed.payment().paymentIntentId(), confirmed.price());
        assertThat(outcome).isInstanceOf(PaymentOutcome.Captured.class);
        PaymentOutcome.Captured captured = (PaymentOutcome.Captured) outcome;
        Booking completed = confirmed.withStatus(BookingStatus.COMPLETED)
                .withPayment(confirmed.payment().withCapture(captured.amount(), captured.paymentIntentId()));
        assertThat(bookings.update(completed, BookingStatus.CONFIRMED, List.of())).isTrue();
        return completed;
    }

    /** A CONFIRMED lesson more than 6 days ahead in real life: its card saved, its authorization still to come. */
    private static Booking lessonWithASavedCard() {
        Booking pending = hold();
        return bookings.confirm(pending.confirmed(Instant.now(), Payment.scheduled("usd", "cus_" + pending.id(),
                "pm_saved")), List.of());
    }
}
