package dev.lessonbook.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.emulators.ProjectRoot;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Each function is granted exactly the AWS actions its code calls — no more (a forgotten grant
 * is an attack surface), no fewer (a missing one fails only in AWS). The table below is derived
 * from what each handler composes; a policy edit or a new call in the code must change both.
 *
 * <p>IAM has no action for TransactWriteItems: a transaction needs the actions of its parts
 * (Put → PutItem, Update → UpdateItem, Delete → DeleteItem). Outbox delivery after commit deletes
 * the outbox item (DeleteItem) and sends to both queues (sqs:SendMessage); a view cache fill is a
 * marker put and a conditional put (PutItem); a consumer's dedupe mark is a conditional put.
 */
class LeastPrivilegeTest {
    private static final Map<String, Set<String>> NEEDED = Map.ofEntries(
            // DynamoProfileStore.save (UpdateItem, keeping a stored address); SnapStart priming's GetItem of
            // the never-written key (that key only)
            Map.entry("PutProfileFunction", Set.of("dynamodb:UpdateItem", "dynamodb:GetItem")),
            // DynamoProfileStore.find
            Map.entry("GetProfileFunction", Set.of("dynamodb:GetItem")),
            // profile + week reads; the week transaction puts/deletes day items, puts the outbox
            // item and deletes views; publishing sends and deletes the outbox item
            Map.entry("SaveAvailabilityFunction",
                    Set.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "sqs:SendMessage")),
            // profile, week, bookings by instructor (gsi1 Query), calendar days (Query), view cache fills
            Map.entry("GetAvailabilityFunction", Set.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem")),
            // reads; reserve puts booking + locks; confirm updates locks; release deletes locks;
            // views deleted; publishing; the Stripe secret from SSM at init. Its confirm-payment
            // route (3-D Secure) does the same: read, confirm or release, publish, Stripe. The profile
            // and the student's stored Stripe customer are one BatchGetItem.
            Map.entry("CreateBookingFunction", Set.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem",
                    "dynamodb:UpdateItem",
                    "dynamodb:DeleteItem", "sqs:SendMessage", "ssm:GetParameter")),
            // profile read, calendar days (Query), a day off set or removed (UpdateItem)
            Map.entry("TimeOffFunction", Set.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:UpdateItem")),
            // DynamoBookingStore.find
            Map.entry("GetBookingFunction", Set.of("dynamodb:GetItem")),
            // profile read, bookings by instructor (gsi1 Query)
            Map.entry("ListBookingsFunction", Set.of("dynamodb:GetItem", "dynamodb:Query")),
            // profile and token hash reads, the token put, bookings by instructor (gsi1 Query)
            Map.entry("CalendarFeedFunction", Set.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query")),
            // cancel puts the booking, deletes locks and views and uncounts it on its calendar day;
            // the settlement puts it again
            Map.entry("CancelBookingFunction", Set.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
                    "dynamodb:DeleteItem", "sqs:SendMessage", "ssm:GetParameter")),
            // booking, profile and day reads; the move's transaction puts the booking, new locks and
            // the outbox item, deletes old locks and views and moves the booking between calendar days;
            // publishing; the Stripe secret (a move past the authorization's life saves the card and
            // releases the authorization)
            Map.entry("RescheduleBookingFunction", Set.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
                    "dynamodb:DeleteItem", "sqs:SendMessage", "ssm:GetParameter")),
            Map.entry("CompleteBookingFunction",
                    Set.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "sqs:SendMessage", "ssm:GetParameter")),
            // the due index (Query), then as cancel/create's release paths
            Map.entry("PaymentSchedulerFunction", Set.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem",
                    "dynamodb:UpdateItem", "dynamodb:DeleteItem", "sqs:SendMessage", "ssm:GetParameter")),
            // profile, bookings (gsi1 Query), stats view fill
            Map.entry("BookingStatsFunction", Set.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem")),
            // sources of the views (GetItem, Query), view puts, dedupe marks
            Map.entry("CacheWorkerFunction", Set.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem")),
            // claims put before sending and deleted when SES refused; dedupe marks; an instructor's profile
            // address for a booking that kept none (GetItem); SES v2 SendEmail
            Map.entry("NotificationWorkerFunction",
                    Set.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "ses:SendEmail")),
            // DynamoWebhookSubscriptions: create, rotate and delete are transactions of puts or deletes
            // (the item and its shard copies), read gets, list queries the partition; the delivery log
            // queries each shard, a redelivery puts and queues its attempt
            Map.entry("WebhookSubscriptionsFunction", Set.of("dynamodb:GetItem", "dynamodb:PutItem",
                    "dynamodb:DeleteItem", "dynamodb:Query", "sqs:SendMessage")),
            // subscriptions (Query), a delivery each (conditional put, read back), dedupe marks; attempts queued
            Map.entry("WebhookDispatchFunction",
                    Set.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "sqs:SendMessage")),
            // delivery and subscription (shard copy) reads, claim and record puts, FAILING/ACTIVE as a
            // transaction of puts (the item and its copies); next attempt queued
            Map.entry("WebhookDeliveryFunction",
                    Set.of("dynamodb:GetItem", "dynamodb:PutItem", "sqs:SendMessage")),
            // the due index (Query), each delivery read back, attempts queued again
            Map.entry("WebhookRetryFunction", Set.of("dynamodb:GetItem", "dynamodb:Query", "sqs:SendMessage")),
            // the event record (conditional put); the booking's transaction puts it, deletes its locks
            // (a failed authorization) and views; publishing; both Stripe secrets from SSM at init
            Map.entry("StripeWebhookFunction",
                    Set.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "sqs:SendMessage", "ssm:GetParameter")),
            // the due index (Query), the outbox items (GetItem), delete after sending
            Map.entry("OutboxRelayFunction",
                    Set.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:DeleteItem", "sqs:SendMessage")));

    @Test
    void everyFunctionIsGrantedExactlyTheActionsItCalls() {
        Template template = Template.read(ProjectRoot.find().resolve("template.yaml"));
        Map<String, Set<String>> granted = new TreeMap<>();
        for (Template.Resource function : template.resourcesOfType("AWS::Serverless::Function")) {
            granted.put(function.logicalId(), actions(function.properties().get("Policies")));
        }

        assertThat(granted).isEqualTo(new TreeMap<>(NEEDED));
    }

    /**
     * A function that publishes committed events sends each one to every event queue
     * (SqsEventPublisher): a writer granted two of the three would lose every webhook of its events.
     */
    @Test
    void everyFunctionThatPublishesEventsMaySendToAllThreeEventQueues() {
        Template template = Template.read(ProjectRoot.find().resolve("template.yaml"));
        List<String> eventQueues = List.of("InvalidationQueue", "NotificationQueue", "WebhookQueue");
        int publishers = 0;
        for (Template.Resource function : template.resourcesOfType("AWS::Serverless::Function")) {
            Set<String> queues = sendTargets(function.properties().get("Policies"));
            if (queues.stream().anyMatch(eventQueues::contains)) {
                publishers++;
                assertThat(queues).as(function.logicalId()).containsAll(eventQueues);
            }
        }
        assertThat(publishers).as("the writers and the outbox relay").isGreaterThanOrEqualTo(6);
    }

    @Test
    void noFunctionMayScanOrUseWildcards() {
        Template template = Template.read(ProjectRoot.find().resolve("template.yaml"));

        assertThat(template.resourcesOfType("AWS::Serverless::Function"))
                .allSatisfy(function -> assertThat(actions(function.properties().get("Policies")))
                        .noneMatch(action -> action.contains("*") || action.equals("dynamodb:Scan")));
    }

    /** The queues (logical ids) a policy lets the function send to. */
    private static Set<String> sendTargets(Object policies) {
        Set<String> queues = new TreeSet<>();
        if (policies instanceof List<?> list) {
            for (Object policy : list) {
                if (policy instanceof Map<?, ?> document && document.get("Statement") instanceof List<?> statements) {
                    for (Object statement : statements) {
                        Map<?, ?> grant = (Map<?, ?>) statement;
                        Object action = grant.get("Action");
                        boolean sends = action instanceof List<?> many ? many.contains("sqs:SendMessage") : "sqs:SendMessage".equals(action);
                        if (sends) {
                            Object resource = grant.get("Resource");
                            for (Object one : resource instanceof List<?> targets ? targets : List.of(resource)) {
                                if (one instanceof Map<?, ?> getAtt && getAtt.get("Fn::GetAtt") instanceof List<?> parts) {
                                    queues.add(parts.get(0).toString());
                                }
                            }
                        }
                    }
                }
            }
        }
        return queues;
    }

    private static Set<String> actions(Object policies) {
        Set<String> actions = new TreeSet<>();
        if (policies instanceof List<?> list) {
            for (Object policy : list) {
                if (policy instanceof Map<?, ?> document && document.get("Statement") instanceof List<?> statements) {
                    for (Object statement : statements) {
                        Object action = ((Map<?, ?>) statement).get("Action");
                        if (action instanceof List<?> many) {
                            many.forEach(one -> actions.add(one.toString()));
                        } else if (action != null) {
                            actions.add(action.toString());
                        }
                    }
                } else {
                    // A SAM policy template (e.g. DynamoDBCrudPolicy) grants more than it names.
                    actions.add("policy-template:" + policy);
                }
            }
        }
        return actions;
    }
}
