package dev.lessonbook.bench;

import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Permissions;
import dev.lessonbook.access.Role;
import dev.lessonbook.availability.SaveWeekCommand;
import dev.lessonbook.availability.SavingWeekAvailability;
import dev.lessonbook.availability.WindowOnDate;
import dev.lessonbook.aws.AwsSettings;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.TestTable;
import dev.lessonbook.dynamodb.availability.DynamoAvailabilityStore;
import dev.lessonbook.dynamodb.profile.DynamoProfileStore;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.problem.Result;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.LessonService;
import dev.lessonbook.profile.LocationType;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * moto and localstripe, and what the functions expect to find there, as template.yaml declares it:
 * the table (keys and indexes of LessonbookTable), the event queues, the Stripe secret in SSM. Every
 * function setting is a system property of this JVM (read by {@code Env} before the handler
 * classes initialise) and an environment variable of the cold-start runs.
 */
public final class BenchEnvironment implements AutoCloseable {
    public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    public static final String SERVICE = "guitar-60";
    /** Two weeks ahead: every booking saves the card (SCHEDULED), none is inside the 24 h window. */
    public static final LocalDate MONDAY = LocalDate.now(BERLIN).with(TemporalAdjusters.next(DayOfWeek.MONDAY)).plusWeeks(1);

    private final LocalServers servers;
    private Tables tables;
    private final Map<String, String> settings;

    private BenchEnvironment(LocalServers servers, Tables tables, Map<String, String> settings) {
        this.servers = servers;
        this.tables = tables;
        this.settings = settings;
    }

    public static BenchEnvironment start() {
        LocalServers servers = LocalServers.start();
        LocalServers.Endpoints endpoints = servers.endpoints();
        Tables tables = TestTable.create(endpoints);
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LocalServers.ACCESS_KEY, LocalServers.SECRET_KEY));
        Map<String, String> settings = new LinkedHashMap<>();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        try (SqsClient sqs = SqsClient.builder().endpointOverride(endpoints.aws()).region(Region.of(endpoints.region()))
                .credentialsProvider(credentials).httpClient(AwsSettings.httpClient()).build()) {
            settings.put("INVALIDATION_QUEUE_URL", sqs.createQueue(c -> c.queueName("bench-invalidation-" + suffix)).queueUrl());
            settings.put("NOTIFICATION_QUEUE_URL", sqs.createQueue(c -> c.queueName("bench-notification-" + suffix)).queueUrl());
            // Every function publishes to the webhook queue too, as template.yaml's Globals set it (issue 18).
            settings.put("WEBHOOK_QUEUE_URL", sqs.createQueue(c -> c.queueName("bench-webhook-" + suffix)).queueUrl());
            // webhook-delivery's retries (its cold start, when named with --cold=).
            settings.put("WEBHOOK_DELIVERY_QUEUE_URL", sqs.createQueue(c -> c.queueName("bench-webhook-delivery-" + suffix)).queueUrl());
        }
        String parameter = "/lessonbook-bench/stripe-secret";
        try (SsmClient ssm = SsmClient.builder().endpointOverride(endpoints.aws()).region(Region.of(endpoints.region()))
                .credentialsProvider(credentials).httpClient(AwsSettings.httpClient()).build()) {
            ssm.putParameter(put -> put.name(parameter).type(ParameterType.SECURE_STRING)
                    .value(LocalServers.STRIPE_TEST_KEY).overwrite(true));
            // stripe-webhook's signing secret (its cold start, when named with --cold=).
            ssm.putParameter(put -> put.name(parameter + "-webhook").type(ParameterType.SECURE_STRING)
                    .value("whsec_bench").overwrite(true));
        }
        settings.put("AWS_ENDPOINT_URL", endpoints.aws().toString());
        settings.put("AWS_REGION", endpoints.region());
        settings.put("AWS_ACCESS_KEY_ID", LocalServers.ACCESS_KEY);
        settings.put("AWS_SECRET_ACCESS_KEY", LocalServers.SECRET_KEY);
        settings.put("STRIPE_API_BASE", endpoints.stripe().toString());
        settings.put("STRIPE_SECRET_PARAMETER", parameter);
        settings.put("STRIPE_WEBHOOK_SECRET_PARAMETER", parameter + "-webhook");
        settings.put("TABLE_NAME", tables.tableName());
        settings.put("NOTIFICATION_SENDER", "bookings@lessonbook.dev");
        // The notification worker's sender, verified as a deployer verifies it.
        try (SesV2Client ses = SesV2Client.builder().endpointOverride(endpoints.aws()).region(Region.of(endpoints.region()))
                .credentialsProvider(credentials).httpClient(AwsSettings.httpClient()).build()) {
            ses.createEmailIdentity(identity -> identity.emailIdentity(settings.get("NOTIFICATION_SENDER")));
        }
        settings.forEach(System::setProperty);
        return new BenchEnvironment(servers, tables, settings);
    }

    public Tables tables() {
        return tables;
    }

    /**
     * Points what is composed from now on (and the cold-start processes) at a new, empty table.
     * moto answers queries by walking the whole table, so a fresh table per section keeps one
     * section's data from slowing the next. Handler classes already initialised keep their table.
     */
    public void useFreshTable() {
        tables = TestTable.create(servers.endpoints());
        settings.put("TABLE_NAME", tables.tableName());
        System.setProperty("TABLE_NAME", tables.tableName());
    }

    /** The function settings, for the environment of a cold-start process. */
    public Map<String, String> settings() {
        return settings;
    }

    /** An instructor with a profile (Berlin, one 60-minute online service, no buffers). */
    public void instructor(String instructorId) {
        new DynamoProfileStore(tables).save(new InstructorProfile(instructorId, BERLIN, Map.of(), List.of(new LessonService(
                SERVICE, "Guitar lesson", List.of(30, 60), Map.of(LocationType.ONLINE, 6000L), "usd", true))));
    }

    /** Publishes {@code weekStart}'s seven days, 07:00–21:00 each. */
    public void openWeek(String instructorId, LocalDate weekStart) {
        openWeek(instructorId, weekStart, Clock.systemUTC());
    }

    /** The same, saved at the time {@code clock} tells (a week already past, saved back when it was ahead). */
    public void openWeek(String instructorId, LocalDate weekStart, Clock clock) {
        List<WindowOnDate> windows = new ArrayList<>();
        for (int day = 0; day < 7; day++) {
            windows.add(new WindowOnDate(weekStart.plusDays(day), 7 * 60, 21 * 60));
        }
        Result<?> saved = new SavingWeekAvailability(new DynamoProfileStore(tables), new DynamoAvailabilityStore(tables),
                clock).save(new SaveWeekCommand(Permissions.toChangeAvailability(new Caller(instructorId, Role.INSTRUCTOR), instructorId).orElseThrow(),
                weekStart, windows, true, Optional.empty()));
        if (!(saved instanceof Result.Ok<?>)) {
            throw new IllegalStateException("could not publish " + instructorId + " " + weekStart + ": " + saved);
        }
    }

    @Override
    public void close() {
        servers.close();
    }
}
