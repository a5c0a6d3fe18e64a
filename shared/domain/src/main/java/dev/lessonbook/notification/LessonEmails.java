package dev.lessonbook.notification;

import dev.lessonbook.event.DomainEvent;
import java.time.Instant;
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
 * Who is told what about a booking event (docs/spec.md §8), from the event's payload alone:
 * confirmed → student and instructor; cancelled → the other party, plus a receipt to the
 * canceller; payment failed → the student (and the instructor too when the lesson had been
 * confirmed, docs/spec.md §6). Times are shown in the recipient's timezone, named.
 */
public final class LessonEmails {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private final RecipientAddresses addresses;

    public LessonEmails(RecipientAddresses addresses) {
        this.addresses = addresses;
    }

    /** One email for one recipient of an event. */
    public record Notice(Recipient recipient, Email email) {}

    public List<Notice> of(DomainEvent event) {
        Map<String, Object> payload = event.payload();
        return switch (event.type()) {
            case AvailabilityWeekSaved, BookingCompleted -> List.of();
            case BookingConfirmed -> List.of(
                    notice(Recipient.student(text(payload, "studentId")), payload, "Your lesson is booked",
                            "Your lesson is confirmed. The price is authorized on your card and charged when the lesson is completed."),
                    notice(Recipient.instructor(text(payload, "instructorId")), payload, "New lesson booked",
                            "A student booked a lesson with you."));
            case BookingCancelled -> cancelled(payload);
            case BookingPaymentFailed -> paymentFailed(payload);
        };
    }

    private List<Notice> cancelled(Map<String, Object> payload) {
        Map<?, ?> cancellation = payload.get("cancellation") instanceof Map<?, ?> map ? map : Map.of();
        String by = String.valueOf(cancellation.get("by"));
        Recipient student = Recipient.student(text(payload, "studentId"));
        Recipient instructor = Recipient.instructor(text(payload, "instructorId"));
        String charge = chargeLine(payload, cancellation);
        return switch (by) {
            case "student" -> List.of(
                    notice(instructor, payload, "Lesson cancelled by the student", "Your student cancelled this lesson."),
                    notice(student, payload, "Cancellation receipt", "You cancelled this lesson. " + charge));
            case "instructor" -> List.of(
                    notice(student, payload, "Lesson cancelled by your instructor",
                            "Your instructor cancelled this lesson. " + charge),
                    notice(instructor, payload, "Cancellation receipt", "You cancelled this lesson."));
            // An admin's address is not modelled: both parties are "the other party".
            default -> List.of(
                    notice(student, payload, "Lesson cancelled", "Lessonbook support cancelled this lesson. " + charge),
                    notice(instructor, payload, "Lesson cancelled", "Lessonbook support cancelled this lesson."));
        };
    }

    private List<Notice> paymentFailed(Map<String, Object> payload) {
        List<Notice> notices = new ArrayList<>();
        notices.add(notice(Recipient.student(text(payload, "studentId")), payload, "Payment failed: lesson not booked",
                "We could not authorize your card for this lesson, so it is not booked. Please book again with another card."));
        if (payload.get("confirmedAt") != null) {
            // The instructor had been told this lesson was booked; now it is not.
            notices.add(notice(Recipient.instructor(text(payload, "instructorId")), payload,
                    "Lesson cancelled: payment failed", "The student's card could not be authorized, so this lesson is cancelled."));
        }
        return notices;
    }

    private static String chargeLine(Map<String, Object> payload, Map<?, ?> cancellation) {
        Object charged = cancellation.get("amountCharged");
        long amount = charged instanceof Number number ? number.longValue() : 0;
        if (amount == 0) {
            return "You will not be charged.";
        }
        return "Under the cancellation policy " + cancellation.get("chargePercent") + "% of the price is charged: "
                + money(amount, currency(payload)) + ".";
    }

    private Notice notice(Recipient recipient, Map<String, Object> payload, String title, String intro) {
        ZoneId zone = zoneOf(recipient, payload);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Lesson", text(payload, "serviceName"));
        facts.put("When", when(payload, zone));
        facts.put("Length", text(payload, "durationMinutes") + " minutes");
        facts.put("Where", where(text(payload, "locationType")));
        facts.put("Price", money(amount(payload), currency(payload)));
        facts.put("Booking", text(payload, "bookingId"));
        String subject = title + ": " + text(payload, "serviceName") + ", " + shortWhen(payload, zone);
        return new Notice(recipient, new Email(addresses.addressOf(recipient), subject,
                plainText(title, intro, facts), html(title, intro, facts)));
    }

    /**
     * The recipient's timezone. Students have none in the model, so they see the lesson in the
     * instructor's timezone, which every email names next to the time.
     */
    private static ZoneId zoneOf(Recipient recipient, Map<String, Object> payload) {
        return ZoneId.of(text(payload, "timezone"));
    }

    private static String when(Map<String, Object> payload, ZoneId zone) {
        ZonedDateTime start = Instant.parse(text(payload, "startsAt")).atZone(zone);
        ZonedDateTime end = Instant.parse(text(payload, "endsAt")).atZone(zone);
        return DAY.format(start) + ", " + TIME.format(start) + "–" + endTime(start, end) + " (" + zone.getId() + ")";
    }

    private static String shortWhen(Map<String, Object> payload, ZoneId zone) {
        ZonedDateTime start = Instant.parse(text(payload, "startsAt")).atZone(zone);
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

    private static String where(String locationType) {
        return switch (locationType) {
            case "online" -> "Online";
            case "instructor_location" -> "At the instructor's location";
            case "student_location" -> "At the student's location";
            default -> locationType;
        };
    }

    private static long amount(Map<String, Object> payload) {
        return payload.get("price") instanceof Map<?, ?> price && price.get("amount") instanceof Number number
                ? number.longValue() : 0;
    }

    private static String currency(Map<String, Object> payload) {
        return payload.get("price") instanceof Map<?, ?> price && price.get("currency") != null
                ? price.get("currency").toString() : "usd";
    }

    static String money(long cents, String currency) {
        return String.format(Locale.ROOT, "%s %d.%02d", currency.toUpperCase(Locale.ROOT), cents / 100, cents % 100);
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

    private static String text(Map<String, Object> payload, String name) {
        Object value = payload.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Event payload has no " + name);
        }
        return value.toString();
    }
}
