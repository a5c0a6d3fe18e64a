package dev.lessonbook.notification;

import dev.lessonbook.event.AvailabilityWeekSaved;
import dev.lessonbook.event.BookingCancelled;
import dev.lessonbook.event.BookingCompleted;
import dev.lessonbook.event.BookingConfirmed;
import dev.lessonbook.event.BookingPaymentActionRequired;
import dev.lessonbook.event.BookingPaymentFailed;
import dev.lessonbook.event.BookingRescheduled;
import dev.lessonbook.event.BookingSnapshot;
import dev.lessonbook.event.DomainEvent;
import dev.lessonbook.money.Money;
import dev.lessonbook.profile.LocationType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Who is told what about a booking event (docs/spec.md §8), from the event alone:
 * confirmed → student and instructor; cancelled → the other party, plus a receipt to the
 * canceller; payment failed → the student (and the instructor too when the lesson had been
 * confirmed, docs/spec.md §6); an off-session authorization asking for 3-D Secure → the student,
 * with the link to confirm the payment ({@code PaymentAuthenticationUrl}). Times are shown in the recipient's timezone, named. Each email goes
 * to the address the booking kept for its recipient, or to none when it kept none
 * ({@link SendingNotifications} decides what then).
 */
public final class LessonEmails {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    /** Where a student authenticates an off-session payment ({@code {bookingId}} filled in); the setting's default. */
    public static final String AUTHENTICATION_URL_SETTING = "PAYMENT_AUTHENTICATION_URL";
    public static final String DEFAULT_AUTHENTICATION_URL = "https://app.lessonbook.dev/bookings/{bookingId}/confirm-payment";

    private final String authenticationUrl;

    /** With the default authentication link ({@link #DEFAULT_AUTHENTICATION_URL}). */
    public LessonEmails() {
        this(DEFAULT_AUTHENTICATION_URL);
    }

    /**
     * @param authenticationUrl the link a student follows to authenticate a payment, with
     *     {@code {bookingId}} where the booking's id goes ({@code PaymentAuthenticationUrl} in template.yaml)
     */
    public LessonEmails(String authenticationUrl) {
        if (authenticationUrl == null || !authenticationUrl.contains("{bookingId}")) {
            throw new IllegalArgumentException(AUTHENTICATION_URL_SETTING + " must contain {bookingId}: " + authenticationUrl);
        }
        this.authenticationUrl = authenticationUrl;
    }

    private String authenticationLink(String bookingId) {
        return authenticationUrl.replace("{bookingId}", URLEncoder.encode(bookingId, StandardCharsets.UTF_8));
    }

    /** One email for one recipient of a booking's event; {@code email.to()} null when the booking kept no address for them. */
    public record Notice(Recipient recipient, String bookingId, Email email) {}

    public List<Notice> of(DomainEvent event) {
        return switch (event) {
            case AvailabilityWeekSaved saved -> List.of();
            case BookingCompleted completed -> List.of();
            case BookingConfirmed confirmed -> List.of(
                    notice(Recipient.student(confirmed.booking().studentId()), confirmed.booking(), "Your lesson is booked",
                            "Your lesson is confirmed. The price is authorized on your card and charged when the lesson is completed."),
                    notice(Recipient.instructor(confirmed.instructorId()), confirmed.booking(), "New lesson booked",
                            "A student booked a lesson with you."));
            case BookingCancelled cancelled -> cancelled(cancelled);
            case BookingPaymentFailed failed -> paymentFailed(failed.booking());
            case BookingPaymentActionRequired asked -> List.of(notice(Recipient.student(asked.booking().studentId()),
                    asked.booking(), "Action needed: confirm your payment",
                    "Your bank asks you to confirm the payment for this lesson before it is authorized."
                            + " Please confirm it here: " + authenticationLink(asked.booking().bookingId())
                            + " — if it is not confirmed in time before the lesson, the lesson is cancelled."));
            case BookingRescheduled moved -> rescheduled(moved);
        };
    }

    private List<Notice> rescheduled(BookingRescheduled moved) {
        BookingSnapshot booking = moved.booking();
        String byWhom = switch (moved.rescheduledBy()) {
            case STUDENT -> "the student";
            case INSTRUCTOR -> "the instructor";
            case ADMIN -> "Lessonbook support";
        };
        String intro = "This lesson was moved by " + byWhom + ". It now takes place at the time below.";
        return List.of(
                notice(Recipient.student(booking.studentId()), booking, moved.previous(), "Lesson rescheduled", intro),
                notice(Recipient.instructor(booking.instructorId()), booking, moved.previous(), "Lesson rescheduled", intro));
    }

    private List<Notice> cancelled(BookingCancelled cancelled) {
        BookingSnapshot booking = cancelled.booking();
        Recipient student = Recipient.student(booking.studentId());
        Recipient instructor = Recipient.instructor(booking.instructorId());
        String charge = chargeLine(cancelled);
        return switch (cancelled.cancelledBy()) {
            case STUDENT -> List.of(
                    notice(instructor, booking, "Lesson cancelled by the student", "Your student cancelled this lesson."),
                    notice(student, booking, "Cancellation receipt", "You cancelled this lesson. " + charge));
            case INSTRUCTOR -> List.of(
                    notice(student, booking, "Lesson cancelled by your instructor",
                            "Your instructor cancelled this lesson. " + charge),
                    notice(instructor, booking, "Cancellation receipt", "You cancelled this lesson."));
            // An admin's address is not modelled: both parties are "the other party".
            case ADMIN -> List.of(
                    notice(student, booking, "Lesson cancelled", "Lessonbook support cancelled this lesson. " + charge),
                    notice(instructor, booking, "Lesson cancelled", "Lessonbook support cancelled this lesson."));
        };
    }

    private List<Notice> paymentFailed(BookingSnapshot booking) {
        List<Notice> notices = new ArrayList<>();
        notices.add(notice(Recipient.student(booking.studentId()), booking, "Payment failed: lesson not booked",
                "We could not authorize your card for this lesson, so it is not booked. Please book again with another card."));
        if (booking.confirmedAt() != null) {
            // The instructor had been told this lesson was booked; now it is not.
            notices.add(notice(Recipient.instructor(booking.instructorId()), booking,
                    "Lesson cancelled: payment failed", "The student's card could not be authorized, so this lesson is cancelled."));
        }
        return notices;
    }

    private static String chargeLine(BookingCancelled cancelled) {
        if (cancelled.amountCharged().amount() == 0) {
            return "You will not be charged.";
        }
        return "Under the cancellation policy " + cancelled.chargePercent() + "% of the price is charged: "
                + money(cancelled.amountCharged()) + ".";
    }

    private Notice notice(Recipient recipient, BookingSnapshot booking, String title, String intro) {
        return notice(recipient, booking, null, title, intro);
    }

    /** @param previous the booking before it moved, whose time is shown as "Was"; null for no move */
    private Notice notice(Recipient recipient, BookingSnapshot booking, BookingSnapshot previous, String title,
            String intro) {
        ZoneId zone = zoneOf(recipient, booking);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Lesson", booking.serviceName());
        facts.put("When", when(booking, zone));
        if (previous != null) {
            facts.put("Was", when(previous, zoneOf(recipient, previous)));
        }
        facts.put("Length", booking.durationMinutes() + " minutes");
        facts.put("Where", where(booking.locationType()));
        facts.put("Price", money(booking.price()));
        facts.put("Booking", booking.bookingId());
        String subject = title + ": " + booking.serviceName() + ", " + shortWhen(booking, zone);
        return new Notice(recipient, booking.bookingId(), new Email(addressOf(recipient, booking), subject,
                plainText(title, intro, facts), html(title, intro, facts)));
    }

    private static String addressOf(Recipient recipient, BookingSnapshot booking) {
        return switch (recipient.party()) {
            case STUDENT -> booking.addresses().student();
            case INSTRUCTOR -> booking.addresses().instructor();
        };
    }

    /**
     * The recipient's timezone. Students have none in the model, so they see the lesson in the
     * instructor's timezone, which every email names next to the time.
     */
    private static ZoneId zoneOf(Recipient recipient, BookingSnapshot booking) {
        return booking.timezone();
    }

    private static String when(BookingSnapshot booking, ZoneId zone) {
        ZonedDateTime start = booking.startsAt().atZone(zone);
        ZonedDateTime end = booking.endsAt().atZone(zone);
        return DAY.format(start) + ", " + TIME.format(start) + "–" + endTime(start, end) + " (" + zone.getId() + ")";
    }

    private static String shortWhen(BookingSnapshot booking, ZoneId zone) {
        ZonedDateTime start = booking.startsAt().atZone(zone);
        return DateTimeFormatter.ofPattern("EEE d MMM uuuu HH:mm", Locale.ENGLISH).format(start) + " " + zone.getId();
    }

    /** A lesson ending at midnight ends at 24:00 of its day, not at 00:00. */
    private static String endTime(ZonedDateTime start, ZonedDateTime end) {
        LocalDate nextDay = start.toLocalDate().plusDays(1);
        if (end.toLocalDate().equals(nextDay) && end.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            return "24:00";
        }
        return TIME.format(end);
    }

    private static String where(LocationType locationType) {
        return switch (locationType) {
            case ONLINE -> "Online";
            case INSTRUCTOR_LOCATION -> "At the instructor's location";
            case STUDENT_LOCATION -> "At the student's location";
        };
    }

    /** {@code USD 60.00}: the amount in the currency's hundredths, as the emails have always shown it. */
    static String money(Money money) {
        return String.format(Locale.ROOT, "%s %d.%02d", money.currency().toUpperCase(Locale.ROOT),
                money.amount() / 100, money.amount() % 100);
    }

    private static String plainText(String title, String intro, Map<String, String> facts) {
        StringBuilder text = new StringBuilder(title).append("\n\n").append(intro).append("\n\n");
        facts.forEach((label, value) -> text.append(label).append(": ").append(value).append('\n'));
        return text.append("\n— Lessonbook\n").toString();
    }

    private static String html(String title, String intro, Map<String, String> facts) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body>")
                .append("<h1>").append(escape(title)).append("</h1>")
                .append("<p>").append(escape(intro)).append("</p><table>");
        facts.forEach((label, value) -> html.append("<tr><th align=\"left\">").append(escape(label))
                .append("</th><td>").append(escape(value)).append("</td></tr>"));
        return html.append("</table><p>— Lessonbook</p></body></html>").toString();
    }

    /** Service names and ids are user input: nothing of them may become markup. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
