package dev.lessonbook.eventjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lessonbook.access.Role;
import dev.lessonbook.calendar.Occupancy;
import dev.lessonbook.calendar.TimeWindow;
import dev.lessonbook.contact.LessonAddresses;
import dev.lessonbook.event.AvailabilityWeekSaved;
import dev.lessonbook.event.BookingCancelled;
import dev.lessonbook.event.BookingCompleted;
import dev.lessonbook.event.BookingConfirmed;
import dev.lessonbook.event.BookingEvent;
import dev.lessonbook.event.BookingPaymentFailed;
import dev.lessonbook.event.BookingRescheduled;
import dev.lessonbook.event.BookingSnapshot;
import dev.lessonbook.event.DomainEvent;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.PaymentStatus;
import dev.lessonbook.payment.PaymentSummary;
import dev.lessonbook.profile.LocationType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventJsonTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant CREATED = Instant.parse("2026-12-04T10:15:30.123456Z");
    private static final Money PRICE = Money.of(6000, "usd");
    private static final Money NONE = Money.of(0, "usd");

    /** 23:00–24:00 on 8 Dec 2026 in Berlin, stud_8's, authorized: as version 1 wrote it, and what it means. */
    private static final BookingSnapshot LATE_LESSON = new BookingSnapshot("bk_69fd59db17114ea08eb4927c", "inst_42",
            "stud_8", "guitar", "Guitar", LocalDate.parse("2026-12-08"), new TimeWindow(23 * 60, 24 * 60), BERLIN,
            Instant.parse("2026-12-08T22:00:00Z"), Instant.parse("2026-12-08T23:00:00Z"),
            new Occupancy(Instant.parse("2026-12-08T22:00:00Z"), Instant.parse("2026-12-08T23:15:00Z"),
                    Instant.parse("2026-12-08T22:00:00Z"), Instant.parse("2026-12-08T23:00:00Z")),
            60, LocationType.ONLINE, PRICE, new PaymentSummary(PaymentStatus.AUTHORIZED, PRICE, NONE, NONE), null,
            CREATED, CREATED, LessonAddresses.NONE);

    @Test
    void aVersion1WeekSavedReadsAsTheWeek() {
        TreeMap<LocalDate, List<TimeWindow>> days = new TreeMap<>();
        for (int day = 7; day <= 13; day++) {
            days.put(LocalDate.of(2026, 12, day), List.of(new TimeWindow(9 * 60, 24 * 60)));
        }

        assertThat(EventJson.standard().read(Version1Messages.WEEK_SAVED)).isEqualTo(new AvailabilityWeekSaved(
                "cc8adac1-d1b5-49e6-81cc-6731a6a6b0bb", CREATED, "inst_42", LocalDate.parse("2026-12-07"), BERLIN,
                "RWkKHrxSa783EvBS", days));
    }

    @Test
    void aVersion1CancellationReadsAsWhoCancelledWhyAndTheCharge() {
        assertThat(EventJson.standard().read(Version1Messages.CANCELLED)).isEqualTo(new BookingCancelled(
                "4295db75-d4ab-4aae-8d87-aa7d84d57b21", Instant.parse("2026-12-08T09:00:00Z"), LATE_LESSON,
                Role.STUDENT, "Sick \"\u2028 é", 50, Money.of(3000, "usd")));
    }

    @Test
    void aVersion1ConfirmationReadsAsTheLessonBooked() {
        DomainEvent confirmed = EventJson.standard().read(Version1Messages.CONFIRMED);

        assertThat(confirmed).isInstanceOf(BookingConfirmed.class);
        BookingSnapshot lesson = ((BookingConfirmed) confirmed).booking();
        assertThat(confirmed.eventId()).isEqualTo("c275099e-8e27-4aac-95a5-2dfb32c35388");
        assertThat(confirmed.instructorId()).isEqualTo("inst_42");
        assertThat(lesson.bookingId()).isEqualTo("bk_f2f8662a276c434a96f5a6bb");
        assertThat(lesson.studentId()).isEqualTo("stud_7");
        assertThat(lesson.time()).isEqualTo(new TimeWindow(9 * 60, 10 * 60));
        assertThat(lesson.startsAt()).isEqualTo(Instant.parse("2026-12-07T08:00:00Z"));
        assertThat(lesson.occupancy().instructorUntil()).isEqualTo(Instant.parse("2026-12-07T09:15:00Z"));
        assertThat(lesson.payment()).isEqualTo(new PaymentSummary(PaymentStatus.AUTHORIZED, PRICE, NONE, NONE));
        assertThat(lesson.confirmedAt()).isEqualTo(CREATED);
    }

    @Test
    void aVersion1CompletionReadsWithWhatWasCaptured() {
        DomainEvent completed = EventJson.standard().read(Version1Messages.COMPLETED);

        assertThat(completed).isInstanceOfSatisfying(BookingCompleted.class, event -> assertThat(event.booking().payment())
                .isEqualTo(new PaymentSummary(PaymentStatus.CAPTURED, PRICE, PRICE, NONE)));
        assertThat(completed.occurredAt()).isEqualTo(Instant.parse("2026-12-10T11:00:00Z"));
    }

    @Test
    void aVersion1PaymentFailureSaysWhetherTheLessonHadBeenConfirmed() {
        assertThat(EventJson.standard().read(Version1Messages.PAYMENT_FAILED_WHEN_BOOKING))
                .isInstanceOfSatisfying(BookingPaymentFailed.class, failed -> {
                    assertThat(failed.booking().confirmedAt()).isNull();
                    assertThat(failed.booking().payment().status()).isEqualTo(PaymentStatus.FAILED);
                });
        assertThat(EventJson.standard().read(Version1Messages.PAYMENT_FAILED_WHEN_AUTHORIZING))
                .isInstanceOfSatisfying(BookingPaymentFailed.class, failed ->
                        assertThat(failed.booking().confirmedAt()).isEqualTo(CREATED));
    }

    @Test
    void aVersion1BookingEventWithoutItsOccupancyCoversTheLongestBuffersEitherSide() {
        String withoutOccupancy = Version1Messages.CONFIRMED.replaceAll(",?\"occupancy\":\\{[^}]*}", "");
        assertThat(withoutOccupancy).doesNotContain("occupancy");

        Occupancy busy = ((BookingEvent) EventJson.standard().read(withoutOccupancy)).booking().occupancy();

        assertThat(busy.instructorFrom()).isEqualTo(Instant.parse("2026-12-07T04:00:00Z"));
        assertThat(busy.instructorUntil()).isEqualTo(Instant.parse("2026-12-07T13:00:00Z"));
    }

    static Stream<DomainEvent> everyKindOfEvent() {
        return Stream.of(Version1Messages.WEEK_SAVED, Version1Messages.CONFIRMED, Version1Messages.CANCELLED,
                        Version1Messages.COMPLETED, Version1Messages.PAYMENT_FAILED_WHEN_BOOKING,
                        Version1Messages.PAYMENT_FAILED_WHEN_AUTHORIZING)
                .map(EventJson.standard()::read);
    }

    @ParameterizedTest
    @MethodSource("everyKindOfEvent")
    void whatIsWrittenIsVersion2AndReadsBackEqual(DomainEvent event) {
        String written = EventJson.standard().write(event);

        assertThat(written).startsWith("{\"eventVersion\":2,\"type\":\"" + event.type() + "\",\"eventId\":\"");
        assertThat(EventJson.standard().read(written)).isEqualTo(event);
    }

    @Test
    void version2IsTheRecordsOwnMembersAfterItsType() {
        DomainEvent cancelled = EventJson.standard().read(Version1Messages.CANCELLED);

        assertThat(EventJson.standard().write(cancelled)).isEqualTo("{\"eventVersion\":2,\"type\":\"BookingCancelled\","
                + "\"eventId\":\"4295db75-d4ab-4aae-8d87-aa7d84d57b21\",\"occurredAt\":\"2026-12-08T09:00:00Z\","
                + "\"booking\":{\"bookingId\":\"bk_69fd59db17114ea08eb4927c\",\"instructorId\":\"inst_42\","
                + "\"studentId\":\"stud_8\",\"serviceId\":\"guitar\",\"serviceName\":\"Guitar\",\"date\":\"2026-12-08\","
                + "\"time\":{\"startMinute\":1380,\"endMinute\":1440},\"timezone\":\"Europe/Berlin\","
                + "\"startsAt\":\"2026-12-08T22:00:00Z\",\"endsAt\":\"2026-12-08T23:00:00Z\","
                + "\"occupancy\":{\"instructorFrom\":\"2026-12-08T22:00:00Z\",\"instructorUntil\":\"2026-12-08T23:15:00Z\","
                + "\"studentFrom\":\"2026-12-08T22:00:00Z\",\"studentUntil\":\"2026-12-08T23:00:00Z\"},"
                + "\"durationMinutes\":60,\"locationType\":\"ONLINE\",\"price\":{\"amount\":6000,\"currency\":\"usd\"},"
                + "\"payment\":{\"status\":\"AUTHORIZED\",\"amountAuthorized\":{\"amount\":6000,\"currency\":\"usd\"},"
                + "\"amountCaptured\":{\"amount\":0,\"currency\":\"usd\"},\"amountRefunded\":{\"amount\":0,\"currency\":\"usd\"}},"
                + "\"note\":null,\"createdAt\":\"2026-12-04T10:15:30.123456Z\",\"confirmedAt\":\"2026-12-04T10:15:30.123456Z\","
                + "\"addresses\":{\"student\":null,\"instructor\":null}},"
                + "\"cancelledBy\":\"STUDENT\",\"reason\":\"Sick \\\"\u2028 é\",\"chargePercent\":50,"
                + "\"amountCharged\":{\"amount\":3000,\"currency\":\"usd\"}}");
    }

    /** {@link #LATE_LESSON} moved by its instructor from 8 Dec 23:00 to 9 Dec 10:00, Berlin. */
    static BookingRescheduled lateLessonMovedToTheMorning() {
        BookingSnapshot morning = new BookingSnapshot("bk_69fd59db17114ea08eb4927c", "inst_42", "stud_8", "guitar",
                "Guitar", LocalDate.parse("2026-12-09"), new TimeWindow(10 * 60, 11 * 60), BERLIN,
                Instant.parse("2026-12-09T09:00:00Z"), Instant.parse("2026-12-09T10:00:00Z"),
                new Occupancy(Instant.parse("2026-12-09T09:00:00Z"), Instant.parse("2026-12-09T10:15:00Z"),
                        Instant.parse("2026-12-09T09:00:00Z"), Instant.parse("2026-12-09T10:00:00Z")),
                60, LocationType.ONLINE, PRICE, new PaymentSummary(PaymentStatus.AUTHORIZED, PRICE, NONE, NONE), null,
                CREATED, CREATED, LessonAddresses.NONE);
        return new BookingRescheduled("7d0b2a43-5f4e-4c0e-9b1a-2f7f0f6c9e11", Instant.parse("2026-12-06T08:30:00Z"),
                morning, LATE_LESSON, Role.INSTRUCTOR);
    }

    @Test
    void aRescheduleIsWrittenWithTheLessonAsItIsAndAsItWasAndReadsBackEqual() {
        BookingRescheduled moved = lateLessonMovedToTheMorning();

        String written = EventJson.standard().write(moved);

        assertThat(written).startsWith("{\"eventVersion\":2,\"type\":\"BookingRescheduled\","
                + "\"eventId\":\"7d0b2a43-5f4e-4c0e-9b1a-2f7f0f6c9e11\",\"occurredAt\":\"2026-12-06T08:30:00Z\","
                + "\"booking\":{\"bookingId\":\"bk_69fd59db17114ea08eb4927c\",");
        assertThat(written).contains("\"date\":\"2026-12-09\",\"time\":{\"startMinute\":600,\"endMinute\":660}");
        assertThat(written).contains(",\"previous\":{\"bookingId\":\"bk_69fd59db17114ea08eb4927c\",");
        assertThat(written).contains("\"date\":\"2026-12-08\",\"time\":{\"startMinute\":1380,\"endMinute\":1440}");
        assertThat(written).endsWith(",\"rescheduledBy\":\"INSTRUCTOR\"}");
        assertThat(EventJson.standard().read(written)).isEqualTo(moved);
        assertThat(moved.instructorId()).isEqualTo("inst_42");
    }

    @Test
    void everyEventRecordIsATypeOnTheWireNamedAsItsRecord() {
        assertThat(everyKindOfEvent().map(DomainEvent::type)).containsExactlyInAnyOrder("AvailabilityWeekSaved",
                "BookingConfirmed", "BookingCancelled", "BookingCompleted", "BookingPaymentFailed", "BookingPaymentFailed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "null", "[]", "\"x\""})
    void aBodyThatIsNoJsonObjectIsPoison(String body) {
        assertThatThrownBy(() -> EventJson.standard().read(body)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Message body is not a JSON object");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"not\":\"an event\"}",
        "{\"eventId\":1,\"type\":\"BookingCompleted\",\"occurredAt\":\"2026-12-01T10:00:00Z\",\"instructorId\":\"i\"}",
        "{\"eventId\":\" \",\"type\":\"BookingCompleted\",\"occurredAt\":\"2026-12-01T10:00:00Z\",\"instructorId\":\"i\"}",
        "{\"eventId\":\"e\",\"type\":\"Nope\",\"occurredAt\":\"2026-12-01T10:00:00Z\",\"instructorId\":\"i\"}",
        "{\"eventId\":\"e\",\"type\":\"BookingCompleted\",\"occurredAt\":\"yesterday\",\"instructorId\":\"i\"}",
        "{\"eventId\":\"e\",\"type\":\"BookingCompleted\",\"occurredAt\":\"2026-12-01T10:00:00Z\"}",
        "{\"eventId\":\"e\",\"type\":\"BookingCompleted\",\"occurredAt\":\"2026-12-01T10:00:00Z\",\"instructorId\":\"i\",\"payload\":{\"a\":null}}",
        "{\"eventId\":\"e\",",
        "{\"eventId\":\"e\",\"eventId\":\"f\",\"type\":\"BookingCompleted\",\"occurredAt\":\"2026-12-01T10:00:00Z\",\"instructorId\":\"i\"}",
        "{\"eventVersion\":3,\"type\":\"BookingCompleted\",\"eventId\":\"e\",\"occurredAt\":\"2026-12-01T10:00:00Z\"}",
        "{\"eventVersion\":\"2\",\"type\":\"BookingCompleted\",\"eventId\":\"e\",\"occurredAt\":\"2026-12-01T10:00:00Z\"}",
        "{\"eventVersion\":2,\"type\":\"Nope\",\"eventId\":\"e\",\"occurredAt\":\"2026-12-01T10:00:00Z\"}",
        "{\"eventVersion\":2,\"eventId\":\"e\",\"occurredAt\":\"2026-12-01T10:00:00Z\"}",
        "{\"eventVersion\":2,\"type\":\"BookingCompleted\",\"occurredAt\":\"2026-12-01T10:00:00Z\"}",
        "{\"eventVersion\":2,\"type\":\"AvailabilityWeekSaved\",\"eventId\":\"e\",\"occurredAt\":\"2026-12-01T10:00:00Z\","
                + "\"instructorId\":\"i\",\"weekStart\":\"2026-12-07\",\"timezone\":\"Europe/Berlin\",\"version\":\"v\","
                + "\"days\":{\"2026-12-07\":[{\"startMinute\":600,\"endMinute\":540}]}}",
    })
    void aBodyThatIsNoEventIsPoison(String body) {
        assertThatThrownBy(() -> EventJson.standard().read(body)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aVersion1OutboxPayloadReadsLikeItsMessage() {
        Map<String, Object> payload = new java.util.LinkedHashMap<>();
        payload.put("weekStart", "2026-12-07");
        payload.put("timezone", "Europe/Berlin");
        payload.put("version", "v1");
        payload.put("days", Map.of("2026-12-08", List.of(Map.of("start", "09:00", "end", "10:30"))));

        assertThat(EventJson.standard().readVersion1(Map.of("eventId", "e-1", "type", "AvailabilityWeekSaved",
                "occurredAt", "2026-12-04T10:15:30Z", "instructorId", "inst_42", "payload", payload)))
                .isEqualTo(new AvailabilityWeekSaved("e-1", Instant.parse("2026-12-04T10:15:30Z"), "inst_42",
                        LocalDate.parse("2026-12-07"), BERLIN, "v1",
                        new TreeMap<>(Map.of(LocalDate.parse("2026-12-08"), List.of(new TimeWindow(540, 630))))));
    }
}
