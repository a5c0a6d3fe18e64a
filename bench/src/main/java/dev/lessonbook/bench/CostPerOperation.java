package dev.lessonbook.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What each operation costs on DynamoDB, through the real handlers: every SDK call it makes is
 * recorded on the wire ({@link SdkCalls}) and priced by {@link Capacity}. Next to each, the
 * cheapest design we can argue for, so the gap is visible.
 */
public final class CostPerOperation {
    private final BenchEnvironment environment;

    public CostPerOperation(BenchEnvironment environment) {
        this.environment = environment;
    }

    public Map<String, Object> run() {
        String instructor = "inst_cost";
        environment.instructor(instructor);
        environment.openWeek(instructor, BenchEnvironment.MONDAY);
        LocalDate savedWeek = BenchEnvironment.MONDAY.plusWeeks(2);
        LocalDate lessonDay = BenchEnvironment.MONDAY.plusDays(1);

        var save = Functions.saveAvailability();
        var read = Functions.getAvailability();
        var stats = Functions.bookingStats();
        var create = Functions.createBookingHandler();
        var cancel = Functions.cancelBookingHandler();

        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("save week", cost(save, Functions.saveWeek(instructor, savedWeek, 0),
                cheapest(0, 1, 0, 0, "one conditional PutItem of the week item (7 bitmaps, < 1 KB) and nothing else: "
                        + "the day items exist only for the booking path, which could read the week item (one 4 KB read covers it)")));
        rows.put("read week (miss)", cost(read, Functions.readWeek("stud_cost", instructor, savedWeek, false),
                cheapest(0.5, 0, 1, 0, "the week item is itself the answer: one eventually consistent GetItem, no view to fill")));
        rows.put("read week (hit)", cost(read, Functions.readWeek("stud_cost", instructor, savedWeek, false),
                cheapest(0.5, 0, 1, 0, "one eventually consistent GetItem")));
        rows.put("read bookable week (miss)", cost(read, Functions.readWeek("stud_cost", instructor, BenchEnvironment.MONDAY, true),
                cheapest(1.0, 0, 2, 0, "the week item and one GSI query of the week's bookings, no view")));
        rows.put("read bookable week (hit)", cost(read, Functions.readWeek("stud_cost", instructor, BenchEnvironment.MONDAY, true),
                cheapest(0.5, 0, 1, 0, "one eventually consistent GetItem of the view")));
        APIGatewayV2HTTPEvent booking = Functions.createBooking("stud_cost_1", instructor, lessonDay, 10 * 60, "cost-1");
        Map<String, Object> created = cost(create, booking, cheapest(1.0, 12, 1, 2,
                "one BatchGetItem (profile + day), a reserve transaction over the booking and one occupancy item per person "
                        + "and day (bitmap with a version condition) and a confirm transaction over the same three items; "
                        + "it trades our per-15-minute lock items for day-level contention (two bookings of one person "
                        + "on one day conflict and one retries)"));
        rows.put("create booking (success)", created);
        rows.put("create booking (conflict)", cost(create,
                Functions.createBooking("stud_cost_2", instructor, lessonDay, 10 * 60 + 30, "cost-2"),
                cheapest(1.0, 6, 1, 1, "the same reads and the reserve transaction, cancelled by its condition")));
        String bookingId = (String) created.remove("bookingId");
        rows.put("cancel booking (> 24 h ahead)", cost(cancel, Functions.cancelBooking("stud_cost_1", bookingId),
                cheapest(1.0, 6, 1, 1, "one strongly consistent GetItem of the booking and one transaction over the booking and its two occupancy items")));
        rows.put("read stats (miss)", cost(stats, Functions.stats(instructor),
                cheapest(0.5, 0, 1, 0, "stats kept as counters on the profile item, updated in each booking transaction: one GetItem")));
        rows.put("read stats (hit)", cost(stats, Functions.stats(instructor),
                cheapest(0.5, 0, 1, 0, "one eventually consistent GetItem")));
        return rows;
    }

    private static Map<String, Object> cost(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function,
            APIGatewayV2HTTPEvent event, Map<String, Object> cheapest) {
        SdkCalls.record();
        APIGatewayV2HTTPResponse response;
        try {
            response = function.apply(event);
        } finally {
            // stopRecording below
        }
        List<SdkCalls.Call> calls = SdkCalls.stopRecording();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("status", response.getStatusCode());
        row.putAll(Capacity.of(calls));
        row.put("cheapest", cheapest);
        if (response.getStatusCode() == 201) {
            row.put("bookingId", Functions.idOf(response));
        }
        System.out.println("[bench] cost " + row);
        return row;
    }

    private static Map<String, Object> cheapest(double rcu, double wcu, int reads, int transactions, String design) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("rcu", rcu);
        row.put("wcu", wcu);
        row.put("reads", reads);
        row.put("transactions", transactions);
        row.put("design", design);
        return row;
    }
}
