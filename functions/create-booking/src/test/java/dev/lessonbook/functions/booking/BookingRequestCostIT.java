package dev.lessonbook.functions.booking;

import static dev.lessonbook.functions.booking.CreateBookingHandlerIT.BERLIN;
import static dev.lessonbook.functions.booking.CreateBookingHandlerIT.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Permissions;
import dev.lessonbook.access.Role;
import dev.lessonbook.availability.SaveWeekCommand;
import dev.lessonbook.availability.SavingWeekAvailability;
import dev.lessonbook.availability.WindowOnDate;
import dev.lessonbook.booking.BookingALesson;
import dev.lessonbook.booking.BookingOutcome;
import dev.lessonbook.booking.BookingRequest;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.TestTable;
import dev.lessonbook.dynamodb.availability.DynamoAvailabilityStore;
import dev.lessonbook.dynamodb.booking.DynamoBookingStore;
import dev.lessonbook.dynamodb.profile.DynamoProfileStore;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.payment.PaymentGateway;
import dev.lessonbook.payments.AroundPayments;
import dev.lessonbook.payments.stripe.StripePaymentGateway;
import dev.lessonbook.problem.Result;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.LessonService;
import dev.lessonbook.profile.LocationType;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What one successful booking costs in DynamoDB requests, counted on the wire with an SDK
 * interceptor: at most 3 reads and 1 transaction before the payment step, 2 transactions in all.
 */
@ExtendWith(LocalServersExtension.class)
class BookingRequestCostIT {
    private final List<String> operations = Collections.synchronizedList(new ArrayList<>());

    @Test
    void aBookingReadsAtMostThreeTimesAndWritesOneTransactionBeforePaymentAndTwoInAll(LocalServers.Endpoints endpoints) {
        Tables tables = TestTable.counting(endpoints, operations);
        LocalDate soon = LocalDate.now(BERLIN).plusDays(3);
        DynamoProfileStore profiles = new DynamoProfileStore(tables);
        profiles.save(new InstructorProfile("inst_cost", BERLIN, Map.of(), List.of(new LessonService(
                "guitar", "Guitar", List.of(60), Map.of(LocationType.ONLINE, 6000L), "usd", true))));
        new SavingWeekAvailability(profiles, new DynamoAvailabilityStore(tables), Clock.systemUTC()).save(new SaveWeekCommand(
                Permissions.toChangeAvailability(new Caller("inst_cost", Role.INSTRUCTOR), "inst_cost").orElseThrow(), soon.with(java.time.DayOfWeek.MONDAY),
                List.of(new WindowOnDate(soon, minutes("08:00"), minutes("18:00"))), true, Optional.empty()));
        List<String> beforePayment = new ArrayList<>();
        PaymentGateway stripe = new StripePaymentGateway(LocalServers.STRIPE_TEST_KEY, endpoints.stripe(),
                StripePaymentGateway.DEFAULT_CONNECT_TIMEOUT, StripePaymentGateway.DEFAULT_READ_TIMEOUT);
        // Tells when the first payment call starts.
        PaymentGateway observed = new AroundPayments(stripe, call -> {
            beforePayment.addAll(operations);
            return call.get();
        });
        BookingALesson booking = new BookingALesson(profiles, new DynamoAvailabilityStore(tables),
                new DynamoBookingStore(tables), observed, Clock.systemUTC());
        operations.clear();

        BookingOutcome outcome = booking.book(new BookingRequest(Permissions.toBook(new Caller("stud_cost", Role.STUDENT)).orElseThrow(), "inst_cost", "guitar",
                soon, minutes("10:00"), 60, LocationType.ONLINE, "pm_card_visa", null, "cost-key"));

        assertThat(outcome.result()).isInstanceOf(Result.Ok.class);
        assertThat(beforePayment).filteredOn(operation -> List.of("GetItem", "Query", "BatchGetItem").contains(operation))
                .hasSizeLessThanOrEqualTo(3);
        assertThat(beforePayment).filteredOn("TransactWriteItems"::equals).hasSize(1);
        assertThat(operations).filteredOn("TransactWriteItems"::equals).hasSize(2);
        assertThat(operations).doesNotContain("Scan");
    }
}
