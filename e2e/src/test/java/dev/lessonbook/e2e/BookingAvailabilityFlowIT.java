package dev.lessonbook.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.StripeClient;
import com.stripe.model.PaymentIntent;
import com.stripe.param.PaymentIntentListParams;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.local.client.ApiClient;
import dev.lessonbook.local.client.ApiClient.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SCENARIO.md, step by step, over HTTP against the local runtime on moto and localstripe. Nothing
 * of ours is stubbed; the test looks behind the API only to check side effects: the Stripe side,
 * the table's cached views, and the emails on the emulator's SES.
 */
@ExtendWith(LocalServersExtension.class)
class BookingAvailabilityFlowIT {
    private static final ZoneId TIMEZONE = ZoneId.of("Europe/Berlin");
    private static final Duration EVENTUAL = Duration.ofSeconds(60);
    private static final String TABLE = "lessonbook-local-LessonbookTable";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalServers.Endpoints servers;
    private static LocalRuntimeProcess runtime;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void theSystemOnTheEmulators(LocalServers.Endpoints endpoints) throws Exception {
        servers = endpoints;
        runtime = LocalRuntimeProcess.start(Map.of(
                "AWS_ENDPOINT_URL", endpoints.aws().toString(), "STRIPE_API_BASE", endpoints.stripe().toString()));
        dynamo = DynamoDbClient.builder().endpointOverride(endpoints.aws()).region(Region.of(endpoints.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalServers.ACCESS_KEY, LocalServers.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (runtime != null) {
            runtime.close();
        }
        if (dynamo != null) {
            dynamo.close();
        }
    }

    @Test
    void cancellingOneOfTwoBookingsLeavesAvailabilityAndTheOtherBookingUntouched() throws Exception {
        ApiClient api = runtime.api();
        String instructorId = "flow-instructor";
        String instructor = api.token(instructorId, "instructor");
        String student = api.token("flow-student", "student");
        LocalDate monday = LocalDate.now(TIMEZONE).with(TemporalAdjusters.next(DayOfWeek.MONDAY)).plusWeeks(1);
        String week = "/v1/instructors/" + instructorId + "/availability/weeks/" + monday;
        String nineToNoon = "{\"" + monday + "\":[{\"start\":\"09:00\",\"end\":\"12:00\"}]}";

        // 1. Publish availability: two windows, then the whole morning; the week map is warmed.
        assertThat(api.put("/v1/instructors/" + instructorId + "/profile", instructor, """
                {"timezone":"Europe/Berlin","services":[{"id":"guitar","name":"Guitar","durationOptions":[60],
                 "rates":{"online":6000},"active":true}]}""").status()).isEqualTo(200);
        assertThat(api.put(week, instructor, """
                {"windows":[{"date":"%1$s","start":"09:00","end":"10:00"},{"date":"%1$s","start":"11:00","end":"12:00"}],
                 "clearExisting":true}""".formatted(monday)).status()).isEqualTo(200);
        Response saved = api.put(week, instructor,
                "{\"windows\":[{\"date\":\"%s\",\"start\":\"09:00\",\"end\":\"12:00\"}],\"clearExisting\":true}".formatted(monday));
        assertThat(saved.status()).isEqualTo(200);
        Response baseline = api.get(week, student);
        assertThat(baseline.json().get("days").toString()).isEqualTo(nineToNoon);
        // The read fills the cache, and the worker re-warms it after the save's event: either may be
        // mid-fill (a marker without a view) at this instant, so wait for the settled state.
        await("the week map is cached", () -> viewItem(instructorId, "VIEW#WEEK#" + monday) != null);

        // 2. Book 09:00 and 11:00 with a card that authorizes: both confirmed, no overlap.
        Response nine = api.post("/v1/bookings", student, booking(instructorId, monday, "09:00"));
        Response eleven = api.post("/v1/bookings", student, booking(instructorId, monday, "11:00"));
        assertThat(nine.status()).isEqualTo(201);
        assertThat(eleven.status()).isEqualTo(201);
        assertThat(nine.json().get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(eleven.json().get("status").asText()).isEqualTo("CONFIRMED");
        String elevenId = eleven.json().get("id").asText();
        JsonNode nineBefore = api.get("/v1/bookings/" + nine.json().get("id").asText(), student).json();
        awaitQueuesDrained();

        // 3. Cancel 11:00, more than 24 h ahead: nothing charged, the scheduled payment released.
        Response cancelled = api.post("/v1/bookings/" + elevenId + "/cancel", student, "{\"reason\":\"scenario\"}");
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.json().at("/payment/status").asText()).isEqualTo("RELEASED");
        assertThat(cancelled.json().at("/cancellation/chargePercent").asInt()).isZero();
        assertThat(cancelled.json().at("/cancellation/amountCharged").asLong()).isZero();

        // Its events are consumed: the cache worker re-warms the views the cancellation deleted
        // (nobody reads them in between), and the instructor is told once.
        awaitQueuesDrained();
        await("the cache worker re-warmed the stats view", () -> viewItem(instructorId, "VIEW#STATS") != null);
        await("the instructor was emailed about the cancellation", () -> emailsAbout(elevenId, instructorId + "@").size() >= 1);
        assertThat(emailsAbout(elevenId, instructorId + "@")).filteredOn(email -> email.path("subject").asText().contains("ancel"))
                .hasSize(1);
        assertThat(stripeIntentsOf(elevenId)).as("nothing of the 11:00 lesson was charged on Stripe")
                .allSatisfy(intent -> assertThat(intent.getAmountReceived() == null ? 0L : intent.getAmountReceived()).isZero());

        // 4. The invariants.
        Response after = api.get(week, student);
        assertThat(after.json().get("days").toString()).as("the week, neither subtracted nor given back").isEqualTo(nineToNoon);
        assertThat(after.json().get("version")).isEqualTo(baseline.json().get("version"));

        JsonNode stats = api.get("/v1/instructors/" + instructorId + "/booking-stats", instructor).json();
        assertThat(stats.get("totalBookings").asInt()).isEqualTo(2);
        assertThat(stats.get("cancelledBookings").asInt()).isEqualTo(1);
        assertThat(stats.get("completedBookings").asInt()).isZero();

        Response third = api.post("/v1/bookings", api.token("flow-student-2", "student"), booking(instructorId, monday, "09:30"));
        assertThat(third.status()).isEqualTo(409);
        assertThat(third.json().get("code").asText()).isEqualTo("BOOKING_CONFLICT");
        assertThat(third.json().get("detail").asText()).isEqualTo("Instructor already has a booking that overlaps this time");
        assertThat(third.json().get("conflictScope").asText()).isEqualTo("instructor");

        JsonNode nineAfter = api.get("/v1/bookings/" + nine.json().get("id").asText(), student).json();
        assertThat(nineAfter.get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(nineAfter).isEqualTo(nineBefore);
    }

    private static String booking(String instructorId, LocalDate date, String start) {
        return """
                {"instructorId":"%s","serviceId":"guitar","date":"%s","start":"%s","durationMinutes":60,
                 "locationType":"online","paymentMethodId":"pm_card_visa"}""".formatted(instructorId, date, start);
    }

    private static Map<String, AttributeValue> viewItem(String instructorId, String sortKey) {
        Map<String, AttributeValue> item = dynamo.getItem(get -> get.tableName(TABLE).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("INSTRUCTOR#" + instructorId), "sk", AttributeValue.fromS(sortKey))))
                .item();
        return item == null || item.isEmpty() || !item.containsKey("view") ? null : item;
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

    private static List<PaymentIntent> stripeIntentsOf(String bookingId) throws Exception {
        StripeClient stripe = StripeClient.builder().setApiKey(LocalServers.STRIPE_TEST_KEY)
                .setApiBase(servers.stripe().toString()).build();
        return stripe.v1().paymentIntents().list(PaymentIntentListParams.builder().setLimit(100L).build()).getData().stream()
                .filter(intent -> bookingId.equals(intent.getMetadata().get("bookingId")))
                .toList();
    }

    private static void awaitQueuesDrained() throws Exception {
        await("the invalidation and notification queues are drained",
                () -> runtime.output().stream().noneMatch(line -> line.contains("failures=1")) && queuesEmpty());
    }

    private static boolean queuesEmpty() {
        try (var sqs = software.amazon.awssdk.services.sqs.SqsClient.builder().endpointOverride(servers.aws())
                .region(Region.of(servers.region())).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalServers.ACCESS_KEY, LocalServers.SECRET_KEY))).build()) {
            for (String queue : List.of("lessonbook-local-InvalidationQueue", "lessonbook-local-NotificationQueue")) {
                String url = sqs.getQueueUrl(get -> get.queueName(queue)).queueUrl();
                Map<String, String> counts = sqs.getQueueAttributes(get -> get.queueUrl(url).attributeNamesWithStrings(
                        "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
                if (!"0".equals(counts.get("ApproximateNumberOfMessages"))
                        || !"0".equals(counts.get("ApproximateNumberOfMessagesNotVisible"))) {
                    return false;
                }
            }
            return true;
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant giveUp = Instant.now().plus(EVENTUAL);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("%s within %s", what, EVENTUAL).isBefore(giveUp);
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }
}
