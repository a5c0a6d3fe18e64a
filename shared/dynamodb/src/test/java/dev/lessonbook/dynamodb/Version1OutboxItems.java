package dev.lessonbook.dynamodb;

/**
 * Outbox items exactly as version 1 stored them (DynamoDB JSON): written by today's writers
 * through the real use cases and stores, copied here verbatim — the same events as
 * {@code Version1Messages}. No {@code eventVersion}; the payload a DynamoDB map. The relay must
 * still deliver any left in the table when version 2 is deployed.
 */
public final class Version1OutboxItems {
    private Version1OutboxItems() {}

    public static final String WEEK_SAVED = """
            {"duepk":{"S":"OUTBOX"},\
            "duesk":{"S":"2026-12-04T10:15:30.123456Z#cc8adac1-d1b5-49e6-81cc-6731a6a6b0bb"},\
            "eventId":{"S":"cc8adac1-d1b5-49e6-81cc-6731a6a6b0bb"},"instructorId":{"S":"inst_42"},\
            "occurredAt":{"S":"2026-12-04T10:15:30.123456Z"},\
            "payload":{"M":{"days":{"M":{"2026-12-07":{"L":[{"M":{"end":{"S":"24:00"},"start":{"S":"09:00"}}}]},\
            "2026-12-08":{"L":[{"M":{"end":{"S":"24:00"},"start":{"S":"09:00"}}}]},\
            "2026-12-09":{"L":[{"M":{"end":{"S":"24:00"},"start":{"S":"09:00"}}}]},\
            "2026-12-10":{"L":[{"M":{"end":{"S":"24:00"},"start":{"S":"09:00"}}}]},\
            "2026-12-11":{"L":[{"M":{"end":{"S":"24:00"},"start":{"S":"09:00"}}}]},\
            "2026-12-12":{"L":[{"M":{"end":{"S":"24:00"},"start":{"S":"09:00"}}}]},\
            "2026-12-13":{"L":[{"M":{"end":{"S":"24:00"},"start":{"S":"09:00"}}}]}}},\
            "instructorId":{"S":"inst_42"},"timezone":{"S":"Europe/Berlin"},"version":{"S":"RWkKHrxSa783EvBS"},\
            "weekStart":{"S":"2026-12-07"}}},"pk":{"S":"OUTBOX#cc8adac1-d1b5-49e6-81cc-6731a6a6b0bb"},\
            "sk":{"S":"EVENT"},"type":{"S":"AvailabilityWeekSaved"}}""";

    public static final String CONFIRMED = """
            {"duepk":{"S":"OUTBOX"},\
            "duesk":{"S":"2026-12-04T10:15:30.123456Z#c275099e-8e27-4aac-95a5-2dfb32c35388"},\
            "eventId":{"S":"c275099e-8e27-4aac-95a5-2dfb32c35388"},"instructorId":{"S":"inst_42"},\
            "occurredAt":{"S":"2026-12-04T10:15:30.123456Z"},\
            "payload":{"M":{"bookingId":{"S":"bk_f2f8662a276c434a96f5a6bb"},\
            "confirmedAt":{"S":"2026-12-04T10:15:30.123456Z"},"createdAt":{"S":"2026-12-04T10:15:30.123456Z"},\
            "date":{"S":"2026-12-07"},"durationMinutes":{"N":"60"},"end":{"S":"10:00"},\
            "endsAt":{"S":"2026-12-07T09:00:00Z"},"endsAtLocal":{"S":"2026-12-07T10:00+01:00"},\
            "instructorId":{"S":"inst_42"},"locationType":{"S":"online"},\
            "occupancy":{"M":{"instructorFrom":{"S":"2026-12-07T08:00:00Z"},\
            "instructorUntil":{"S":"2026-12-07T09:15:00Z"}}},"payment":{"M":{"amountAuthorized":{"N":"6000"},\
            "amountCaptured":{"N":"0"},"amountRefunded":{"N":"0"},"status":{"S":"AUTHORIZED"}}},\
            "price":{"M":{"amount":{"N":"6000"},"currency":{"S":"usd"}}},"serviceId":{"S":"guitar"},\
            "serviceName":{"S":"Guitar"},"start":{"S":"09:00"},"startsAt":{"S":"2026-12-07T08:00:00Z"},\
            "startsAtLocal":{"S":"2026-12-07T09:00+01:00"},"status":{"S":"CONFIRMED"},\
            "studentId":{"S":"stud_7"},"timezone":{"S":"Europe/Berlin"}}},\
            "pk":{"S":"OUTBOX#c275099e-8e27-4aac-95a5-2dfb32c35388"},"sk":{"S":"EVENT"},\
            "type":{"S":"BookingConfirmed"}}""";

    public static final String CANCELLED = """
            {"duepk":{"S":"OUTBOX"},"duesk":{"S":"2026-12-08T09:00:00Z#4295db75-d4ab-4aae-8d87-aa7d84d57b21"},\
            "eventId":{"S":"4295db75-d4ab-4aae-8d87-aa7d84d57b21"},"instructorId":{"S":"inst_42"},\
            "occurredAt":{"S":"2026-12-08T09:00:00Z"},\
            "payload":{"M":{"bookingId":{"S":"bk_69fd59db17114ea08eb4927c"},\
            "cancellation":{"M":{"amountCharged":{"N":"3000"},"at":{"S":"2026-12-08T09:00:00Z"},\
            "by":{"S":"student"},"chargePercent":{"N":"50"},"reason":{"S":"Sick \\"\u2028 é"}}},\
            "confirmedAt":{"S":"2026-12-04T10:15:30.123456Z"},"createdAt":{"S":"2026-12-04T10:15:30.123456Z"},\
            "date":{"S":"2026-12-08"},"durationMinutes":{"N":"60"},"end":{"S":"24:00"},\
            "endsAt":{"S":"2026-12-08T23:00:00Z"},"endsAtLocal":{"S":"2026-12-09T00:00+01:00"},\
            "instructorId":{"S":"inst_42"},"locationType":{"S":"online"},\
            "occupancy":{"M":{"instructorFrom":{"S":"2026-12-08T22:00:00Z"},\
            "instructorUntil":{"S":"2026-12-08T23:15:00Z"}}},"payment":{"M":{"amountAuthorized":{"N":"6000"},\
            "amountCaptured":{"N":"0"},"amountRefunded":{"N":"0"},"status":{"S":"AUTHORIZED"}}},\
            "price":{"M":{"amount":{"N":"6000"},"currency":{"S":"usd"}}},"serviceId":{"S":"guitar"},\
            "serviceName":{"S":"Guitar"},"start":{"S":"23:00"},"startsAt":{"S":"2026-12-08T22:00:00Z"},\
            "startsAtLocal":{"S":"2026-12-08T23:00+01:00"},"status":{"S":"CANCELLED"},\
            "studentId":{"S":"stud_8"},"timezone":{"S":"Europe/Berlin"}}},\
            "pk":{"S":"OUTBOX#4295db75-d4ab-4aae-8d87-aa7d84d57b21"},"sk":{"S":"EVENT"},\
            "type":{"S":"BookingCancelled"}}""";

    public static final String PAYMENT_FAILED_WHEN_BOOKING = """
            {"duepk":{"S":"OUTBOX"},\
            "duesk":{"S":"2026-12-04T10:15:30.123456Z#48e5935c-8c7e-4de8-abcb-e454be5880db"},\
            "eventId":{"S":"48e5935c-8c7e-4de8-abcb-e454be5880db"},"instructorId":{"S":"inst_42"},\
            "occurredAt":{"S":"2026-12-04T10:15:30.123456Z"},\
            "payload":{"M":{"bookingId":{"S":"bk_be113350c9a44ce1b7ad90a9"},\
            "createdAt":{"S":"2026-12-04T10:15:30.123456Z"},"date":{"S":"2026-12-09"},\
            "durationMinutes":{"N":"60"},"end":{"S":"11:00"},"endsAt":{"S":"2026-12-09T10:00:00Z"},\
            "endsAtLocal":{"S":"2026-12-09T11:00+01:00"},"instructorId":{"S":"inst_42"},\
            "locationType":{"S":"online"},"occupancy":{"M":{"instructorFrom":{"S":"2026-12-09T09:00:00Z"},\
            "instructorUntil":{"S":"2026-12-09T10:15:00Z"}}},"payment":{"M":{"amountAuthorized":{"N":"0"},\
            "amountCaptured":{"N":"0"},"amountRefunded":{"N":"0"},"status":{"S":"FAILED"}}},\
            "price":{"M":{"amount":{"N":"6000"},"currency":{"S":"usd"}}},"serviceId":{"S":"guitar"},\
            "serviceName":{"S":"Guitar"},"start":{"S":"10:00"},"startsAt":{"S":"2026-12-09T09:00:00Z"},\
            "startsAtLocal":{"S":"2026-12-09T10:00+01:00"},"status":{"S":"PAYMENT_FAILED"},\
            "studentId":{"S":"stud_9"},"timezone":{"S":"Europe/Berlin"}}},\
            "pk":{"S":"OUTBOX#48e5935c-8c7e-4de8-abcb-e454be5880db"},"sk":{"S":"EVENT"},\
            "type":{"S":"BookingPaymentFailed"}}""";

    public static final String COMPLETED = """
            {"duepk":{"S":"OUTBOX"},"duesk":{"S":"2026-12-10T11:00:00Z#d1406308-7f88-4611-92e8-0f358a89ec70"},\
            "eventId":{"S":"d1406308-7f88-4611-92e8-0f358a89ec70"},"instructorId":{"S":"inst_42"},\
            "occurredAt":{"S":"2026-12-10T11:00:00Z"},\
            "payload":{"M":{"bookingId":{"S":"bk_18a4a4a4cef84369b3fc317a"},\
            "confirmedAt":{"S":"2026-12-04T10:15:30.123456Z"},"createdAt":{"S":"2026-12-04T10:15:30.123456Z"},\
            "date":{"S":"2026-12-10"},"durationMinutes":{"N":"60"},"end":{"S":"10:00"},\
            "endsAt":{"S":"2026-12-10T09:00:00Z"},"endsAtLocal":{"S":"2026-12-10T10:00+01:00"},\
            "instructorId":{"S":"inst_42"},"locationType":{"S":"online"},\
            "occupancy":{"M":{"instructorFrom":{"S":"2026-12-10T08:00:00Z"},\
            "instructorUntil":{"S":"2026-12-10T09:15:00Z"}}},"payment":{"M":{"amountAuthorized":{"N":"6000"},\
            "amountCaptured":{"N":"6000"},"amountRefunded":{"N":"0"},"status":{"S":"CAPTURED"}}},\
            "price":{"M":{"amount":{"N":"6000"},"currency":{"S":"usd"}}},"serviceId":{"S":"guitar"},\
            "serviceName":{"S":"Guitar"},"start":{"S":"09:00"},"startsAt":{"S":"2026-12-10T08:00:00Z"},\
            "startsAtLocal":{"S":"2026-12-10T09:00+01:00"},"status":{"S":"COMPLETED"},\
            "studentId":{"S":"stud_7"},"timezone":{"S":"Europe/Berlin"}}},\
            "pk":{"S":"OUTBOX#d1406308-7f88-4611-92e8-0f358a89ec70"},"sk":{"S":"EVENT"},\
            "type":{"S":"BookingCompleted"}}""";

    public static final String PAYMENT_FAILED_WHEN_AUTHORIZING = """
            {"duepk":{"S":"OUTBOX"},"duesk":{"S":"2026-12-12T09:30:00Z#a2557b18-ec25-48ea-aa11-7531f3647cf1"},\
            "eventId":{"S":"a2557b18-ec25-48ea-aa11-7531f3647cf1"},"instructorId":{"S":"inst_42"},\
            "occurredAt":{"S":"2026-12-12T09:30:00Z"},\
            "payload":{"M":{"bookingId":{"S":"bk_6171cad2a6dd462e8d5471fc"},\
            "confirmedAt":{"S":"2026-12-04T10:15:30.123456Z"},"createdAt":{"S":"2026-12-04T10:15:30.123456Z"},\
            "date":{"S":"2026-12-13"},"durationMinutes":{"N":"60"},"end":{"S":"10:00"},\
            "endsAt":{"S":"2026-12-13T09:00:00Z"},"endsAtLocal":{"S":"2026-12-13T10:00+01:00"},\
            "instructorId":{"S":"inst_42"},"locationType":{"S":"online"},\
            "occupancy":{"M":{"instructorFrom":{"S":"2026-12-13T08:00:00Z"},\
            "instructorUntil":{"S":"2026-12-13T09:15:00Z"}}},"payment":{"M":{"amountAuthorized":{"N":"0"},\
            "amountCaptured":{"N":"0"},"amountRefunded":{"N":"0"},"status":{"S":"FAILED"}}},\
            "price":{"M":{"amount":{"N":"6000"},"currency":{"S":"usd"}}},"serviceId":{"S":"guitar"},\
            "serviceName":{"S":"Guitar"},"start":{"S":"09:00"},"startsAt":{"S":"2026-12-13T08:00:00Z"},\
            "startsAtLocal":{"S":"2026-12-13T09:00+01:00"},"status":{"S":"PAYMENT_FAILED"},\
            "studentId":{"S":"stud_5"},"timezone":{"S":"Europe/Berlin"}}},\
            "pk":{"S":"OUTBOX#a2557b18-ec25-48ea-aa11-7531f3647cf1"},"sk":{"S":"EVENT"},\
            "type":{"S":"BookingPaymentFailed"}}""";

}
