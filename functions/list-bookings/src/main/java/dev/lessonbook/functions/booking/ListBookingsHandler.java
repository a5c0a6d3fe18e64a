package dev.lessonbook.functions.booking;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.aws.priming.Priming;
import dev.lessonbook.booking.ListingInstructorBookings;
import dev.lessonbook.dynamodb.Keys;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.booking.DynamoBookingStore;
import dev.lessonbook.dynamodb.profile.DynamoProfileStore;
import dev.lessonbook.http.HttpFunction;
import dev.lessonbook.http.HttpPriming;
import dev.lessonbook.http.Route;
import dev.lessonbook.http.booking.BookingJson;
import dev.lessonbook.http.booking.BookingRequests;
import java.time.Clock;
import java.util.List;

/** GET /v1/instructors/{instructorId}/bookings?from=&to= */
public final class ListBookingsHandler implements HttpFunction {
    private static final Tables TABLES = Tables.fromEnvironment();
    private static final ListingInstructorBookings LISTING = new ListingInstructorBookings(
            new DynamoProfileStore(TABLES), new DynamoBookingStore(TABLES), Clock.systemUTC());
    private static final Route ROUTE = Route.reading(BookingRequests::listForInstructor)
            .then(query -> LISTING.list(query.caller(), query.instructorId(), query.from(), query.to()))
            .respond(BookingJson::list);

    /**
     * SnapStart priming (docs/decisions.md): the table client, this route on an instructor that does
     * not exist, and the list document of a sample booking.
     */
    static final Priming PRIMING = Priming.register(TABLES.primer(), TABLES.queryPrimer(Keys.GSI1),
            HttpPriming.route(ROUTE, HttpPriming.request("GET /v1/instructors/{instructorId}/bookings")
                    .pathParam("instructorId", HttpPriming.NEVER_WRITTEN_ID).query("from", "2027-01-04").query("to", "2027-01-10")),
            HttpPriming.reading(BookingRequests::listForInstructor, query -> BookingJson.list(List.of(BookingJson.primingSample())),
                    HttpPriming.request("GET /v1/instructors/{instructorId}/bookings")
                            .pathParam("instructorId", HttpPriming.NEVER_WRITTEN_ID).query("from", "2027-01-04")));

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ROUTE.handle(event, context);
    }
}
