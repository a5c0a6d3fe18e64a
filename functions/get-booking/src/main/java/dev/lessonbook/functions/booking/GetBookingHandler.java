package dev.lessonbook.functions.booking;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.aws.priming.Priming;
import dev.lessonbook.booking.ReadingABooking;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.booking.DynamoBookingStore;
import dev.lessonbook.http.HttpFunction;
import dev.lessonbook.http.HttpPriming;
import dev.lessonbook.http.Route;
import dev.lessonbook.http.booking.BookingJson;
import dev.lessonbook.http.booking.BookingRequests;

/** GET /v1/bookings/{bookingId} */
public final class GetBookingHandler implements HttpFunction {
    private static final Tables TABLES = Tables.fromEnvironment();
    private static final ReadingABooking READING = new ReadingABooking(new DynamoBookingStore(TABLES));
    private static final Route ROUTE = Route.reading(BookingRequests::booking)
            .then(ref -> READING.read(ref.caller(), ref.bookingId()))
            .respond(BookingJson::response);

    /**
     * SnapStart priming (docs/decisions.md): the table client, this route on a booking that does not
     * exist, and the document of a sample booking.
     */
    static final Priming PRIMING = Priming.register(TABLES.primer(),
            HttpPriming.route(ROUTE, HttpPriming.request("GET /v1/bookings/{bookingId}").pathParam("bookingId", HttpPriming.NEVER_WRITTEN_ID)),
            HttpPriming.reading(BookingRequests::booking, ref -> BookingJson.response(BookingJson.primingSample()),
                    HttpPriming.request("GET /v1/bookings/{bookingId}").pathParam("bookingId", HttpPriming.NEVER_WRITTEN_ID)));

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ROUTE.handle(event, context);
    }
}
