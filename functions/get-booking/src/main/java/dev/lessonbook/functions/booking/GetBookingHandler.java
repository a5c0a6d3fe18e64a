package dev.lessonbook.functions.booking;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.booking.ReadingABooking;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.booking.DynamoBookingStore;
import dev.lessonbook.http.HttpFunction;
import dev.lessonbook.http.Route;
import dev.lessonbook.http.booking.BookingJson;
import dev.lessonbook.http.booking.BookingRequests;

/** GET /v1/bookings/{bookingId} */
public final class GetBookingHandler implements HttpFunction {
    private static final ReadingABooking READING = new ReadingABooking(new DynamoBookingStore(Tables.fromEnvironment()));
    private static final Route ROUTE = Route.reading(BookingRequests::booking)
            .then(ref -> READING.read(ref.caller(), ref.bookingId()))
            .respond(BookingJson::response);

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ROUTE.handle(event, context);
    }
}
