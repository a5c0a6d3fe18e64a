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
            // DynamoProfileStore.save
            Map.entry("PutProfileFunction", Set.of("dynamodb:PutItem")),
            // DynamoProfileStore.find
            Map.entry("GetProfileFunction", Set.of("dynamodb:GetItem")),
            // profile + week reads; the week transaction puts/deletes day items, puts the outbox
            // item and deletes views; publishing sends and deletes the outbox item
            Map.entry("SaveAvailabilityFunction",
                    Set.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "sqs:SendMessage")),
            // profile, week, bookings by instructor (gsi1 Query), view cache fills
            Map.entry("GetAvailabilityFunction", Set.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem")),
            // reads; reserve puts booking + locks; confirm updates locks; release deletes locks;
            // views deleted; publishing; the Stripe secret from SSM at init
            Map.entry("CreateBookingFunction", Set.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
                    "dynamodb:DeleteItem", "sqs:SendMessage", "ssm:GetParameter")),
            // DynamoBookingStore.find
            Map.entry("GetBookingFunction", Set.of("dynamodb:GetItem")),
            // profile read, bookings by instructor (gsi1 Query)
            Map.entry("ListBookingsFunction", Set.of("dynamodb:GetItem", "dynamodb:Query")),
            // cancel puts the booking and deletes locks and views; the settlement puts it again
            Map.entry("CancelBookingFunction",
                    Set.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "sqs:SendMessage", "ssm:GetParameter")),
            // booking, profile and day reads; the move's transaction puts the booking, new locks and
            // the outbox item and deletes old locks and views; publishing; the Stripe secret (a move
            // past the authorization's life saves the card and releases the authorization)
            Map.entry("RescheduleBookingFunction",
                    Set.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "sqs:SendMessage", "ssm:GetParameter")),
            Map.entry("CompleteBookingFunction",
                    Set.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "sqs:SendMessage", "ssm:GetParameter")),
            // the due index (Query), then as cancel/create's release paths
            Map.entry("PaymentSchedulerFunction", Set.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem",
                    "dynamodb:DeleteItem", "sqs:SendMessage", "ssm:GetParameter")),
            // profile, bookings (gsi1 Query), stats view fill
            Map.entry("BookingStatsFunction", Set.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem")),
            // sources of the views (GetItem, Query), view puts, dedupe marks
            Map.entry("CacheWorkerFunction", Set.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem")),
            // claims put before sending and deleted when SES refused; dedupe marks; SES v2 SendEmail
            Map.entry("NotificationWorkerFunction",
                    Set.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "ses:SendEmail")),
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

    @Test
    void noFunctionMayScanOrUseWildcards() {
        Template template = Template.read(ProjectRoot.find().resolve("template.yaml"));

        assertThat(template.resourcesOfType("AWS::Serverless::Function"))
                .allSatisfy(function -> assertThat(actions(function.properties().get("Policies")))
                        .noneMatch(action -> action.contains("*") || action.equals("dynamodb:Scan")));
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
