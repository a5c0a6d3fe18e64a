package dev.lessonbook.dynamodb;

import dev.lessonbook.view.ViewKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Key layout of the single table (docs/data-model.md). An instructor's profile, weeks, days and
 * slot locks share the partition {@code INSTRUCTOR#id}; a student's locks live in {@code STUDENT#id}.
 */
public final class Keys {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String GSI1 = "gsi1";
    public static final String GSI2 = "gsi2";
    public static final String DUE_INDEX = "due";
    /** The table's TTL attribute (epoch seconds); also the expiry of a slot hold. */
    public static final String EXPIRES_AT = "expiresAt";

    private Keys() {}

    public static String instructor(String instructorId) {
        return "INSTRUCTOR#" + instructorId;
    }

    public static String student(String studentId) {
        return "STUDENT#" + studentId;
    }

    /** The student's payment customer ({@code STUDENT#id / CUSTOMER}: {@code customerId}), stored by a booking. */
    public static Map<String, AttributeValue> studentCustomer(String studentId) {
        return key(student(studentId), "CUSTOMER");
    }

    /** The attribute of {@link #studentCustomer} naming the student's Stripe Customer. */
    public static final String CUSTOMER_ID = "customerId";

    public static Map<String, AttributeValue> profile(String instructorId) {
        return key(instructor(instructorId), "PROFILE");
    }

    /** The hash of the instructor's calendar feed token; a rotation overwrites it. */
    public static Map<String, AttributeValue> calendarToken(String instructorId) {
        return key(instructor(instructorId), "CALENDAR_TOKEN");
    }

    public static Map<String, AttributeValue> week(String instructorId, LocalDate weekStart) {
        return key(instructor(instructorId), "WEEK#" + weekStart);
    }

    public static Map<String, AttributeValue> day(String instructorId, LocalDate date) {
        return key(instructor(instructorId), "DAY#" + date);
    }

    /**
     * An instructor's local date as the booking transactions see it: the set of bookings that hold
     * time on it ({@code lessons}), which a booking's transaction adds to on condition.
     */
    public static Map<String, AttributeValue> calendarDay(String instructorId, LocalDate date) {
        return key(instructor(instructorId), CALENDAR_DAY + date);
    }

    /** The sort key prefix of {@link #calendarDay}. */
    public static final String CALENDAR_DAY = "CALENDAR#";

    public static Map<String, AttributeValue> booking(String bookingId) {
        return key("BOOKING#" + bookingId, "BOOKING");
    }

    /** One 15-minute unit of a person's time; {@code owner} is {@link #instructor} or {@link #student}. */
    public static Map<String, AttributeValue> slotLock(String owner, long lockUnit) {
        return key(owner, "LOCK#" + Instant.ofEpochSecond(lockUnit * 15 * 60));
    }

    public static Map<String, AttributeValue> outbox(String eventId) {
        return key("OUTBOX#" + eventId, "EVENT");
    }

    /** A cached view of an instructor; it lives in the instructor's partition next to what it shows. */
    public static Map<String, AttributeValue> view(ViewKey<?> view) {
        return key(instructor(view.instructorId()), switch (view) {
            case ViewKey.WeekMap week -> "VIEW#WEEK#" + week.weekStart();
            case ViewKey.Bookable bookable -> "VIEW#BOOKABLE#" + bookable.weekStart();
            case ViewKey.Stats stats -> "VIEW#STATS";
            case ViewKey.Feed feed -> "VIEW#FEED";
        });
    }

    /** That {@code consumer} has handled event {@code eventId} (dedupe of redelivered messages). */
    public static Map<String, AttributeValue> processed(String consumer, String eventId) {
        return key("PROCESSED#" + consumer + "#" + eventId, "PROCESSED");
    }

    /** That the email of event {@code eventId} to {@code recipient} was claimed for sending. */
    public static Map<String, AttributeValue> notified(String eventId, String recipient) {
        return key("NOTIFIED#" + eventId + "#" + recipient, "NOTIFIED");
    }

    /** Every webhook subscription shares one partition: an event's fan-out reads them with one Query. */
    public static final String WEBHOOK_SUBSCRIPTIONS = "WEBHOOKS";

    public static Map<String, AttributeValue> webhookSubscription(String subscriptionId) {
        return key(WEBHOOK_SUBSCRIPTIONS, "SUBSCRIPTION#" + subscriptionId);
    }

    /**
     * A subscription's copy in shard {@code shard} of its delivery log, read by webhook-delivery
     * before an attempt of a delivery of that shard (DynamoWebhookSubscriptions).
     */
    public static Map<String, AttributeValue> webhookSubscriptionCopy(String subscriptionId, int shard) {
        return key(webhookDeliveryPartition(subscriptionId, shard), "SUBSCRIPTION");
    }

    /**
     * A delivery lives in one write shard of its subscription's log ({@code shard} from the
     * delivery id, DynamoWebhookDeliveries.LogShards): the log is one Query per shard, newest first.
     */
    public static Map<String, AttributeValue> webhookDelivery(String subscriptionId, int shard, String deliveryId) {
        return key(webhookDeliveryPartition(subscriptionId, shard), "DELIVERY#" + deliveryId);
    }

    public static String webhookDeliveryPartition(String subscriptionId, int shard) {
        return unshardedWebhookDeliveryPartition(subscriptionId) + "#" + shard;
    }

    /** Where a delivery written before the log was sharded lives (read until its 30-day TTL removes it). */
    public static Map<String, AttributeValue> unshardedWebhookDelivery(String subscriptionId, String deliveryId) {
        return key(unshardedWebhookDeliveryPartition(subscriptionId), "DELIVERY#" + deliveryId);
    }

    public static String unshardedWebhookDeliveryPartition(String subscriptionId) {
        return "WEBHOOK#" + subscriptionId;
    }

    /** An event of the payment provider (a Stripe webhook delivery), by the provider's event id. */
    public static Map<String, AttributeValue> providerEvent(String eventId) {
        return key("PROVIDER_EVENT#" + eventId, "EVENT");
    }

    public static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }
}
