package dev.lessonbook.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.lessonbook.aws.AwsSettings;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.http.TestEvents;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * The key spread (issue 20): a synthetic day replayed through the real handlers on moto, every
 * DynamoDB request attributed to the partition it names ({@link KeyTraffic}), and the figures the
 * capacity model ({@link CapacityModel}, docs/capacity.md) is computed from.
 *
 * <p>The day: {@code instructors} instructors publish their profile and the weeks ahead; students
 * read an instructor's profile and bookable week, book (the real create-booking handler), some
 * read their booking back, some cancel (more than a day ahead), instructors list their bookings
 * and read their stats, and complete the lessons that ended (booked two days before, yesterday:
 * create-booking composed as its handler composes it, at that time). The SQS workers consume
 * both queues as Lambda's poller would, the outbox relay runs every 30 s and the payment
 * scheduler every 60 s of the replay, and once between the bookings and the later changes (it
 * reads the holds' deadlines of yesterday's lessons; its bookings and work time give the
 * scheduler's measured throughput, {@link SchedulerWork}). Instructors' popularity is mildly skewed (weight 1 / rank^0.3: the
 * busiest gets about 5 times the median), students are picked uniformly; nobody is booked twice
 * at one time. Some future lessons are moved by their student to another free time of the same
 * instructor (the real reschedule-booking handler), before the cancellations and completions.
 * The marketplace has webhook subscribers ({@link #SUBSCRIPTIONS}, made before the day): the
 * webhook queue is consumed by the real webhook-dispatch handler and the delivery queue by the
 * real webhook-delivery handler, which POSTs to a loopback receiver answering 204 — so the
 * delivery log and the subscription reads are measured with the rest.
 */
public final class KeySpread {
    /** Lesson starts every 90 minutes from 08:00: 60 minutes plus the 15-minute buffer after, without overlap. */
    private static final int[] STARTS = {8 * 60, 9 * 60 + 30, 11 * 60, 12 * 60 + 30, 14 * 60, 15 * 60 + 30, 17 * 60, 18 * 60 + 30};
    private static final int FUTURE_DAYS = 21;
    private static final int CONSUMERS = 4;
    /**
     * The day's webhook subscriptions, as marketplace-wide integrations have them: one to every
     * event type (a CRM, a data warehouse) and one to cancellations only. Each delivery is a few
     * requests of its own, so the day keeps to two.
     */
    static final List<List<String>> SUBSCRIPTIONS = List.of(List.of("*"), List.of("BookingCancelled"));
    private static final String PROFILE = """
            {"timezone":"Europe/Berlin","services":[{"id":"%s","name":"Guitar lesson","durationOptions":[30,60],\
            "rates":{"online":6000},"currency":"usd","active":true}]}""".formatted(BenchEnvironment.SERVICE);

    /** The size of the day. */
    record Day(int instructors, int students, int bookings, double cancelShare, double completeShare,
            double rescheduleShare, double readBackShare, int workers) {
        /**
         * Shares of all the day's bookings: 15 % cancelled, 30 % completed (yesterday's), 10 % moved
         * once (docs/decisions.md, "The synthetic day"); 30 % of the future ones read back.
         */
        static final double CANCEL = 0.15;
        static final double COMPLETE = 0.30;
        static final double RESCHEDULE = 0.10;
        static final double READ_BACK = 0.30;

        static Day full() {
            return new Day(1_000, 5_000, 10_000, CANCEL, COMPLETE, RESCHEDULE, READ_BACK, 8);
        }

        static Day quick() {
            return new Day(50, 250, 500, CANCEL, COMPLETE, RESCHEDULE, READ_BACK, 8);
        }

        /** A day of {@code bookings}, with the full day's proportions: one instructor per 10, one student per 2. */
        static Day of(int bookings) {
            return new Day(Math.max(1, bookings / 10), Math.max(1, bookings / 2), bookings, CANCEL, COMPLETE, RESCHEDULE,
                    READ_BACK, 8);
        }
    }

    private final BenchEnvironment environment;
    private final Day day;
    private final Random random = new Random(20);
    private final ConcurrentMap<String, List<Double>> durations = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> unexpected = new ConcurrentHashMap<>();
    private final List<String> unexpectedExamples = new CopyOnWriteArrayList<>();
    private final ConcurrentMap<String, LongAdder> sent = new ConcurrentHashMap<>();
    private final SchedulerWork scheduler = new SchedulerWork(SchedulerSettings.fromTemplate(
            Path.of(System.getProperty("lessonbook.root", "."), "template.yaml")));

    public KeySpread(BenchEnvironment environment, Day day) {
        this.environment = environment;
        this.day = day;
    }

    /**
     * One booking to make: who, with whom, when; and what happens to it later in the day (a move:
     * to {@code movedTo} at {@code movedStart}, a time of the same instructor nobody else is given).
     */
    private record Lesson(String student, String instructor, LocalDate date, int start, boolean past, Later later, boolean readBack,
            LocalDate movedTo, int movedStart) {}

    private enum Later { NOTHING, CANCEL, COMPLETE, RESCHEDULE }

    /**
     * The section of {@code ./bench/run} ({@code --only=keyspread} runs it alone; {@code --quick}
     * replays a small day): replays the day, computes the capacity model, and writes
     * bench/keyspread.json and docs/capacity.md (a quick day: under bench/target).
     */
    static void section(Path root, BenchEnvironment environment, boolean quick, List<String> args) throws Exception {
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("date", java.time.OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        results.put("command", "./bench/run" + (args.isEmpty() ? "" : " " + String.join(" ", args)));
        results.put("machine", Machine.describe());
        // Only the full day regenerates the committed files; a smaller one is written under target/.
        boolean small = quick || args.stream().anyMatch(a -> a.startsWith("--day="));
        Path resultsFile = root.resolve(small ? "bench/target/keyspread-quick.json" : "bench/keyspread.json");
        Path reportFile = root.resolve(small ? "bench/target/capacity-quick.md" : "docs/capacity.md");
        results.put("resultsFile", root.relativize(resultsFile).toString());
        // --day=N: a day of N bookings (the full day's proportions), e.g. to time a smaller one.
        Day day = args.stream().filter(a -> a.startsWith("--day=")).findFirst()
                .map(a -> Day.of(Integer.parseInt(a.substring(6)))).orElse(quick ? Day.quick() : Day.full());
        Map<String, Object> spread = new KeySpread(environment, day).run();
        results.put("keySpread", spread);
        results.put("capacity", CapacityModel.compute(spread));
        java.nio.file.Files.createDirectories(resultsFile.getParent());
        java.nio.file.Files.writeString(resultsFile, new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(results) + "\n");
        java.nio.file.Files.writeString(reportFile, CapacityReport.markdown(results));
        System.out.println("[bench] keyspread wrote " + resultsFile + " and " + reportFile + "; verdicts "
                + map(results.get("capacity")).get("verdicts"));
    }

    /**
     * {@code --only=keyspread --report-only}: the model and docs/capacity.md computed again from the
     * key spread a run saved (bench/keyspread.json, or the small day's file under target/), without
     * replaying the day — after a change to the model's rules or the report's text.
     */
    @SuppressWarnings("unchecked")
    static void reportOnly(Path root, boolean small) throws java.io.IOException {
        Path resultsFile = root.resolve(small ? "bench/target/keyspread-quick.json" : "bench/keyspread.json");
        Path reportFile = root.resolve(small ? "bench/target/capacity-quick.md" : "docs/capacity.md");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
        Map<String, Object> results = json.readValue(resultsFile.toFile(), LinkedHashMap.class);
        results.put("capacity", CapacityModel.compute(map(results.get("keySpread"))));
        java.nio.file.Files.writeString(resultsFile, json.writeValueAsString(results) + "\n");
        java.nio.file.Files.writeString(reportFile, CapacityReport.markdown(results));
        System.out.println("[bench] keyspread report rewrote " + resultsFile + " and " + reportFile + " from the saved key spread");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    public Map<String, Object> run() throws Exception {
        long started = System.nanoTime();
        environment.useFreshTable();
        String realStripe = environment.settings().get("STRIPE_API_BASE");
        KeyTraffic traffic = new KeyTraffic();
        // Left running: the handler classes initialised here keep it for the rest of the JVM.
        StripeRequests stripe = StripeRequests.inFrontOf(URI.create(realStripe));
        // Before any handler class of this JVM initialises: they read it once, in static init.
        System.setProperty("STRIPE_API_BASE", stripe.endpoint().toString());
        WebhookReceiver receiver = WebhookReceiver.start();
        String deliveryQueue = webhookSubscribers(receiver);
        SdkCalls.listen(call -> {
            traffic.accept(call);
            if (call.request() instanceof SendMessageRequest send) {
                sent.computeIfAbsent(queueName(send.queueUrl()), q -> new LongAdder()).increment();
            }
        });
        Map<String, Object> result;
        try {
            result = replay(stripe, deliveryQueue);
        } finally {
            SdkCalls.listen(null);
            System.setProperty("STRIPE_API_BASE", realStripe);
            receiver.stop();
        }
        result.put("webhookRequestsReceived", receiver.received());
        result.put("keys", traffic.report(10));
        result.put("seconds", Percentiles.round((System.nanoTime() - started) / 1e9));
        System.out.println("[bench] keyspread done in " + result.get("seconds") + " s");
        return result;
    }

    /**
     * The day's subscriptions (on the fresh table, before the day: not part of its traffic) to
     * {@code receiver}, and the delivery queue, with the settings webhook-dispatch and
     * webhook-delivery read at class init. Returns the delivery queue's URL.
     */
    private String webhookSubscribers(WebhookReceiver receiver) {
        String deliveryQueue;
        try (SqsClient sqs = sqs()) {
            deliveryQueue = sqs.createQueue(c -> c.queueName("bench-webhook-delivery-" + System.nanoTime())).queueUrl();
        }
        System.setProperty("WEBHOOK_DELIVERY_QUEUE_URL", deliveryQueue);
        System.setProperty("WEBHOOK_LOOPBACK_RECEIVERS", "allowed");
        dev.lessonbook.integration.SubscribingAWebhook subscribing = new dev.lessonbook.integration.SubscribingAWebhook(
                new dev.lessonbook.dynamodb.integration.DynamoWebhookSubscriptions(environment.tables()),
                dev.lessonbook.webhook.ReceiverUrlPolicy.local(), Clock.systemUTC());
        dev.lessonbook.access.Permissions.Administrator admin = dev.lessonbook.access.Permissions.toManageWebhooks(
                new dev.lessonbook.access.Caller("adm_keyspread", dev.lessonbook.access.Role.ADMIN)).orElseThrow();
        for (int i = 0; i < SUBSCRIPTIONS.size(); i++) {
            subscribing.subscribe(new dev.lessonbook.integration.SubscribingAWebhook.Subscribe(admin,
                    receiver.url() + "/hook-" + i, SUBSCRIPTIONS.get(i), "key spread receiver " + i)).orElseThrow();
        }
        return deliveryQueue;
    }

    /** A loopback receiver answering every POST 204 at once, counting them. */
    private record WebhookReceiver(com.sun.net.httpserver.HttpServer server, LongAdder count) {
        static WebhookReceiver start() throws java.io.IOException {
            com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 64);
            LongAdder count = new LongAdder();
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                count.increment();
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.setExecutor(Executors.newFixedThreadPool(CONSUMERS));
            server.start();
            return new WebhookReceiver(server, count);
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        long received() {
            return count.sum();
        }

        void stop() {
            server.stop(0);
            ((ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    private Map<String, Object> replay(StripeRequests stripe, String deliveryQueue) throws Exception {
        Handlers handlers = new Handlers();
        ZoneOffset utc = ZoneOffset.UTC;
        LocalDate today = LocalDate.now(BenchEnvironment.BERLIN);
        LocalDate firstFuture = today.plusDays(2);
        LocalDate yesterday = today.minusDays(1);
        LocalDate yesterdaysMonday = yesterday.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        List<String> instructors = new ArrayList<>();
        for (int i = 0; i < day.instructors(); i++) {
            instructors.add("ks_inst_" + i);
        }

        // Setup, part of the day's traffic: profiles, the weeks ahead, yesterday's week (saved back then).
        Clock beforeYesterdaysWeek = Clock.fixed(yesterdaysMonday.minusDays(1).atTime(12, 0).toInstant(utc), utc);
        List<Runnable> setup = new ArrayList<>();
        for (String instructor : instructors) {
            setup.add(() -> {
                call("put-profile", handlers.putProfile, TestEvents.fromSample("put-profile.json").claims(Functions.withEmail(instructor, "instructor"))
                        .pathParam("instructorId", instructor).json(PROFILE).event(), 200);
                for (LocalDate monday = firstFuture.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                        monday.isBefore(firstFuture.plusDays(FUTURE_DAYS)); monday = monday.plusWeeks(1)) {
                    call("save-availability", handlers.saveAvailability, saveWeek(instructor, monday, firstFuture), 200);
                }
                environment.openWeek(instructor, yesterdaysMonday, beforeYesterdaysWeek);
            });
        }
        runAll(setup);
        System.out.println("[bench] keyspread: " + instructors.size() + " instructors set up");

        List<Lesson> lessons = plan(instructors, firstFuture, yesterday);
        Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> createYesterday = Functions.createBookingTimed(
                Clock.fixed(yesterday.minusDays(2).atStartOfDay(BenchEnvironment.BERLIN).toInstant(), utc));
        ConcurrentMap<Lesson, String> booked = new ConcurrentHashMap<>();
        AtomicBoolean dayOver = new AtomicBoolean();
        // Lambda runs several instances of a worker while its queue is long: CONSUMERS pollers per
        // queue, or the queues drain long after the day (a 2,000-booking day on a loaded machine
        // took over 10 minutes with one each).
        ExecutorService background = Executors.newFixedThreadPool(4 * CONSUMERS + 1);
        List<Future<?>> consumers = new ArrayList<>();
        // The delivery queue is fed by dispatch: its pollers stop once dispatch's have.
        AtomicBoolean dispatchOver = new AtomicBoolean();
        List<Future<?>> deliveryConsumers = new ArrayList<>();
        for (int c = 0; c < CONSUMERS; c++) {
            consumers.add(background.submit(() -> consume(environment.settings().get("INVALIDATION_QUEUE_URL"), "cache-worker",
                    handlers.cacheWorker::handleRequest, dayOver)));
            consumers.add(background.submit(() -> consume(environment.settings().get("NOTIFICATION_QUEUE_URL"),
                    "notification-worker", handlers.notificationWorker::handleRequest, dayOver)));
            consumers.add(background.submit(() -> consume(environment.settings().get("WEBHOOK_QUEUE_URL"), "webhook-dispatch",
                    handlers.webhookDispatch::handleRequest, dayOver)));
            deliveryConsumers.add(background.submit(() -> consume(deliveryQueue, "webhook-delivery",
                    handlers.webhookDelivery::handleRequest, dispatchOver)));
        }
        consumers.add(background.submit(() -> schedules(handlers, dayOver)));

        // Morning to evening: look, book, read back; instructors look at their bookings and stats.
        List<Runnable> booking = new ArrayList<>();
        for (Lesson lesson : lessons) {
            booking.add(() -> {
                if (!lesson.past()) {
                    call("get-profile", handlers.getProfile, TestEvents.fromSample("get-profile.json").as(lesson.student(), "student")
                            .pathParam("instructorId", lesson.instructor()).event(), 200);
                    call("get-availability", handlers.getAvailability, Functions.readWeek(lesson.student(), lesson.instructor(),
                            lesson.date().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), true), 200);
                }
                APIGatewayV2HTTPEvent create = Functions.createBooking(lesson.student(), lesson.instructor(), lesson.date(),
                        lesson.start(), "ks-" + lesson.student() + "-" + lesson.date() + "-" + lesson.start());
                APIGatewayV2HTTPResponse created = call("create-booking", lesson.past() ? createYesterday : handlers.createBooking,
                        create, 201);
                if (created.getStatusCode() == 201) {
                    String id = Functions.idOf(created);
                    booked.put(lesson, id);
                    if (lesson.readBack()) {
                        call("get-booking", handlers.getBooking, TestEvents.fromSample("get-booking.json").as(lesson.student(), "student")
                                .pathParam("bookingId", id).event(), 200);
                    }
                }
            });
        }
        for (String instructor : instructors) {
            booking.add(() -> instructorLooks(handlers, instructor, firstFuture));
        }
        Collections.shuffle(booking, random);
        runAll(booking);
        System.out.println("[bench] keyspread: " + booked.size() + " of " + lessons.size() + " booked");
        // Yesterday's lessons ended hours ago: by now the scheduler (every minute) has read each hold's
        // deadline at its end, before their instructors complete them — one run here does that work.
        runScheduler(handlers);

        // Later: cancellations (a day ahead or more) and completions of yesterday's lessons.
        List<Runnable> later = new ArrayList<>();
        booked.forEach((lesson, id) -> {
            switch (lesson.later()) {
                case CANCEL -> later.add(() -> call("cancel-booking", handlers.cancelBooking,
                        Functions.cancelBooking(lesson.student(), id), 200));
                case RESCHEDULE -> later.add(() -> call("reschedule-booking", handlers.rescheduleBooking,
                        TestEvents.fromSample("reschedule-booking.json").as(lesson.student(), "student")
                                .pathParam("bookingId", id).header("idempotency-key", "ks-move-" + id)
                                .json("{\"date\":\"%s\",\"start\":\"%s\",\"durationMinutes\":60}"
                                        .formatted(lesson.movedTo(), Functions.hhmm(lesson.movedStart())))
                                .event(), 200));
                case COMPLETE -> later.add(() -> call("complete-booking", handlers.completeBooking,
                        TestEvents.fromSample("complete-booking.json").as(lesson.instructor(), "instructor")
                                .pathParam("bookingId", id).event(), 200));
                case NOTHING -> { }
            }
        });
        for (String instructor : instructors) {
            later.add(() -> instructorLooks(handlers, instructor, firstFuture));
        }
        Collections.shuffle(later, random);
        runAll(later);

        dayOver.set(true);
        for (Future<?> consumer : consumers) {
            consumer.get(2, TimeUnit.HOURS);
        }
        dispatchOver.set(true);
        for (Future<?> consumer : deliveryConsumers) {
            consumer.get(2, TimeUnit.HOURS);
        }
        background.shutdownNow();

        Map<String, Object> result = new LinkedHashMap<>();
        Map<String, Object> size = new LinkedHashMap<>();
        size.put("instructors", day.instructors());
        size.put("students", day.students());
        size.put("bookingsPlanned", lessons.size());
        size.put("bookingsMade", booked.size());
        size.put("cancelShare", day.cancelShare());
        size.put("completeShare", day.completeShare());
        size.put("readBackShare", day.readBackShare());
        size.put("rescheduleShare", day.rescheduleShare());
        size.put("reschedulesPlanned", lessons.stream().filter(lesson -> lesson.later() == Later.RESCHEDULE).count());
        size.put("workers", day.workers());
        size.put("webhookSubscriptions", SUBSCRIPTIONS.stream().map(events -> String.join(",", events)).toList());
        // A lesson more than 6 days ahead has its card saved and authorized by the scheduler a day before it.
        size.put("savedCardShare", Percentiles.round((double) lessons.stream()
                .filter(lesson -> !lesson.past() && lesson.date().isAfter(today.plusDays(6))).count() / lessons.size()));
        size.put("busiestInstructorBookings", lessons.stream().collect(java.util.stream.Collectors.groupingBy(
                Lesson::instructor, java.util.stream.Collectors.counting())).values().stream().mapToLong(Long::longValue).max().orElse(0));
        result.put("day", size);
        Map<String, Object> functions = new TreeMap<>();
        durations.forEach((name, times) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("invocations", times.size());
            row.putAll(new Percentiles(times).summary(50, 99));
            row.put("meanMs", Percentiles.round(times.stream().mapToDouble(Double::doubleValue).average().orElse(0)));
            row.put("unexpected", unexpected.getOrDefault(name, new LongAdder()).sum());
            functions.put(name, row);
        });
        result.put("functions", functions);
        result.put("unexpectedExamples", unexpectedExamples.stream().limit(5).toList());
        Map<String, Object> queues = new TreeMap<>();
        sent.forEach((queue, count) -> queues.put(queue, count.sum()));
        result.put("sqsMessagesSent", queues);
        result.put("scheduler", scheduler.report());
        result.put("stripeRequests", stripe.counts());
        result.put("stripeRequestsTotal", stripe.total());
        return result;
    }

    /** The day's bookings: future lessons by skewed popularity, yesterday's for completion. */
    private List<Lesson> plan(List<String> instructors, LocalDate firstFuture, LocalDate yesterday) {
        double[] cumulative = new double[instructors.size()];
        double total = 0;
        for (int rank = 0; rank < instructors.size(); rank++) {
            total += 1 / Math.pow(rank + 1, 0.3);
            cumulative[rank] = total;
        }
        Map<String, Integer> nextFutureSlot = new TreeMap<>();
        Map<String, Integer> nextPastSlot = new TreeMap<>();
        Set<String> studentBusy = new HashSet<>();
        List<Lesson> lessons = new ArrayList<>();
        int pastWanted = (int) Math.round(day.bookings() * day.completeShare());
        for (int n = 0; n < day.bookings(); n++) {
            boolean past = n < pastWanted;
            String instructor;
            int slot;
            if (past) {
                // Yesterday's lessons, round robin: every instructor has STARTS.length of them.
                instructor = instructors.get(n % instructors.size());
                slot = nextPastSlot.merge(instructor, 1, Integer::sum) - 1;
                if (slot >= STARTS.length) {
                    continue;
                }
            } else {
                double pick = random.nextDouble() * total;
                int rank = 0;
                while (cumulative[rank] < pick) {
                    rank++;
                }
                instructor = instructors.get(rank);
                slot = nextFutureSlot.merge(instructor, 1, Integer::sum) - 1;
                if (slot >= STARTS.length * FUTURE_DAYS) {
                    continue;
                }
            }
            // Spread an instructor's lessons over the days first, then over the hours.
            LocalDate date = past ? yesterday : firstFuture.plusDays(slot % FUTURE_DAYS);
            int start = STARTS[past ? slot : slot / FUTURE_DAYS];
            String student;
            do {
                student = "ks_stud_" + random.nextInt(day.students());
            } while (!studentBusy.add(student + "|" + date + "|" + start));
            double fate = random.nextDouble() * (1 - day.completeShare());
            Later later = past ? Later.COMPLETE : fate < day.cancelShare() ? Later.CANCEL
                    : fate < day.cancelShare() + day.rescheduleShare() ? Later.RESCHEDULE : Later.NOTHING;
            LocalDate movedTo = null;
            int movedStart = 0;
            if (later == Later.RESCHEDULE) {
                // The instructor's next free time, kept for the move; the student must be free then too.
                int target = nextFutureSlot.merge(instructor, 1, Integer::sum) - 1;
                if (target < STARTS.length * FUTURE_DAYS
                        && studentBusy.add(student + "|" + firstFuture.plusDays(target % FUTURE_DAYS) + "|" + STARTS[target / FUTURE_DAYS])) {
                    movedTo = firstFuture.plusDays(target % FUTURE_DAYS);
                    movedStart = STARTS[target / FUTURE_DAYS];
                } else {
                    later = Later.NOTHING;
                }
            }
            lessons.add(new Lesson(student, instructor, date, start, past, later, !past && random.nextDouble() < day.readBackShare(),
                    movedTo, movedStart));
        }
        Collections.shuffle(lessons, random);
        return lessons;
    }

    private void instructorLooks(Handlers handlers, String instructor, LocalDate from) {
        call("list-bookings", handlers.listBookings, TestEvents.fromSample("list-bookings.json").as(instructor, "instructor")
                .pathParam("instructorId", instructor).query("from", from.toString()).query("to", from.plusDays(7).toString())
                .event(), 200);
        call("booking-stats", handlers.bookingStats, Functions.stats(instructor), 200);
    }

    private APIGatewayV2HTTPEvent saveWeek(String instructor, LocalDate monday, LocalDate firstOpen) {
        StringBuilder windows = new StringBuilder();
        for (int d = 0; d < 7; d++) {
            LocalDate date = monday.plusDays(d);
            if (!date.isBefore(firstOpen)) {
                windows.append(windows.isEmpty() ? "" : ",").append("""
                        {"date":"%s","start":"08:00","end":"20:00"}""".formatted(date));
            }
        }
        return TestEvents.fromSample("save-availability.json").as(instructor, "instructor").withoutHeader("if-match")
                .pathParam("instructorId", instructor).pathParam("weekStart", monday.toString())
                .json("{\"windows\":[" + windows + "],\"clearExisting\":true}").event();
    }

    private APIGatewayV2HTTPResponse call(String function, Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
            APIGatewayV2HTTPEvent event, int expected) {
        long started = System.nanoTime();
        APIGatewayV2HTTPResponse response;
        try {
            response = handler.apply(event);
        } catch (RuntimeException thrown) {
            // Counted and shown, never fatal to the day: a handler should not throw at all.
            response = new APIGatewayV2HTTPResponse();
            response.setStatusCode(-1);
            response.setBody(thrown.toString());
        }
        durations.computeIfAbsent(function, f -> new CopyOnWriteArrayList<>()).add((System.nanoTime() - started) / 1e6);
        if (response.getStatusCode() != expected) {
            unexpected.computeIfAbsent(function, f -> new LongAdder()).increment();
            if (unexpectedExamples.size() < 20) {
                unexpectedExamples.add(function + " " + response.getStatusCode() + " " + response.getBody());
            }
        }
        return response;
    }

    /** Lambda's SQS poller, for one queue and its worker, until the day is over and the queue empty. */
    private void consume(String queueUrl, String function, java.util.function.BiFunction<SQSEvent, Context, SQSBatchResponse> worker,
            AtomicBoolean dayOver) {
        try (SqsClient sqs = sqs()) {
            int emptyAfterDay = 0;
            while (emptyAfterDay < 2) {
                List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                        .visibilityTimeout(60)).messages();
                if (batch.isEmpty()) {
                    emptyAfterDay += dayOver.get() ? 1 : 0;
                    continue;
                }
                emptyAfterDay = 0;
                SQSEvent event = new SQSEvent();
                event.setRecords(batch.stream().map(message -> {
                    SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
                    record.setMessageId(message.messageId());
                    record.setReceiptHandle(message.receiptHandle());
                    record.setBody(message.body());
                    record.setEventSourceArn("arn:aws:sqs:" + environment.settings().get("AWS_REGION") + ":123456789012:" + queueName(queueUrl));
                    return record;
                }).toList());
                long started = System.nanoTime();
                SQSBatchResponse response;
                try {
                    response = worker.apply(event, null);
                } catch (RuntimeException thrown) {
                    unexpectedExamples.add(function + " threw " + thrown);
                    response = SQSBatchResponse.builder().withBatchItemFailures(batch.stream()
                            .map(m -> SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(m.messageId()).build())
                            .toList()).build();
                }
                double perMessage = (System.nanoTime() - started) / 1e6 / batch.size();
                List<Double> times = durations.computeIfAbsent(function + " (per message)", f -> new CopyOnWriteArrayList<>());
                for (int i = 0; i < batch.size(); i++) {
                    times.add(perMessage);
                }
                Set<String> failed = new HashSet<>();
                response.getBatchItemFailures().forEach(failure -> failed.add(failure.getItemIdentifier()));
                if (!failed.isEmpty()) {
                    unexpected.computeIfAbsent(function + " (per message)", f -> new LongAdder()).add(failed.size());
                }
                for (Message message : batch) {
                    if (!failed.contains(message.messageId())) {
                        sqs.deleteMessage(d -> d.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                    }
                }
            }
        }
    }

    /** The relay every 30 s and the scheduler every 60 s of the replay, as their schedules run them. */
    private void schedules(Handlers handlers, AtomicBoolean dayOver) {
        ScheduledEvent relayEvent = EventLoader.loadScheduledEvent(sample("outbox-relay.json"));
        ScheduledEvent schedulerEvent = EventLoader.loadScheduledEvent(sample("payment-scheduler.json"));
        long nextRelay = 0;
        long nextScheduler = 0;
        AtomicInteger finalRuns = new AtomicInteger();
        while (finalRuns.get() < 1) {
            long now = System.nanoTime();
            boolean last = dayOver.get();
            if (now >= nextRelay || last) {
                timed("outbox-relay", () -> handlers.outboxRelay.handleRequest(relayEvent, null));
                nextRelay = now + TimeUnit.SECONDS.toNanos(30);
            }
            if (now >= nextScheduler || last) {
                runScheduler(handlers, schedulerEvent);
                nextScheduler = now + TimeUnit.SECONDS.toNanos(60);
            }
            if (last) {
                finalRuns.incrementAndGet();
            } else {
                try {
                    Thread.sleep(200); // the schedule's tick, not a wait for a result
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void runScheduler(Handlers handlers) {
        runScheduler(handlers, EventLoader.loadScheduledEvent(sample("payment-scheduler.json")));
    }

    /** One scheduler invocation with its function's Timeout; what it did is added to {@link #scheduler}. */
    private void runScheduler(Handlers handlers, ScheduledEvent event) {
        timed("payment-scheduler", () -> scheduler.add(handlers.paymentScheduler.handleRequest(event,
                new InvocationContext(scheduler.settings().timeoutSeconds() * 1_000L))));
    }

    private void timed(String function, Runnable invocation) {
        long started = System.nanoTime();
        try {
            invocation.run();
        } catch (RuntimeException thrown) {
            unexpected.computeIfAbsent(function, f -> new LongAdder()).increment();
            unexpectedExamples.add(function + " threw " + thrown);
        }
        durations.computeIfAbsent(function, f -> new CopyOnWriteArrayList<>()).add((System.nanoTime() - started) / 1e6);
    }

    private void runAll(List<Runnable> work) throws Exception {
        ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>(work);
        ExecutorService workers = Executors.newFixedThreadPool(day.workers());
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < day.workers(); w++) {
            running.add(workers.submit(() -> {
                for (Runnable next = queue.poll(); next != null; next = queue.poll()) {
                    next.run();
                }
            }));
        }
        try {
            for (Future<?> worker : running) {
                worker.get();
            }
        } finally {
            workers.shutdownNow();
        }
    }

    private SqsClient sqs() {
        Map<String, String> settings = environment.settings();
        return SqsClient.builder().endpointOverride(URI.create(settings.get("AWS_ENDPOINT_URL")))
                .region(Region.of(settings.get("AWS_REGION")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalServers.ACCESS_KEY,
                        LocalServers.SECRET_KEY)))
                .httpClient(AwsSettings.httpClient()).build();
    }

    private static String queueName(String queueUrl) {
        String name = queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
        return name.startsWith("bench-invalidation") ? "invalidation" : name.startsWith("bench-notification") ? "notification"
                : name.startsWith("bench-webhook-delivery") ? "webhook-delivery" : name.startsWith("bench-webhook") ? "webhook" : name;
    }

    private static String sample(String name) {
        return Path.of(System.getProperty("lessonbook.root", "."), "events", "schedule", name).toString();
    }

    /** The real handler classes, initialised on this section's table and the counting Stripe endpoint. */
    private static final class Handlers {
        final Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> putProfile = http(
                new dev.lessonbook.functions.profile.PutProfileHandler());
        final Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> getProfile = http(
                new dev.lessonbook.functions.profile.GetProfileHandler());
        final Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> saveAvailability = Functions.saveAvailability();
        final Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> getAvailability = Functions.getAvailability();
        final Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> createBooking = Functions.createBookingHandler();
        final Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> getBooking = http(
                new dev.lessonbook.functions.booking.GetBookingHandler());
        final Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> cancelBooking = Functions.cancelBookingHandler();
        final Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> rescheduleBooking = http(
                new dev.lessonbook.functions.booking.RescheduleBookingHandler());
        final Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> completeBooking = http(
                new dev.lessonbook.functions.booking.CompleteBookingHandler());
        final Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> listBookings = http(
                new dev.lessonbook.functions.booking.ListBookingsHandler());
        final Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> bookingStats = Functions.bookingStats();
        final dev.lessonbook.functions.view.CacheWorkerHandler cacheWorker = new dev.lessonbook.functions.view.CacheWorkerHandler();
        final dev.lessonbook.functions.notification.NotificationWorkerHandler notificationWorker =
                new dev.lessonbook.functions.notification.NotificationWorkerHandler();
        final dev.lessonbook.functions.outbox.OutboxRelayHandler outboxRelay = new dev.lessonbook.functions.outbox.OutboxRelayHandler();
        final dev.lessonbook.functions.payment.PaymentSchedulerHandler paymentScheduler =
                new dev.lessonbook.functions.payment.PaymentSchedulerHandler();
        final dev.lessonbook.functions.webhook.WebhookDispatchHandler webhookDispatch =
                new dev.lessonbook.functions.webhook.WebhookDispatchHandler();
        final dev.lessonbook.functions.webhook.WebhookDeliveryHandler webhookDelivery =
                new dev.lessonbook.functions.webhook.WebhookDeliveryHandler();

        private static Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> http(dev.lessonbook.http.HttpFunction handler) {
            return event -> handler.handleRequest(event, null);
        }
    }

    /** What the scheduler reads of Lambda's context: the time left. */
    private record InvocationContext(long remainingMillis) implements Context {
        @Override public String getAwsRequestId() { return "keyspread"; }
        @Override public String getLogGroupName() { return "keyspread"; }
        @Override public String getLogStreamName() { return "keyspread"; }
        @Override public String getFunctionName() { return "payment-scheduler"; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:local:123456789012:function:payment-scheduler"; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return (int) remainingMillis; }
        @Override public int getMemoryLimitInMB() { return 1024; }
        @Override public LambdaLogger getLogger() { return null; }
    }
}
