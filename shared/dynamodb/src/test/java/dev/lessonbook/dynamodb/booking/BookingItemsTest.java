package dev.lessonbook.dynamodb.booking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.access.Role;
import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.Cancellation;
import dev.lessonbook.dynamodb.DueShards;
import dev.lessonbook.booking.Rescheduled;
import dev.lessonbook.booking.RescheduledFrom;
import dev.lessonbook.dynamodb.DynamoJson;
import dev.lessonbook.contact.LessonAddresses;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.Dispute;
import dev.lessonbook.payment.PaymentStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class BookingItemsTest {
    /**
     * A cancelled booking, captured in full and half refunded, as {@code BookingItems} stored it
     * before amounts were Money: each amount a bare number, the currency once, next to the price.
     */
    private static final String STORED_BEFORE_MONEY = """
            {"cancellation":{"M":{"amountCharged":{"N":"3000"},"at":{"S":"2026-12-09T02:30:00Z"},"by":{"S":"student"},\
            "chargePercent":{"N":"50"},"reason":{"S":"Sick"}}},"confirmedAt":{"S":"2026-12-01T10:00:02Z"},\
            "createdAt":{"S":"2026-12-01T10:00:00.123456Z"},"currency":{"S":"eur"},"date":{"S":"2026-12-09"},\
            "durationMinutes":{"N":"60"},"endMinute":{"N":"990"},"endsAt":{"S":"2026-12-09T15:30:00Z"},\
            "gsi1pk":{"S":"INSTRUCTOR#inst_42"},"gsi1sk":{"S":"2026-12-09T14:30:00Z#bk_0123456789abcdef01234567"},\
            "gsi2pk":{"S":"STUDENT#stud_7"},"gsi2sk":{"S":"2026-12-09T14:30:00Z#bk_0123456789abcdef01234567"},\
            "id":{"S":"bk_0123456789abcdef01234567"},"instructorId":{"S":"inst_42"},"locationType":{"S":"online"},\
            "note":{"S":"Bring a capo"},"occupancy":{"M":{"instructorFrom":{"S":"2026-12-09T14:30:00Z"},\
            "instructorUntil":{"S":"2026-12-09T15:45:00Z"},"studentFrom":{"S":"2026-12-09T14:30:00Z"},\
            "studentUntil":{"S":"2026-12-09T15:30:00Z"}}},"payment":{"M":{"amountAuthorized":{"N":"6000"},\
            "amountCaptured":{"N":"6000"},"amountRefunded":{"N":"3000"},"paymentIntentId":{"S":"pi_1"},\
            "paymentMethodId":{"S":"pm_card_visa"},"status":{"S":"CAPTURED"}}},\
            "pk":{"S":"BOOKING#bk_0123456789abcdef01234567"},"priceAmount":{"N":"6000"},"requestFingerprint":{"S":"3f2a"},\
            "serviceId":{"S":"guitar"},"serviceName":{"S":"Guitar"},"sk":{"S":"BOOKING"},"startMinute":{"N":"930"},\
            "startsAt":{"S":"2026-12-09T14:30:00Z"},"status":{"S":"CANCELLED"},"studentId":{"S":"stud_7"},\
            "timezone":{"S":"Europe/Berlin"}}""";

    @Test
    void anItemStoredBeforeAmountsWereMoneyReadsWithTheCurrencyOfItsPrice() {
        Booking booking = BookingItems.fromItem(DynamoJson.item(STORED_BEFORE_MONEY));

        assertThat(booking.price()).isEqualTo(Money.of(6000, "eur"));
        assertThat(booking.payment().status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(booking.payment().amountAuthorized()).isEqualTo(Money.of(6000, "eur"));
        assertThat(booking.payment().amountCaptured()).isEqualTo(Money.of(6000, "eur"));
        assertThat(booking.payment().amountRefunded()).isEqualTo(Money.of(3000, "eur"));
        assertThat(booking.payment().kept()).isEqualTo(Money.of(3000, "eur"));
        assertThat(booking.cancellation()).isEqualTo(
                new Cancellation(Role.STUDENT, Instant.parse("2026-12-09T02:30:00Z"), "Sick", 50, Money.of(3000, "eur")));
    }

    @Test
    void anItemStoredBeforeAddressesWereKeptReadsWithNone() {
        assertThat(BookingItems.fromItem(DynamoJson.item(STORED_BEFORE_MONEY)).addresses()).isEqualTo(LessonAddresses.NONE);
    }

    @Test
    void aBookingsAddressesAreStoredAndReadBack() {
        Booking booking = BookingItems.fromItem(DynamoJson.item(STORED_BEFORE_MONEY)).toBuilder()
                .addresses(new LessonAddresses("ada@example.com", null)).build();

        Map<String, AttributeValue> item = BookingItems.toItem(booking, DueShards.fromEnvironment());

        assertThat(item.get("studentEmail").s()).isEqualTo("ada@example.com");
        assertThat(item).doesNotContainKey("instructorEmail");
        assertThat(BookingItems.fromItem(item).addresses()).isEqualTo(new LessonAddresses("ada@example.com", null));
    }

    @Test
    void aBookingIsStoredExactlyAsBeforeAmountsWereMoney() {
        Map<String, AttributeValue> stored = DynamoJson.item(STORED_BEFORE_MONEY);

        assertThat(BookingItems.toItem(BookingItems.fromItem(stored), DueShards.fromEnvironment())).isEqualTo(stored);
    }

    @Test
    void aDisputeIsStoredWithItsPaymentAndReadBack() {
        Booking booking = BookingItems.fromItem(DynamoJson.item(STORED_BEFORE_MONEY));
        Booking disputed = booking.withPayment(booking.payment().withDisputeOpened("dp_1", Money.of(3000, "eur"))
                .withDisputeClosed("dp_1", Money.of(3000, "eur"), false));

        Booking read = BookingItems.fromItem(BookingItems.toItem(disputed, DueShards.fromEnvironment()));

        assertThat(read).isEqualTo(disputed);
        assertThat(read.payment().dispute()).isEqualTo(new Dispute("dp_1", Money.of(3000, "eur"), Dispute.Outcome.LOST));
        assertThat(read.payment().status()).isEqualTo(PaymentStatus.DISPUTE_LOST);
    }

    @Test
    void aMovedBookingKeepsWhereItWasHowOftenItMovedAndTheRequestThatMovedIt() {
        Booking stored = BookingItems.fromItem(DynamoJson.item(STORED_BEFORE_MONEY));
        Booking moved = stored.toBuilder().rescheduled(new Rescheduled(new RescheduledFrom(LocalDate.parse("2026-12-08"),
                600, 660, Instant.parse("2026-12-08T09:00:00Z")), 3, 1, "key-hash", "body-hash",
                Instant.parse("2026-12-07T09:00:00Z"))).build();

        Map<String, AttributeValue> item = BookingItems.toItem(moved, DueShards.fromEnvironment());

        assertThat(item.get(BookingItems.RESCHEDULE_COUNT).n()).isEqualTo("3");
        assertThat(BookingItems.fromItem(item)).isEqualTo(moved);
        assertThat(BookingItems.fromItem(item).rescheduledFrom().startMinute()).isEqualTo(600);
        assertThat(BookingItems.toItem(stored, DueShards.fromEnvironment())).doesNotContainKey(BookingItems.RESCHEDULE_COUNT);
    }
}
