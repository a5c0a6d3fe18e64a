package dev.lessonbook.eventjson;

/**
 * Queue messages exactly as version 1 wrote them: published by today's writers through the real
 * use cases and stores (Europe/Berlin, USD 60.00 lessons of inst_42), copied here verbatim. Until
 * the last of them has left the queues and their dead-letter queues, version 2 must read them.
 */
public final class Version1Messages {
    private Version1Messages() {}

    public static final String WEEK_SAVED = """
            {"eventId":"cc8adac1-d1b5-49e6-81cc-6731a6a6b0bb","type":"AvailabilityWeekSaved",\
            "occurredAt":"2026-12-04T10:15:30.123456Z","instructorId":"inst_42",\
            "payload":{"days":{"2026-12-07":[{"start":"09:00","end":"24:00"}],"2026-12-08":[{"start":"09:00",\
            "end":"24:00"}],"2026-12-09":[{"start":"09:00","end":"24:00"}],"2026-12-10":[{"start":"09:00",\
            "end":"24:00"}],"2026-12-11":[{"start":"09:00","end":"24:00"}],"2026-12-12":[{"start":"09:00",\
            "end":"24:00"}],"2026-12-13":[{"start":"09:00","end":"24:00"}]},"weekStart":"2026-12-07",\
            "version":"RWkKHrxSa783EvBS","instructorId":"inst_42","timezone":"Europe/Berlin"}}""";

    public static final String CONFIRMED = """
            {"eventId":"c275099e-8e27-4aac-95a5-2dfb32c35388","type":"BookingConfirmed",\
            "occurredAt":"2026-12-04T10:15:30.123456Z","instructorId":"inst_42","payload":{"status":"CONFIRMED",\
            "date":"2026-12-07","studentId":"stud_7","serviceId":"guitar",\
            "bookingId":"bk_f2f8662a276c434a96f5a6bb","serviceName":"Guitar","end":"10:00",\
            "endsAtLocal":"2026-12-07T10:00+01:00","locationType":"online","start":"09:00",\
            "timezone":"Europe/Berlin","instructorId":"inst_42","durationMinutes":60,\
            "startsAt":"2026-12-07T08:00:00Z","createdAt":"2026-12-04T10:15:30.123456Z",\
            "price":{"currency":"usd","amount":6000},"payment":{"status":"AUTHORIZED","amountAuthorized":6000,\
            "amountCaptured":0,"amountRefunded":0},"occupancy":{"instructorUntil":"2026-12-07T09:15:00Z",\
            "instructorFrom":"2026-12-07T08:00:00Z"},"startsAtLocal":"2026-12-07T09:00+01:00",\
            "endsAt":"2026-12-07T09:00:00Z","confirmedAt":"2026-12-04T10:15:30.123456Z"}}""";

    public static final String CANCELLED = """
            {"eventId":"4295db75-d4ab-4aae-8d87-aa7d84d57b21","type":"BookingCancelled",\
            "occurredAt":"2026-12-08T09:00:00Z","instructorId":"inst_42","payload":{"durationMinutes":60,\
            "timezone":"Europe/Berlin","status":"CANCELLED","studentId":"stud_8","date":"2026-12-08",\
            "startsAt":"2026-12-08T22:00:00Z","start":"23:00","startsAtLocal":"2026-12-08T23:00+01:00",\
            "endsAtLocal":"2026-12-09T00:00+01:00","createdAt":"2026-12-04T10:15:30.123456Z",\
            "cancellation":{"by":"student","at":"2026-12-08T09:00:00Z","reason":"Sick \\"\u2028 é",\
            "chargePercent":50,"amountCharged":3000},"payment":{"status":"AUTHORIZED","amountAuthorized":6000,\
            "amountCaptured":0,"amountRefunded":0},"end":"24:00","locationType":"online","serviceName":"Guitar",\
            "price":{"currency":"usd","amount":6000},"confirmedAt":"2026-12-04T10:15:30.123456Z",\
            "bookingId":"bk_69fd59db17114ea08eb4927c","instructorId":"inst_42","serviceId":"guitar",\
            "occupancy":{"instructorUntil":"2026-12-08T23:15:00Z","instructorFrom":"2026-12-08T22:00:00Z"},\
            "endsAt":"2026-12-08T23:00:00Z"}}""";

    public static final String PAYMENT_FAILED_WHEN_BOOKING = """
            {"eventId":"48e5935c-8c7e-4de8-abcb-e454be5880db","type":"BookingPaymentFailed",\
            "occurredAt":"2026-12-04T10:15:30.123456Z","instructorId":"inst_42","payload":{"serviceId":"guitar",\
            "status":"PAYMENT_FAILED","serviceName":"Guitar","end":"11:00","timezone":"Europe/Berlin",\
            "date":"2026-12-09","endsAt":"2026-12-09T10:00:00Z","endsAtLocal":"2026-12-09T11:00+01:00",\
            "durationMinutes":60,"start":"10:00","locationType":"online","payment":{"status":"FAILED",\
            "amountAuthorized":0,"amountCaptured":0,"amountRefunded":0},\
            "startsAtLocal":"2026-12-09T10:00+01:00","bookingId":"bk_be113350c9a44ce1b7ad90a9",\
            "startsAt":"2026-12-09T09:00:00Z","occupancy":{"instructorUntil":"2026-12-09T10:15:00Z",\
            "instructorFrom":"2026-12-09T09:00:00Z"},"studentId":"stud_9","price":{"currency":"usd",\
            "amount":6000},"createdAt":"2026-12-04T10:15:30.123456Z","instructorId":"inst_42"}}""";

    public static final String COMPLETED = """
            {"eventId":"d1406308-7f88-4611-92e8-0f358a89ec70","type":"BookingCompleted",\
            "occurredAt":"2026-12-10T11:00:00Z","instructorId":"inst_42","payload":{"status":"COMPLETED",\
            "date":"2026-12-10","studentId":"stud_7","serviceId":"guitar",\
            "bookingId":"bk_18a4a4a4cef84369b3fc317a","serviceName":"Guitar","end":"10:00",\
            "endsAtLocal":"2026-12-10T10:00+01:00","locationType":"online","start":"09:00",\
            "timezone":"Europe/Berlin","instructorId":"inst_42","durationMinutes":60,\
            "startsAt":"2026-12-10T08:00:00Z","createdAt":"2026-12-04T10:15:30.123456Z",\
            "price":{"currency":"usd","amount":6000},"payment":{"status":"CAPTURED","amountAuthorized":6000,\
            "amountCaptured":6000,"amountRefunded":0},"occupancy":{"instructorUntil":"2026-12-10T09:15:00Z",\
            "instructorFrom":"2026-12-10T08:00:00Z"},"startsAtLocal":"2026-12-10T09:00+01:00",\
            "endsAt":"2026-12-10T09:00:00Z","confirmedAt":"2026-12-04T10:15:30.123456Z"}}""";

    public static final String PAYMENT_FAILED_WHEN_AUTHORIZING = """
            {"eventId":"a2557b18-ec25-48ea-aa11-7531f3647cf1","type":"BookingPaymentFailed",\
            "occurredAt":"2026-12-12T09:30:00Z","instructorId":"inst_42","payload":{"status":"PAYMENT_FAILED",\
            "date":"2026-12-13","studentId":"stud_5","serviceId":"guitar",\
            "bookingId":"bk_6171cad2a6dd462e8d5471fc","serviceName":"Guitar","end":"10:00",\
            "endsAtLocal":"2026-12-13T10:00+01:00","locationType":"online","start":"09:00",\
            "timezone":"Europe/Berlin","instructorId":"inst_42","durationMinutes":60,\
            "startsAt":"2026-12-13T08:00:00Z","createdAt":"2026-12-04T10:15:30.123456Z",\
            "price":{"currency":"usd","amount":6000},"payment":{"status":"FAILED","amountAuthorized":0,\
            "amountCaptured":0,"amountRefunded":0},"occupancy":{"instructorUntil":"2026-12-13T09:15:00Z",\
            "instructorFrom":"2026-12-13T08:00:00Z"},"startsAtLocal":"2026-12-13T09:00+01:00",\
            "endsAt":"2026-12-13T09:00:00Z","confirmedAt":"2026-12-04T10:15:30.123456Z"}}""";

}
