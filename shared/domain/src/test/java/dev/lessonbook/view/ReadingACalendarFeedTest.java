package dev.lessonbook.view;

import static dev.lessonbook.fixtures.Bookings.aBooking;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Role;
import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.BookingStatus;
import dev.lessonbook.booking.Cancellation;
import dev.lessonbook.booking.Rescheduled;
import dev.lessonbook.booking.RescheduledFrom;
import dev.lessonbook.feed.CalendarTokens;
import dev.lessonbook.feed.FeedEvents;
import dev.lessonbook.feed.IssuingACalendarToken;
import dev.lessonbook.fixtures.InMemoryBookingStore;
import dev.lessonbook.fixtures.InMemoryProfileStore;
import dev.lessonbook.fixtures.MovableClock;
import dev.lessonbook.fixtures.Profiles;
import dev.lessonbook.money.Money;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Result;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadingACalendarFeedTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final InMemoryProfileStore profiles = new InMemoryProfileStore().with(Profiles.aProfile().build());
    private final InMemoryBookingStore bookings = new InMemoryBookingStore();
    private final TokenMap tokens = new TokenMap();
    private final MovableClock clock = new MovableClock(NOW);
    private final IssuingACalendarToken issuing = new IssuingACalendarToken(profiles, tokens, clock);
    private final ReadingACalendarFeed reading = new ReadingACalendarFeed(profiles, bookings, tokens, ViewCache.NONE, clock);

    @Test
    void onlyAgreedAndCancelledLessonsAreInTheFeed() {
        bookings.with(aBooking().id("bk_confirmed").status(BookingStatus.CONFIRMED).startingAt(NOW.plusSeconds(86_400)).build())
                .with(aBooking().id("bk_completed").status(BookingStatus.COMPLETED).startingAt(NOW.minusSeconds(86_400)).build())
                .with(aBooking().id("bk_cancelled").cancelled(new Cancellation(Role.STUDENT, NOW, null, 0, Money.zero("usd")))
                        .startingAt(NOW.plusSeconds(2 * 86_400)).build())
                .with(aBooking().id("bk_pending").pendingUntil(NOW.plusSeconds(600)).startingAt(NOW.plusSeconds(3 * 86_400)).build())
                .with(aBooking().id("bk_failed").status(BookingStatus.PAYMENT_FAILED).startingAt(NOW.plusSeconds(4 * 86_400)).build())
                .with(aBooking().id("bk_expired").status(BookingStatus.EXPIRED).startingAt(NOW.plusSeconds(5 * 86_400)).build());

        String feed = feed(issue());

        assertThat(feed).contains("UID:bk_confirmed@lessonbook", "UID:bk_completed@lessonbook", "UID:bk_cancelled@lessonbook")
                .doesNotContain("bk_pending").doesNotContain("bk_failed").doesNotContain("bk_expired");
    }

    @Test
    void everyMoveAndTheCancellationRaiseTheSequence() {
        Booking booked = aBooking().id("bk_moving").status(BookingStatus.CONFIRMED).startingAt(NOW.plusSeconds(86_400)).build();
        RescheduledFrom before = RescheduledFrom.of(booked);
        Booking movedOnce = aBooking().id("bk_moving").status(BookingStatus.CONFIRMED).startingAt(NOW.plusSeconds(2 * 86_400))
                .rescheduled(new Rescheduled(before, 1, 1, null, null)).build();
        Booking movedTwiceThenCancelled = aBooking().id("bk_moving").startingAt(NOW.plusSeconds(3 * 86_400))
                .rescheduled(new Rescheduled(before, 2, 1, null, null))
                .cancelled(new Cancellation(Role.STUDENT, NOW, null, 0, Money.zero("usd"))).build();

        assertThat(FeedEvents.sequence(booked)).isZero();
        assertThat(FeedEvents.sequence(movedOnce)).isEqualTo(1);
        assertThat(FeedEvents.sequence(movedTwiceThenCancelled)).isEqualTo(3);
        bookings.with(movedOnce);
        assertThat(feed(issue())).contains("UID:bk_moving@lessonbook", "SEQUENCE:1");
    }

    @Test
    void aRotatedTokenNoLongerOpensTheFeed() {
        String first = issue();
        String second = issue();

        assertThat(reading.read(Profiles.INSTRUCTOR, Optional.of(first))).isInstanceOf(Result.Rejected.class);
        assertThat(reading.read(Profiles.INSTRUCTOR, Optional.of(second))).isInstanceOf(Result.Ok.class);
    }

    @Test
    void noTokenAndAnInstructorWithoutAFeedAreTheSameNotFound() {
        issue();

        assertThat(code(reading.read(Profiles.INSTRUCTOR, Optional.empty()))).isEqualTo(ProblemCode.NOT_FOUND);
        assertThat(code(reading.read("ins-without-feed", Optional.of("cal_x")))).isEqualTo(ProblemCode.NOT_FOUND);
    }

    @Test
    void onlyTheInstructorOrAnAdminIssuesTheToken() {
        Result<IssuingACalendarToken.Issued> other = issuing.issue(new Caller("ins-2", Role.INSTRUCTOR), Profiles.INSTRUCTOR);

        assertThat(code(other)).isEqualTo(ProblemCode.FORBIDDEN);
        assertThat(issuing.issue(new Caller("adm-1", Role.ADMIN), Profiles.INSTRUCTOR)).isInstanceOf(Result.Ok.class);
    }

    private String issue() {
        return ((Result.Ok<IssuingACalendarToken.Issued>) issuing.issue(new Caller(Profiles.INSTRUCTOR, Role.INSTRUCTOR),
                Profiles.INSTRUCTOR)).value().token();
    }

    private String feed(String token) {
        return ((Result.Ok<String>) reading.read(Profiles.INSTRUCTOR, Optional.of(token))).value();
    }

    private static ProblemCode code(Result<?> result) {
        return ((Result.Rejected<?>) result).rejection().code();
    }

    /** The port as a map, holding hashes only, as the table does. */
    private static final class TokenMap implements CalendarTokens {
        private final Map<String, byte[]> hashes = new HashMap<>();

        @Override
        public void save(String instructorId, byte[] tokenHash, Instant issuedAt) {
            hashes.put(instructorId, tokenHash);
        }

        @Override
        public Optional<byte[]> hashFor(String instructorId) {
            return Optional.ofNullable(hashes.get(instructorId));
        }
    }
}
