package dev.lessonbook.dynamodb.booking;

import static dev.lessonbook.dynamodb.AttributeValues.instant;
import static dev.lessonbook.dynamodb.AttributeValues.instantOrNull;
import static dev.lessonbook.dynamodb.AttributeValues.n;
import static dev.lessonbook.dynamodb.AttributeValues.number;
import static dev.lessonbook.dynamodb.AttributeValues.putIfPresent;
import static dev.lessonbook.dynamodb.AttributeValues.s;
import static dev.lessonbook.dynamodb.AttributeValues.string;

import dev.lessonbook.access.Role;
import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.BookingStatus;
import dev.lessonbook.booking.Cancellation;
import dev.lessonbook.booking.DueWork;
import dev.lessonbook.booking.Rescheduled;
import dev.lessonbook.booking.RescheduledFrom;
import dev.lessonbook.calendar.Occupancy;
import dev.lessonbook.contact.LessonAddresses;
import dev.lessonbook.dynamodb.DueIndex;
import dev.lessonbook.dynamodb.DueShards;
import dev.lessonbook.dynamodb.Keys;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.Dispute;
import dev.lessonbook.payment.Payment;
import dev.lessonbook.payment.PaymentStatus;
import dev.lessonbook.profile.LocationType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Booking ⇄ item, by hand: visible, and no reflection at cold start. */
final class BookingItems {
    /** The booking's version: every write is conditional on it ({@link Rescheduled}). Absent until the first move. */
    static final String RESCHEDULE_COUNT = "rescheduleCount";
    /**
     * Fixed width, so that string order is time order: {@code Instant.toString()} drops zero
     * fractions and would sort 09:00:00.500Z before 09:00:00Z.
     */
    private static final DateTimeFormatter DUE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private BookingItems() {}

    /** The due index's base partition for one kind of work; bookings are written to its shards. */
    static String duePartition(DueWork kind) {
        return "DUE#" + kind.name();
    }

    /** Sorts after every booking of {@code kind} due at or before {@code until}, before all due later. */
    static String dueBound(Instant until) {
        // '~' sorts after '#' and every id character, '#' before every digit of a time.
        return DUE_TIME.format(until) + "#~";
    }

    static Map<String, AttributeValue> toItem(Booking booking, DueShards shards) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.booking(booking.id()));
        String byStart = booking.startsAt() + "#" + booking.id();
        item.put("gsi1pk", s(Keys.instructor(booking.instructorId())));
        item.put("gsi1sk", s(byStart));
        item.put("gsi2pk", s(Keys.student(booking.studentId())));
        item.put("gsi2sk", s(byStart));
        item.put("id", s(booking.id()));
        item.put("status", s(booking.status().name()));
        item.put("instructorId", s(booking.instructorId()));
        item.put("studentId", s(booking.studentId()));
        item.put("serviceId", s(booking.serviceId()));
        item.put("serviceName", s(booking.serviceName()));
        item.put("date", s(booking.date().toString()));
        item.put("startMinute", n(booking.startMinute()));
        item.put("endMinute", n(booking.endMinute()));
        item.put("timezone", s(booking.timezone().getId()));
        item.put("startsAt", instant(booking.startsAt()));
        item.put("endsAt", instant(booking.endsAt()));
        item.put("durationMinutes", n(booking.durationMinutes()));
        item.put("locationType", s(booking.locationType().wireName()));
        item.put("priceAmount", n(booking.price().amount()));
        item.put("currency", s(booking.price().currency()));
        item.put("payment", AttributeValue.fromM(paymentItem(booking.payment())));
        putIfPresent(item, "note", booking.note());
        // Where its emails go (docs/data-model.md); absent on bookings made before they were kept.
        putIfPresent(item, "studentEmail", booking.addresses().student());
        putIfPresent(item, "instructorEmail", booking.addresses().instructor());
        Occupancy occupancy = booking.occupancy();
        item.put("occupancy", AttributeValue.fromM(Map.of(
                "instructorFrom", instant(occupancy.instructorFrom()),
                "instructorUntil", instant(occupancy.instructorUntil()),
                "studentFrom", instant(occupancy.studentFrom()),
                "studentUntil", instant(occupancy.studentUntil()))));
        item.put("createdAt", instant(booking.createdAt()));
        if (booking.confirmedAt() != null) {
            item.put("confirmedAt", instant(booking.confirmedAt()));
        }
        if (booking.holdExpiresAt() != null) {
            item.put("holdExpiresAt", instant(booking.holdExpiresAt()));
        }
        if (booking.cancellation() != null) {
            item.put("cancellation", AttributeValue.fromM(cancellationItem(booking.cancellation())));
        }
        putIfPresent(item, "requestFingerprint", booking.requestFingerprint());
        // A booking never moved carries no count (0), as items written before moves existed.
        Rescheduled rescheduled = booking.rescheduled();
        if (rescheduled.from() != null) {
            item.put(RESCHEDULE_COUNT, n(rescheduled.count()));
            Map<String, AttributeValue> from = new HashMap<>();
            from.put("date", s(rescheduled.from().date().toString()));
            from.put("startMinute", n(rescheduled.from().startMinute()));
            from.put("endMinute", n(rescheduled.from().endMinute()));
            from.put("startsAt", instant(rescheduled.from().startsAt()));
            item.put("rescheduledFrom", AttributeValue.fromM(from));
            item.put("rescheduledByStudent", n(rescheduled.byStudent()));
            putIfPresent(item, "rescheduleRequestKey", rescheduled.requestKey());
            putIfPresent(item, "rescheduleRequestFingerprint", rescheduled.requestFingerprint());
            if (rescheduled.authorizedNoEarlierThan() != null) {
                item.put("authorizedNoEarlierThan", instant(rescheduled.authorizedNoEarlierThan()));
            }
        }
        // Every write is a whole-item put: the booking is in the sparse due index exactly while
        // its state has due work, and leaves it with the write that ends that work. Its shard
        // comes from its id, so it stays in one partition however its work changes.
        DueWork.of(booking).ifPresent(due -> {
            item.put(DueIndex.PK, s(shards.partition(duePartition(due.kind()), booking.id())));
            item.put(DueIndex.SK, s(DUE_TIME.format(due.at()) + "#" + booking.id()));
        });
        return item;
    }

    static Booking fromItem(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> occupancy = item.get("occupancy").m();
        String currency = string(item, "currency");
        return Booking.builder()
                .id(string(item, "id"))
                .status(BookingStatus.valueOf(string(item, "status")))
                .instructorId(string(item, "instructorId"))
                .studentId(string(item, "studentId"))
                .serviceId(string(item, "serviceId"))
                .serviceName(string(item, "serviceName"))
                .date(LocalDate.parse(string(item, "date")))
                .startMinute((int) number(item, "startMinute"))
                .endMinute((int) number(item, "endMinute"))
                .timezone(ZoneId.of(string(item, "timezone")))
                .startsAt(instantOrNull(item, "startsAt"))
                .endsAt(instantOrNull(item, "endsAt"))
                .durationMinutes((int) number(item, "durationMinutes"))
                .locationType(LocationType.fromWireName(string(item, "locationType")).orElseThrow())
                // Amounts are stored as bare numbers; the currency is the price's.
                .price(Money.of(number(item, "priceAmount"), currency))
                .payment(payment(item.get("payment").m(), currency))
                .note(string(item, "note"))
                .occupancy(new Occupancy(
                        instantOrNull(occupancy, "instructorFrom"),
                        instantOrNull(occupancy, "instructorUntil"),
                        instantOrNull(occupancy, "studentFrom"),
                        instantOrNull(occupancy, "studentUntil")))
                .createdAt(instantOrNull(item, "createdAt"))
                .confirmedAt(instantOrNull(item, "confirmedAt"))
                .holdExpiresAt(instantOrNull(item, "holdExpiresAt"))
                .cancellation(item.containsKey("cancellation") ? cancellation(item.get("cancellation").m(), currency) : null)
                .requestFingerprint(string(item, "requestFingerprint"))
                .rescheduled(rescheduled(item))
                .addresses(new LessonAddresses(string(item, "studentEmail"), string(item, "instructorEmail")))
                .build();
    }

    private static Rescheduled rescheduled(Map<String, AttributeValue> item) {
        if (!item.containsKey("rescheduledFrom")) {
            return Rescheduled.NEVER;
        }
        Map<String, AttributeValue> from = item.get("rescheduledFrom").m();
        return new Rescheduled(
                new RescheduledFrom(LocalDate.parse(string(from, "date")), (int) number(from, "startMinute"),
                        (int) number(from, "endMinute"), instantOrNull(from, "startsAt")),
                (int) number(item, RESCHEDULE_COUNT),
                (int) number(item, "rescheduledByStudent"),
                string(item, "rescheduleRequestKey"),
                string(item, "rescheduleRequestFingerprint"),
                instantOrNull(item, "authorizedNoEarlierThan"));
    }

    private static Map<String, AttributeValue> paymentItem(Payment payment) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("status", s(payment.status().name()));
        // Amounts as bare numbers: their currency is the booking's (the price's), stored once.
        item.put("amountAuthorized", n(payment.amountAuthorized().amount()));
        item.put("amountCaptured", n(payment.amountCaptured().amount()));
        item.put("amountRefunded", n(payment.amountRefunded().amount()));
        putIfPresent(item, "paymentIntentId", payment.paymentIntentId());
        putIfPresent(item, "customerId", payment.customerId());
        putIfPresent(item, "paymentMethodId", payment.paymentMethodId());
        if (payment.dispute() != null) {
            item.put("dispute", AttributeValue.fromM(Map.of(
                    "id", s(payment.dispute().id()),
                    "amount", n(payment.dispute().amount().amount()),
                    "outcome", s(payment.dispute().outcome().name()))));
        }
        if (payment.captureBefore() != null) {
            item.put("captureBefore", instant(payment.captureBefore()));
        }
        putIfPresent(item, "renewedFrom", payment.renewedFrom());
        return item;
    }

    private static Payment payment(Map<String, AttributeValue> item, String currency) {
        return new Payment(
                PaymentStatus.valueOf(string(item, "status")),
                Money.of(number(item, "amountAuthorized"), currency),
                Money.of(number(item, "amountCaptured"), currency),
                Money.of(number(item, "amountRefunded"), currency),
                string(item, "paymentIntentId"),
                string(item, "customerId"),
                string(item, "paymentMethodId"),
                item.containsKey("dispute") ? dispute(item.get("dispute").m(), currency) : null,
                instantOrNull(item, "captureBefore"),
                string(item, "renewedFrom"));
    }

    private static Dispute dispute(Map<String, AttributeValue> item, String currency) {
        return new Dispute(string(item, "id"), Money.of(number(item, "amount"), currency),
                Dispute.Outcome.valueOf(string(item, "outcome")));
    }

    private static Map<String, AttributeValue> cancellationItem(Cancellation cancellation) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("by", s(cancellation.by().claimValue()));
        item.put("at", instant(cancellation.at()));
        putIfPresent(item, "reason", cancellation.reason());
        item.put("chargePercent", n(cancellation.chargePercent()));
        item.put("amountCharged", n(cancellation.amountCharged().amount()));
        return item;
    }

    private static Cancellation cancellation(Map<String, AttributeValue> item, String currency) {
        return new Cancellation(
                Role.fromClaim(string(item, "by")).orElseThrow(),
                instantOrNull(item, "at"),
                string(item, "reason"),
                (int) number(item, "chargePercent"),
                Money.of(number(item, "amountCharged"), currency));
    }
}
