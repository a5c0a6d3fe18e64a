package dev.lessonbook.dynamodb;

import dev.lessonbook.aws.AwsSettings;
import dev.lessonbook.aws.StallIsBusy;
import dev.lessonbook.aws.ThrottlingIsBusy;
import dev.lessonbook.aws.priming.Primer;
import dev.lessonbook.config.Env;
import dev.lessonbook.event.DomainEvent;
import dev.lessonbook.view.ViewKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * The DynamoDB client and the single table every store shares; built once per container. Every
 * state change goes through {@link #commit}: its items and its events' outbox items in one
 * transaction, then the committed events are handed on for delivery.
 */
public final class Tables {
    /** Told about the events of each committed transaction (e.g. to publish them at once). */
    @FunctionalInterface
    public interface CommittedEvents {
        CommittedEvents IGNORE = events -> {};

        void committed(List<DomainEvent> events);
    }

    private final DynamoDbClient client;
    private final String tableName;
    private final CommittedEvents committedEvents;

    public Tables(DynamoDbClient client, String tableName) {
        this(client, tableName, CommittedEvents.IGNORE);
    }

    private Tables(DynamoDbClient client, String tableName, CommittedEvents committedEvents) {
        this.client = client;
        this.tableName = tableName;
        this.committedEvents = committedEvents;
    }

    /**
     * How long one DynamoDB call may take, its retries included, and each attempt of it. The HTTP
     * functions' Timeout is 10 s: a call to a stalled DynamoDB must fail well before it, so the
     * function answers 503 with Retry-After itself ({@link StallIsBusy}) instead of being stopped
     * by Lambda, for which API Gateway would answer a bare 500. A second attempt, after a first
     * that hung on a bad connection, gets what is left of the call's 5 s. The budget of every
     * function is in docs/decisions.md ("Time budgets").
     */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(3);

    /**
     * The SDK's DynamoDB default retries throttling 8 times with backoff up to 20 s (about a
     * minute), far past a function's Timeout (10 s for the API): the caller would get API
     * Gateway's error instead of our 503. Three attempts within about a second, then
     * {@link ThrottlingIsBusy} answers busy and the client retries after {@code Retry-After}; a
     * transaction cancelled only for throttling is busy too, never read as a failed condition.
     * A stalled DynamoDB is given up at {@link #CALL_TIMEOUT}.
     */
    public static Tables fromEnvironment() {
        DynamoDbClient client = AwsSettings.configure(DynamoDbClient.builder())
                .httpClient(AwsSettings.httpClient())
                .overrideConfiguration(settings -> settings
                        .apiCallTimeout(CALL_TIMEOUT)
                        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                        .retryStrategy(retry -> retry.maxAttempts(3)
                                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(25), Duration.ofMillis(250)))
                                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofMillis(500))))
                        .addExecutionInterceptor(new ThrottlingIsBusy("DynamoDB", Transactions::isThrottlingOnly))
                        .addExecutionInterceptor(new StallIsBusy("DynamoDB", CALL_TIMEOUT)))
                .build();
        return new Tables(client, Env.required("TABLE_NAME"));
    }

    /** The same table, telling {@code listener} about the events of every committed transaction. */
    public Tables onCommittedEvents(CommittedEvents listener) {
        return new Tables(client, tableName, listener);
    }

    /** A key no item has or will have: the partition prefix {@code PRIMING#} is never written (docs/data-model.md). */
    public static final Map<String, AttributeValue> NEVER_WRITTEN = Keys.key("PRIMING#never-written", "PRIMING#never-written");

    /**
     * Primes this table's client (docs/decisions.md, "SnapStart priming"): a strongly consistent
     * GetItem of {@link #NEVER_WRITTEN} loads, builds and runs what every DynamoDB call needs —
     * endpoint rules, the JSON protocol's marshalling and unmarshalling, signing, the HTTP
     * connection — and reads nothing. A writing function's table then primes what it tells about
     * committed events (the SQS publisher), if that is a {@link Primer} too. Never a write.
     */
    public Primer primer() {
        return new Primer() {
            @Override
            public void prime() throws Exception {
                client.getItem(get -> get.tableName(tableName).key(NEVER_WRITTEN).consistentRead(true));
                if (committedEvents instanceof Primer events) {
                    events.prime();
                }
            }

            @Override
            public void afterRestore() throws Exception {
                if (committedEvents instanceof Primer events) {
                    events.afterRestore();
                }
            }

            @Override
            public String name() {
                return "DynamoDB table " + tableName;
            }
        };
    }

    /**
     * Primes the Query path, for a function allowed {@code dynamodb:Query} on {@code index}
     * ({@link Keys#GSI1} or {@link Keys#DUE_INDEX}, whose partition keys are {@code <index>pk}): one
     * query of the never-written partition, which holds nothing. Reads only.
     */
    public Primer queryPrimer(String index) {
        return Primer.of("DynamoDB query " + tableName + " " + index, () -> client.query(query -> query.tableName(tableName)
                .indexName(index)
                .keyConditionExpression(index + "pk = :owner")
                .expressionAttributeValues(Map.of(":owner", AttributeValue.fromS(NEVER_WRITTEN.get(Keys.PK).s())))
                .limit(1)));
    }

    public DynamoDbClient client() {
        return client;
    }

    public String tableName() {
        return tableName;
    }

    /**
     * Writes {@code writes} plus the outbox items of {@code events} and the deletes of the views
     * they (and {@code alsoStale}) make stale, in one TransactWriteItems (retried only on
     * TransactionConflict), then reports the events as committed.
     *
     * @param alsoStale views the writes change without an event saying so
     * @param clientRequestToken makes the SDK's own retries idempotent; null for none
     * @throws software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException when a
     *         condition failed; the reasons are in the order of {@code writes}, then the events
     */
    public void commit(List<TransactWriteItem> writes, List<DomainEvent> events, Set<ViewKey<?>> alsoStale,
            String clientRequestToken) {
        List<TransactWriteItem> all = new ArrayList<>(writes);
        all.addAll(OutboxItems.writesFor(tableName, events, alsoStale));
        Transactions.write(client, TransactWriteItemsRequest.builder()
                .transactItems(all)
                .clientRequestToken(clientRequestToken)
                .build());
        if (!events.isEmpty()) {
            committedEvents.committed(events);
        }
    }

    public void commit(List<TransactWriteItem> writes, List<DomainEvent> events, String clientRequestToken) {
        commit(writes, events, Set.of(), clientRequestToken);
    }

    public void commit(List<TransactWriteItem> writes, List<DomainEvent> events, Set<ViewKey<?>> alsoStale) {
        commit(writes, events, alsoStale, null);
    }

    public void commit(List<TransactWriteItem> writes, List<DomainEvent> events) {
        commit(writes, events, Set.of(), null);
    }
}
