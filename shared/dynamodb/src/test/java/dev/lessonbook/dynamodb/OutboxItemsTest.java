package dev.lessonbook.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.event.BookingCancelled;
import dev.lessonbook.event.DomainEvent;
import dev.lessonbook.eventjson.EventJson;
import dev.lessonbook.eventjson.Version1Messages;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class OutboxItemsTest {

    /** Each item version 1 stored, and the message version 1 published for the same event. */
    static Stream<Arguments> version1ItemsAndTheirMessages() {
        return Stream.of(
                Arguments.of(Version1OutboxItems.WEEK_SAVED, Version1Messages.WEEK_SAVED),
                Arguments.of(Version1OutboxItems.CONFIRMED, Version1Messages.CONFIRMED),
                Arguments.of(Version1OutboxItems.CANCELLED, Version1Messages.CANCELLED),
                Arguments.of(Version1OutboxItems.COMPLETED, Version1Messages.COMPLETED),
                Arguments.of(Version1OutboxItems.PAYMENT_FAILED_WHEN_BOOKING, Version1Messages.PAYMENT_FAILED_WHEN_BOOKING),
                Arguments.of(Version1OutboxItems.PAYMENT_FAILED_WHEN_AUTHORIZING,
                        Version1Messages.PAYMENT_FAILED_WHEN_AUTHORIZING));
    }

    @ParameterizedTest
    @MethodSource("version1ItemsAndTheirMessages")
    void aVersion1ItemReadsAsTheEventItsMessageCarried(String item, String message) {
        DomainEvent event = OutboxItems.toEvent(DynamoJson.item(item));

        assertThat(event).isEqualTo(EventJson.standard().read(message));
        assertThat(event.type()).isEqualTo(DynamoJson.item(item).get("type").s());
    }

    @ParameterizedTest
    @MethodSource("version1ItemsAndTheirMessages")
    void anItemWrittenNowIsVersion2HoldingItsMessageAndReadsBackEqual(String item, String message) {
        DomainEvent event = EventJson.standard().read(message);

        Map<String, AttributeValue> written = OutboxItems.put("table", DueShards.fromEnvironment(), event).put().item();

        assertThat(written).containsEntry("eventVersion", AttributeValue.fromN("2"))
                .containsEntry("message", AttributeValue.fromS(EventJson.standard().write(event)))
                .containsEntry("type", AttributeValue.fromS(event.type()))
                .containsEntry("eventId", AttributeValue.fromS(event.eventId()))
                .containsEntry("instructorId", AttributeValue.fromS(event.instructorId()))
                .doesNotContainKey("payload");
        assertThat(OutboxItems.toEvent(written)).isEqualTo(event);
    }

    @ParameterizedTest
    @MethodSource("version1ItemsAndTheirMessages")
    void aVersion1CancellationKeepsWhoCancelledAndWhy(String item, String message) {
        if (OutboxItems.toEvent(DynamoJson.item(item)) instanceof BookingCancelled cancelled) {
            assertThat(cancelled.reason()).isEqualTo("Sick \"\u2028 é");
            assertThat(cancelled.chargePercent()).isEqualTo(50);
        }
    }
}
