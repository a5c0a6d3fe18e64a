package dev.lessonbook.functions.booking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Permissions;
import dev.lessonbook.access.Role;
import dev.lessonbook.availability.SaveWeekCommand;
import dev.lessonbook.availability.SavingWeekAvailability;
import dev.lessonbook.availability.WindowOnDate;
import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.BookingALesson;
import dev.lessonbook.booking.BookingOutcome;
import dev.lessonbook.booking.BookingRequest;
import dev.lessonbook.booking.ReschedulePolicy;
import dev.lessonbook.booking.RescheduleRequest;
import dev.lessonbook.booking.ReschedulingABooking;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.TestTable;
import dev.lessonbook.dynamodb.availability.DynamoAvailabilityStore;
import dev.lessonbook.dynamodb.booking.DynamoBookingStore;
import dev.lessonbook.dynamodb.profile.DynamoProfileStore;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.payment.PaymentIncidents;
import dev.lessonbook.payments.stripe.StripePaymentGateway;
import dev.lessonbook.problem.Result;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.LessonService;
import dev.lessonbook.profile.LocationType;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What one move costs in DynamoDB requests, counted on the wire with an SDK interceptor: at most
 * 3 reads and exactly 1 transaction when the price is unchanged (issue 16, "Done when").
 */
@ExtendWith(LocalServersExtension.class)
class RescheduleRequestCostIT {
    private final List<String> operations = Collections.synchronizedList(new ArrayList<>());

    @Test
    void aMoveReadsAtMostThreeTimesAndWritesOneTransaction(LocalServers.Endpoints endpoints) {
        Tables tables = TestTable.counting(endpoints, operations);
        LocalDate soon = LocalDate.now(ZoneOffset.UTC).plusDays(3);
        DynamoProfileStore profiles = new DynamoProfileStore(tables);
        profiles.save(new InstructorProfile("inst_cost", ZoneOffset.UTC, Map.of(), List.of(new LessonService(
                "guitar", "Guitar", List.of(60), Map.of(LocationType.ONLINE, 6000L), "usd", true))));
        new SavingWeekAvailability(profiles, new DynamoAvailabilityStore(tables), Clock.systemUTC()).save(new SaveWeekCommand(
                Permissions.toChangeAvailability(new Caller("inst_cost", Role.INSTRUCTOR), "inst_cost").orElseThrow(),
                soon.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
                List.of(new WindowOnDate(soon, 8 * 60, 18 * 60)), true, Optional.empty()));
        StripePaymentGateway stripe = new StripePaymentGateway(LocalServers.STRIPE_TEST_KEY, endpoints.stripe(),
                StripePaymentGateway.DEFAULT_CONNECT_TIMEOUT, StripePaymentGateway.DEFAULT_READ_TIMEOUT);
        BookingOutcome booked = new BookingALesson(profiles, new DynamoAvailabilityStore(tables), new DynamoBookingStore(tables),
                stripe, Clock.systemUTC()).book(new BookingRequest(Permissions.toBook(new Caller("stud_cost", Role.STUDENT)).orElseThrow(),
                "inst_cost", "guitar", soon, 10 * 60, 60, LocationType.ONLINE, "pm_card_visa", null, null));
        Booking booking = ((Result.Ok<Booking>) booked.result()).value();
        ReschedulingABooking rescheduling = new ReschedulingABooking(profiles, new DynamoAvailabilityStore(tables),
                new DynamoBookingStore(tables), stripe, PaymentIncidents.loggedAndCounted(), ReschedulePolicy.defaults(),
                Clock.systemUTC());
        operations.clear();

        BookingOutcome moved = rescheduling.reschedule(new RescheduleRequest(new Caller("stud_cost", Role.STUDENT),
                booking.id(), soon, 14 * 60, null, "cost-key"));

        assertThat(moved.result()).isInstanceOf(Result.Ok.class);
        assertThat(operations).filteredOn(operation -> List.of("GetItem", "Query", "BatchGetItem").contains(operation))
                .hasSizeLessThanOrEqualTo(3);
        assertThat(operations).filteredOn("TransactWriteItems"::equals).hasSize(1);
        assertThat(operations).containsOnly("GetItem", "TransactWriteItems");
    }
}
