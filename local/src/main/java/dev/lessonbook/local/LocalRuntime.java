package dev.lessonbook.local;

import dev.lessonbook.local.client.ApiClient;
import dev.lessonbook.local.demo.ScenarioDemo;
import java.net.URI;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.ProjectRoot;
import dev.lessonbook.local.auth.JwtAuthorizer;
import dev.lessonbook.local.auth.LocalTokenIssuer;
import dev.lessonbook.local.function.FunctionConfiguration;
import dev.lessonbook.local.function.LambdaFunction;
import dev.lessonbook.local.http.HttpApiEvents;
import dev.lessonbook.local.http.HttpApiQuotas;
import dev.lessonbook.local.http.LocalHttpServer;
import dev.lessonbook.local.provision.AwsConnection;
import dev.lessonbook.local.provision.Deployment;
import dev.lessonbook.local.provision.Provisioner;
import dev.lessonbook.local.template.FunctionSpec;
import dev.lessonbook.local.template.Intrinsics;
import dev.lessonbook.local.template.LocalNames;
import dev.lessonbook.local.template.Template;
import dev.lessonbook.local.template.TemplateException;
import dev.lessonbook.local.template.TemplateModel;
import dev.lessonbook.local.worker.QueuePoller;
import dev.lessonbook.local.worker.ScheduleExpression;
import dev.lessonbook.local.worker.Schedules;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole system on one machine (docs/spec.md §10): starts the emulators, creates what template.yaml
 * declares, loads every function's handler, serves the HTTP routes, polls the queues and runs
 * the schedules; stops all of it on SIGINT/SIGTERM.
 */
public final class LocalRuntime implements AutoCloseable {
    /** The audience local tokens carry and the local authorizer accepts. */
    public static final String AUDIENCE = "lessonbook-local";
    static final String WEBHOOK_ROUTE = "POST /v1/stripe/webhook";
    private static final int HTTP_THREADS = 16;

    private final PrintStream out;
    /** Written while starting, read by the shutdown hook's thread. */
    private final List<AutoCloseable> started = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private LocalRuntime(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        // The SDK's own chatter stays out of the request log unless asked for.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        PrintStream out = System.out;
        RuntimeOptions options;
        try {
            options = RuntimeOptions.parse(args);
        } catch (RuntimeOptions.HelpRequested help) {
            out.print(RuntimeOptions.USAGE);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("run-local: " + e.getMessage());
            System.err.print(RuntimeOptions.USAGE);
            System.exit(2);
            return;
        }
        LocalRuntime runtime = new LocalRuntime(out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();
            stopped.countDown();
        }, "run-local-stop"));
        try {
            int port = runtime.start(options);
            out.println("ready: http://127.0.0.1:" + port + "  (POST /_local/tokens for a token; Ctrl-C stops everything)");
            if (options.demo()) {
                // The scenario runs against this very runtime over HTTP; the exit code is its verdict.
                boolean held = new ScenarioDemo(new ApiClient(URI.create("http://127.0.0.1:" + port)), out).run();
                System.exit(held ? 0 : 1);
                return;
            }
        } catch (TemplateException | StartupProblem e) {
            System.err.println("run-local: " + e.getMessage());
            runtime.close();
            System.exit(1);
            return;
        } catch (RuntimeException | IOException e) {
            System.err.println("run-local: failed to start: " + e.getMessage());
            e.printStackTrace();
            runtime.close();
            System.exit(1);
            return;
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts everything and returns the port HTTP is served on. */
    int start(RuntimeOptions options) throws IOException {
        Path templateFile = options.template().orElseGet(() -> ProjectRoot.find().resolve("template.yaml")).toAbsolutePath();
        if (!Files.isRegularFile(templateFile)) {
            throw new StartupProblem("no template at " + templateFile);
        }
        Template template = Template.read(templateFile);
        Clock clock = Clock.systemUTC();

        LocalHttpServer.Bound bound = LocalHttpServer.bind(options.port());
        AutoCloseable releasePort = bound::release;
        started.add(releasePort);
        int port = bound.port();
        String issuerUrl = "http://127.0.0.1:" + port + "/_local";

        String region = Optional.ofNullable(System.getenv("AWS_REGION")).filter(r -> !r.isBlank()).orElse(LocalServers.REGION);
        LocalNames names = new LocalNames(LocalNames.DEFAULT_STACK, LocalNames.DEFAULT_ACCOUNT, region);
        Intrinsics intrinsics = new Intrinsics(template, LocalParameters.overrides(issuerUrl, AUDIENCE),
                names.pseudoParameters(), Intrinsics.ResourceValues.NONE);
        TemplateModel model = TemplateModel.read(template, intrinsics, names);
        model.warnings().forEach(warning -> out.println("WARN " + warning));
        out.printf("template %s: %d table(s), %d queue(s), %d function(s), %d route(s)%n", templateFile,
                model.tables().size(), model.queues().size(), model.functions().size(), model.routes().size());

        ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
        List<String> missing = LambdaFunction.missingHandlers(model.functions(), classLoader);
        if (!missing.isEmpty()) {
            throw new StartupProblem("handler classes not on the classpath (is their module a dependency of "
                    + "local/pom.xml?): " + String.join(", ", missing));
        }

        LocalServers servers = LocalServers.start();
        started.add(servers);
        LocalServers.Endpoints endpoints = servers.endpoints();
        out.println("AWS endpoint " + endpoints.aws() + (endpoints.awsIsMoto() ? " (moto)" : "") + ", Stripe " + endpoints.stripe());
        AwsConnection aws = new AwsConnection(endpoints.aws(), endpoints.region(), LocalServers.ACCESS_KEY, LocalServers.SECRET_KEY);

        Deployment deployment = new Deployment();
        for (FunctionSpec function : model.functions()) {
            deployment.add(new Deployment.PhysicalResource(function.logicalId(), function.functionName(),
                    Map.of("Arn", names.functionArn(function.functionName()))));
        }
        model.httpApis().keySet().forEach(api -> deployment.add(new Deployment.PhysicalResource(api, "local",
                Map.of("ApiEndpoint", "http://127.0.0.1:" + port))));
        Provisioner.Extras extras = LocalParameters.extras(template, intrinsics);
        new Provisioner(aws, out::println).provision(model, intrinsics, deployment, extras);

        Intrinsics resolver = intrinsics.withResources(deployment);
        Map<String, String> configuration = FunctionConfiguration.resolve(model.functions(), resolver,
                LocalParameters.platform(template, intrinsics, endpoints), warning -> out.println("WARN " + warning));
        configuration.forEach(System::setProperty);

        Map<String, LambdaFunction> functions = new LinkedHashMap<>();
        for (FunctionSpec spec : model.functions()) {
            LambdaFunction function = LambdaFunction.load(spec, names.functionArn(spec.functionName()), classLoader, clock, out);
            started.add(function);
            functions.put(spec.logicalId(), function);
        }
        out.println("loaded " + functions.size() + " function handler(s)");

        LocalStripe localStripe = new LocalStripe(endpoints.stripe());
        LocalTokenIssuer issuer = LocalTokenIssuer.fromEnvironment(issuerUrl, AUDIENCE, LocalParameters.roleClaim(template, intrinsics), clock);
        model.httpApis().values().forEach(api -> api.authorizers().values().stream()
                .filter(authorizer -> !authorizer.issuer().equals(issuerUrl))
                .forEach(authorizer -> out.println("WARN authorizer " + authorizer.name() + " expects issuer "
                        + authorizer.issuer() + "; local tokens will not pass it")));
        LocalHttpServer http = bound.serve(HttpApiQuotas.DOCUMENTED, model.routes(), model.httpApis(),
                new JwtAuthorizer(issuer.publicKey(), clock), new HttpApiEvents(names.accountId(), "local"),
                (logicalId, event) -> functions.get(logicalId).start(event),
                new LocalOnlyRoutes(issuer, LocalParameters.emailClaim(template, intrinsics), localStripe), clock, out, HTTP_THREADS);
        started.remove(releasePort);
        started.add(http);
        registerStripeWebhook(model, localStripe, port, LocalParameters.webhookSecretIn(extras, template, intrinsics));

        startQueuePollers(model, resolver, deployment, functions, aws, endpoints.region());
        startSchedules(model, functions, names, options, clock);
        return port;
    }

    /**
     * Has the local Stripe server deliver its events to the template's webhook route, signed with
     * the secret the stripe-webhook function reads (LESSONBOOK_LOCAL_STRIPE_WEBHOOK_SECRET, or this
     * run's generated one), as a Stripe webhook endpoint does in production (docs/deploy.md).
     */
    private void registerStripeWebhook(TemplateModel model, LocalStripe stripe, int port, Optional<String> secret) {
        boolean routed = model.routes().stream().anyMatch(route -> WEBHOOK_ROUTE.equals(route.routeKey()));
        if (!routed || secret.isEmpty() || secret.get() == null) {
            return;
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port + "/v1/stripe/webhook");
        try {
            stripe.registerWebhook(endpoint, secret.get());
            out.println("Stripe events delivered to " + endpoint + " (signed)");
        } catch (IOException e) {
            // A Stripe server that is not localstripe (a test's fault proxy refusing, a real test
            // account) still serves the API: only its events are not delivered.
            out.println("WARN the Stripe server did not take the webhook endpoint; no Stripe events arrive: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void startQueuePollers(TemplateModel model, Intrinsics resolver, Deployment deployment,
            Map<String, LambdaFunction> functions, AwsConnection aws, String region) {
        List<FunctionSpec.QueueSource> sources = model.functions().stream().flatMap(f -> f.queueSources().stream()).toList();
        if (sources.isEmpty()) {
            return;
        }
        SqsClient sqs = aws.sqs();
        started.add(sqs);
        for (FunctionSpec function : model.functions()) {
            for (FunctionSpec.QueueSource source : function.queueSources()) {
                if (!source.enabled()) {
                    continue;
                }
                String arn = resolver.resolveText(source.queue());
                Deployment.PhysicalResource queue = deployment.queueByArn(arn).orElseThrow(() -> new TemplateException(
                        function.logicalId() + "." + source.eventName() + " polls " + arn + ", which is no queue of the template"));
                LambdaFunction lambda = functions.get(function.logicalId());
                started.add(new QueuePoller(sqs, new QueuePoller.Source(function.functionName(), queue.ref(), arn, region,
                        source.batchSize(), source.reportBatchItemFailures()), lambda::invoke, out).start());
                out.println("polling " + queue.attributes().get("QueueName") + " into " + function.logicalId()
                        + " (batch " + source.batchSize() + (source.reportBatchItemFailures() ? ", partial failures" : "") + ")");
            }
        }
    }

    private void startSchedules(TemplateModel model, Map<String, LambdaFunction> functions, LocalNames names,
            RuntimeOptions options, Clock clock) {
        List<Schedules.Entry> entries = new ArrayList<>();
        for (FunctionSpec function : model.functions()) {
            for (FunctionSpec.Schedule schedule : function.schedules()) {
                if (!schedule.enabled()) {
                    continue;
                }
                if (schedule.input().isPresent()) {
                    out.println("WARN " + function.logicalId() + "." + schedule.eventName()
                            + ": Input is ignored locally; the function receives a ScheduledEvent");
                }
                ScheduleExpression expression;
                try {
                    expression = ScheduleExpression.parse(schedule.expression());
                } catch (TemplateException | NumberFormatException e) {
                    out.println("WARN " + function.logicalId() + "." + schedule.eventName() + " is not scheduled: " + e.getMessage());
                    continue;
                }
                LambdaFunction lambda = functions.get(function.logicalId());
                String ruleArn = "arn:aws:events:" + names.region() + ":" + names.accountId() + ":rule/"
                        + names.physicalName(function.logicalId() + schedule.eventName());
                entries.add(new Schedules.Entry(function.functionName(), ruleArn, expression,
                        (ScheduledEvent event) -> lambda.invoke(event)));
                out.println("scheduled " + function.logicalId() + " on " + schedule.expression()
                        + options.scheduleInterval().map(every -> " (overridden: every " + every.toSeconds() + " s)").orElse(""));
            }
        }
        if (!entries.isEmpty()) {
            Schedules schedules = new Schedules(clock, names.accountId(), names.region(), options.scheduleInterval(), out);
            started.add(schedules);
            schedules.start(entries);
        }
    }

    /** Stops in reverse order of starting: schedules and pollers, then HTTP, then the functions, then the emulators. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (started.isEmpty()) {
            return;
        }
        out.println("stopping");
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                out.println("WARN while stopping: " + e);
            }
        }
        out.println("stopped");
    }
}
