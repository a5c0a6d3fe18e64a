package dev.lessonbook.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lessonbook.emulators.Concurrently;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.ProjectRoot;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.local.client.ApiClient;
import dev.lessonbook.local.client.ApiClient.Response;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 3-D Secure on booking (issue 14), end to end over HTTP through the local runtime on moto and
 * localstripe: the card ids Stripe documents for authentication ({@code pm_card_authenticationRequired},
 * {@code pm_card_threeDSecure2Required}), the student's browser played by
 * {@code POST /_local/stripe/authenticate}, Stripe's events delivered signed by localstripe to the
 * webhook route the runtime registered. Nothing of ours is stubbed.
 */
@ExtendWith(LocalServersExtension.class)
class ThreeDSecureIT {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Duration EVENTUAL = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The runtime's webhook signing secret, so the race test can deliver Stripe's event itself. */
    private static final String WEBHOOK_SECRET = "whsec_threeds_e2e_" + UUID.randomUUID().toString().replace("-", "");

    private static LocalServers.Endpoints servers;
    private static LocalRuntimeProcess runtime;

    @BeforeAll
    static void theSystemOnTheEmulators(LocalServers.Endpoints endpoints) throws Exception {
        servers = endpoints;
        runtime = LocalRuntimeProcess.start(Map.of("AWS_ENDPOINT_URL", endpoints.aws().toString(),
                "STRIPE_API_BASE", endpoints.stripe().toString(),
                "LESSONBOOK_LOCAL_STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET));
    }

    @AfterAll
    static void stop() throws Exception {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void authenticatedCardConfirmsTheBookingByStripesWebhookAloneWhileTheSlotStaysHeld() throws Exception {
        ApiClient api = runtime.api();
        Lesson lesson = Lesson.soon(api, "wh");
        String student = api.token(lesson.student(), "student");

        Response booked = api.post("/v1/bookings", student, lesson.body("pm_card_authenticationRequired"));

        assertThat(booked.status()).isEqualTo(202);
        String id = booked.json().get("id").asText();
        assertThat(booked.header("Location")).isEqualTo("/v1/bookings/" + id);
        assertThat(booked.json().get("status").asText()).isEqualTo("PENDING");
        assertThat(booked.json().at("/payment/status").asText()).isEqualTo("REQUIRES_ACTION");
        String clientSecret = booked.json().at("/payment/clientSecret").asText();
        assertThat(clientSecret).startsWith("pi_").contains("_secret_");
        Instant holdEnds = Instant.parse(booked.json().get("holdExpiresAt").asText());
        assertThat(holdEnds).isBetween(Instant.now().plus(Duration.ofMinutes(14)), Instant.now().plus(Duration.ofMinutes(16)));
        assertThat(runtime.output()).as("the client secret is never logged").noneMatch(line -> line.contains(clientSecret));

        // Meanwhile the slot is held: another student is refused, and no read shows the secret.
        Response other = api.post("/v1/bookings", api.token(lesson.student() + "-other", "student"),
                lesson.body("pm_card_visa"));
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.json().get("code").asText()).isEqualTo("BOOKING_CONFLICT");
        assertThat(api.get("/v1/bookings/" + id, student).body()).doesNotContain("clientSecret").contains("REQUIRES_ACTION");
        assertThat(api.get("/v1/bookings/" + id, lesson.instructorToken()).body()).doesNotContain("clientSecret");
        assertThat(api.get("/v1/instructors/" + lesson.instructor() + "/bookings", lesson.instructorToken()).body())
                .contains(id).doesNotContain("clientSecret");

        assertThat(authenticate(api, clientSecret, true).json().get("status").asText()).isEqualTo("requires_capture");

        JsonNode confirmed = awaitBooking(api, student, id, "CONFIRMED");
        assertThat(confirmed.at("/payment/status").asText()).isEqualTo("AUTHORIZED");
        assertThat(confirmed.at("/payment/amountAuthorized").asLong()).isEqualTo(6000);
        assertThat(confirmed.has("holdExpiresAt")).isFalse();
    }

    @Test
    void confirmPaymentReadsTheIntentFromStripeAndIsIdempotent() throws Exception {
        ApiClient api = runtime.api();
        Lesson lesson = Lesson.soon(api, "cp");
        String student = api.token(lesson.student(), "student");
        Response booked = api.post("/v1/bookings", student, lesson.body("pm_card_threeDSecure2Required"));
        assertThat(booked.status()).isEqualTo(202);
        String id = booked.json().get("id").asText();
        String confirmPayment = "/v1/bookings/" + id + "/confirm-payment";

        // Before the student authenticated: still waiting, the secret given again.
        Response early = api.post(confirmPayment, student, null);
        assertThat(early.status()).isEqualTo(202);
        assertThat(early.json().at("/payment/clientSecret").asText()).isEqualTo(booked.json().at("/payment/clientSecret").asText());
        assertThat(api.post(confirmPayment, lesson.instructorToken(), null).status()).isEqualTo(403);
        assertThat(api.post(confirmPayment, api.token("stranger-" + lesson.student(), "student"), null).status()).isEqualTo(404);

        authenticate(api, booked.json().at("/payment/clientSecret").asText(), true);
        Response confirmed = api.post(confirmPayment, student, null);

        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.json().get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(confirmed.json().at("/payment/status").asText()).isEqualTo("AUTHORIZED");
        assertThat(confirmed.body()).doesNotContain("clientSecret");
        Response again = api.post(confirmPayment, student, null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(again.json().get("confirmedAt")).isEqualTo(confirmed.json().get("confirmedAt"));
    }

    @Test
    void aCardSavedForALessonMoreThanSixDaysAheadIsAuthenticatedOnItsSetupIntent() throws Exception {
        ApiClient api = runtime.api();
        Lesson lesson = Lesson.on(api, "setup", LocalDate.now(BERLIN).plusDays(10));
        String student = api.token(lesson.student(), "student");
        Response booked = api.post("/v1/bookings", student, lesson.body("pm_card_authenticationRequired"));
        assertThat(booked.status()).isEqualTo(202);
        String clientSecret = booked.json().at("/payment/clientSecret").asText();
        assertThat(clientSecret).startsWith("seti_");

        assertThat(authenticate(api, clientSecret, true).json().get("status").asText()).isEqualTo("succeeded");

        JsonNode confirmed = awaitBooking(api, student, booked.json().get("id").asText(), "CONFIRMED");
        assertThat(confirmed.at("/payment/status").asText()).isEqualTo("SCHEDULED");
    }

    @Test
    void failedAuthenticationEndsThePaymentAndFreesTheSlotAtOnce() throws Exception {
        ApiClient api = runtime.api();
        Lesson lesson = Lesson.soon(api, "fail");
        String student = api.token(lesson.student(), "student");
        Response booked = api.post("/v1/bookings", student, lesson.body("pm_card_authenticationRequired"));
        String id = booked.json().get("id").asText();

        authenticate(api, booked.json().at("/payment/clientSecret").asText(), false);
        Response answer = api.post("/v1/bookings/" + id + "/confirm-payment", student, null);

        assertThat(answer.status()).isEqualTo(402);
        assertThat(answer.json().get("code").asText()).isEqualTo("PAYMENT_DECLINED");
        JsonNode failed = api.get("/v1/bookings/" + id, student).json();
        assertThat(failed.get("status").asText()).isEqualTo("PAYMENT_FAILED");
        assertThat(failed.at("/payment/status").asText()).isEqualTo("FAILED");
        assertThat(api.post("/v1/bookings/" + id + "/confirm-payment", student, null).status()).as("the same answer again")
                .isEqualTo(402);
        Response next = api.post("/v1/bookings", api.token(lesson.student() + "-next", "student"), lesson.body("pm_card_visa"));
        assertThat(next.status()).as("the slot is free again").isEqualTo(201);
        assertThat(stripeIntent(intentOf(booked)).get("status").asText()).as("the intent can hold nothing later")
                .isEqualTo("canceled");
    }

    @Test
    void cancellingWhileTheCardAwaitsAuthenticationChargesNothingCancelsTheIntentAndFreesTheSlot() throws Exception {
        ApiClient api = runtime.api();
        Lesson lesson = Lesson.soon(api, "cancel");
        String student = api.token(lesson.student(), "student");
        Response booked = api.post("/v1/bookings", student, lesson.body("pm_card_authenticationRequired"));
        assertThat(booked.status()).isEqualTo(202);
        String id = booked.json().get("id").asText();

        Response cancelled = api.post("/v1/bookings/" + id + "/cancel", student, "{\"reason\":\"changed my mind\"}");

        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.json().at("/cancellation/chargePercent").asInt()).isZero();
        assertThat(cancelled.json().at("/cancellation/amountCharged").asLong()).isZero();
        assertThat(cancelled.json().at("/payment/status").asText()).isEqualTo("RELEASED");
        assertThat(cancelled.body()).doesNotContain("clientSecret");
        assertThat(stripeIntent(intentOf(booked)).get("status").asText()).as("a late authentication can hold nothing")
                .isEqualTo("canceled");
        assertThat(api.post("/v1/bookings/" + id + "/confirm-payment", student, null).json().get("status").asText())
                .isEqualTo("CANCELLED");
        Response next = api.post("/v1/bookings", api.token(lesson.student() + "-next", "student"), lesson.body("pm_card_visa"));
        assertThat(next.status()).as("the slot is free again").isEqualTo(201);
    }

    @Test
    void webhookAndConfirmPaymentRacingConfirmOnceAndEmailOnce() throws Exception {
        ApiClient api = runtime.api();
        Lesson lesson = Lesson.soon(api, "race");
        String student = api.token(lesson.student(), "student");
        Response booked = api.post("/v1/bookings", student, lesson.body("pm_card_authenticationRequired"));
        String id = booked.json().get("id").asText();
        String intentId = intentOf(booked);
        // The browser's authentication, then what Stripe sends about it — delivered by the test at
        // the same instant as the student's confirm-payment calls (localstripe's own delivery of
        // the event comes a second later and finds the booking confirmed).
        authenticate(api, booked.json().at("/payment/clientSecret").asText(), true);
        String event = """
                {"id":"evt_race_%s","object":"event","api_version":"2025-01-27.acacia","created":%d,
                 "data":{"object":%s},"livemode":false,"pending_webhooks":1,
                 "request":{"id":null,"idempotency_key":null},"type":"payment_intent.amount_capturable_updated"}"""
                .formatted(UUID.randomUUID().toString().replace("-", ""), Instant.now().getEpochSecond(),
                        stripeIntent(intentId).toString());
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            boolean webhook = i % 2 == 0;
            calls.add(() -> {
                start.await();
                return webhook
                        ? api.send("POST", "/v1/stripe/webhook", null, event,
                                Map.of("Stripe-Signature", signature(event))).status()
                        : api.post("/v1/bookings/" + id + "/confirm-payment", student, null).status();
            });
        }
        calls.add(() -> {
            start.countDown();
            return 200;
        });

        List<Integer> statuses = Concurrently.run(calls, calls.size());

        assertThat(statuses).as("every delivery and every confirm-payment succeeds").containsOnly(200);
        JsonNode confirmed = api.get("/v1/bookings/" + id, student).json();
        assertThat(confirmed.get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(confirmed.at("/payment/status").asText()).isEqualTo("AUTHORIZED");
        await("the student was emailed the confirmation", () -> emailsAbout(id, lesson.student() + "@").size() >= 1);
        await("the notification queue is drained", ThreeDSecureIT::notificationsDrained);
        assertThat(emailsAbout(id, lesson.student() + "@")).as("one confirmation, one email to the student").hasSize(1);
        assertThat(emailsAbout(id, lesson.instructor() + "@")).as("and one to the instructor").hasSize(1);
    }

    @Test
    void noAnswerBeforeTheHoldEndsExpiresTheBookingCancelsTheIntentAndFreesTheSlot() throws Exception {
        // A runtime whose holds last 6 s (template parameter PaymentHoldSeconds), its scheduler every second.
        Path template = Path.of("target", "template-hold-6s.yaml").toAbsolutePath();
        String original = Files.readString(ProjectRoot.find().resolve("template.yaml"));
        String shortHold = original.replaceFirst("(PaymentHoldSeconds:\\s+Type: Number\\s+Default: )900", "$16");
        assertThat(shortHold).isNotEqualTo(original);
        Files.createDirectories(template.getParent());
        Files.writeString(template, shortHold);
        runtime.close();
        LocalRuntimeProcess shortHolds = LocalRuntimeProcess.start(Map.of("AWS_ENDPOINT_URL", servers.aws().toString(),
                "STRIPE_API_BASE", servers.stripe().toString(), "LESSONBOOK_LOCAL_STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET),
                "--template", template.toString(), "--schedule-interval-seconds", "1");
        try {
            ApiClient api = shortHolds.api();
            Lesson lesson = Lesson.soon(api, "expiry");
            String student = api.token(lesson.student(), "student");
            Response booked = api.post("/v1/bookings", student, lesson.body("pm_card_authenticationRequired"));
            assertThat(booked.status()).isEqualTo(202);
            String id = booked.json().get("id").asText();

            JsonNode expired = awaitBooking(api, student, id, "EXPIRED");
            await("the intent is cancelled and the booking says so",
                    () -> "RELEASED".equals(api.get("/v1/bookings/" + id, student).json().at("/payment/status").asText()));
            assertThat(expired.has("holdExpiresAt")).isFalse();
            assertThat(stripeIntent(intentOf(booked)).get("status").asText()).isEqualTo("canceled");
            Response next = api.post("/v1/bookings", api.token(lesson.student() + "-next", "student"), lesson.body("pm_card_visa"));
            assertThat(next.status()).as("the slot is free again").isEqualTo(201);
            assertThat(api.post("/v1/bookings/" + id + "/confirm-payment", student, null).json().get("status").asText())
                    .isEqualTo("EXPIRED");
        } finally {
            shortHolds.close();
            runtime = LocalRuntimeProcess.start(Map.of("AWS_ENDPOINT_URL", servers.aws().toString(),
                    "STRIPE_API_BASE", servers.stripe().toString(), "LESSONBOOK_LOCAL_STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET));
        }
    }

    /** An instructor with a priced service and the whole day open on {@code date}, and a student of their own. */
    private record Lesson(String instructor, String instructorToken, String student, LocalDate date) {
        static Lesson soon(ApiClient api, String name) throws Exception {
            return on(api, name, LocalDate.now(BERLIN).plusDays(3));
        }

        static Lesson on(ApiClient api, String name, LocalDate date) throws Exception {
            String suffix = name + "-" + UUID.randomUUID().toString().substring(0, 8);
            String instructor = "ins-3ds-" + suffix;
            String token = api.token(instructor, "instructor");
            assertThat(api.put("/v1/instructors/" + instructor + "/profile", token, """
                    {"timezone":"Europe/Berlin","services":[{"id":"guitar","name":"Guitar","durationOptions":[60],
                     "rates":{"online":6000},"active":true}]}""").status()).isEqualTo(200);
            LocalDate monday = date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            Response week = api.put("/v1/instructors/" + instructor + "/availability/weeks/" + monday, token,
                    "{\"windows\":[{\"date\":\"%s\",\"start\":\"08:00\",\"end\":\"20:00\"}]}".formatted(date));
            assertThat(week.status()).as(week.body()).isEqualTo(200);
            return new Lesson(instructor, token, "stu-3ds-" + suffix, date);
        }

        String body(String paymentMethodId) {
            return """
                    {"instructorId":"%s","serviceId":"guitar","date":"%s","start":"10:00","durationMinutes":60,
                     "locationType":"online","paymentMethodId":"%s"}""".formatted(instructor, date, paymentMethodId);
        }
    }

    private static Response authenticate(ApiClient api, String clientSecret, boolean success) {
        Response done = api.post("/_local/stripe/authenticate", null,
                "{\"clientSecret\":\"%s\",\"success\":%s}".formatted(clientSecret, success));
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        return done;
    }

    private static String intentOf(Response booked) {
        String clientSecret = booked.json().at("/payment/clientSecret").asText();
        return clientSecret.substring(0, clientSecret.indexOf("_secret_"));
    }

    private static JsonNode awaitBooking(ApiClient api, String token, String id, String status) throws InterruptedException {
        await("booking " + id + " becomes " + status,
                () -> status.equals(api.get("/v1/bookings/" + id, token).json().get("status").asText()));
        return api.get("/v1/bookings/" + id, token).json();
    }

    /** The intent as localstripe holds it (the raw document Stripe's event would carry). */
    private static JsonNode stripeIntent(String intentId) throws Exception {
        HttpResponse<String> intent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        servers.stripe().resolve("/v1/payment_intents/" + intentId))
                .header("Authorization", "Bearer " + LocalServers.STRIPE_TEST_KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(intent.statusCode()).isEqualTo(200);
        return JSON.readTree(intent.body());
    }

    /** {@code Stripe-Signature} as Stripe documents it: {@code t=<seconds>,v1=<hex HMAC-SHA256 of "t.payload">}. */
    private static String signature(String payload) throws Exception {
        long t = Instant.now().getEpochSecond();
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(hmac.doFinal((t + "." + payload).getBytes(StandardCharsets.UTF_8)));
    }

    /** Messages sent through the emulator's SES that mention the booking, to addresses starting with {@code to}. */
    private static List<JsonNode> emailsAbout(String bookingId, String to) {
        try {
            HttpResponse<String> data = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(servers.aws().resolve("/moto-api/data.json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            List<JsonNode> matching = new ArrayList<>();
            for (JsonNode message : JSON.readTree(data.body()).path("ses").path("Message")) {
                boolean addressed = message.path("destinations").path("ToAddresses").toString().contains("\"" + to);
                if (addressed && message.path("body").asText().contains(bookingId)) {
                    matching.add(message);
                }
            }
            return matching;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the emulator's SES messages", e);
        }
    }

    private static boolean notificationsDrained() {
        try (var sqs = software.amazon.awssdk.services.sqs.SqsClient.builder().endpointOverride(servers.aws())
                .region(software.amazon.awssdk.regions.Region.of(servers.region()))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                                LocalServers.ACCESS_KEY, LocalServers.SECRET_KEY))).build()) {
            String url = sqs.getQueueUrl(get -> get.queueName("lessonbook-local-NotificationQueue")).queueUrl();
            Map<String, String> counts = sqs.getQueueAttributes(get -> get.queueUrl(url).attributeNamesWithStrings(
                    "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
            return "0".equals(counts.get("ApproximateNumberOfMessages"))
                    && "0".equals(counts.get("ApproximateNumberOfMessagesNotVisible"));
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant giveUp = Instant.now().plus(EVENTUAL);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("%s within %s", what, EVENTUAL).isBefore(giveUp);
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }
}
