package dev.lessonbook.feed;

import java.time.Instant;
import java.util.List;

/** A VCALENDAR of {@link FeedEvent}s as RFC 5545 text: CRLF line ends, folded lines, escaped text, times in UTC. */
public final class ICalendarWriter {
    static final String PRODUCT_ID = "-//Lessonbook//Calendar feed//EN";

    private ICalendarWriter() {}

    /** @param stamp when this feed was generated: every event's DTSTAMP (§3.8.7.2) */
    public static String write(String calendarName, List<FeedEvent> events, Instant stamp) {
        StringBuilder text = new StringBuilder(256 + 320 * events.size());
        text.append(ICalendarText.line("BEGIN:VCALENDAR"))
                .append(ICalendarText.line("VERSION:2.0"))
                .append(ICalendarText.line("PRODID:" + PRODUCT_ID))
                .append(ICalendarText.line("CALSCALE:GREGORIAN"))
                .append(ICalendarText.line("METHOD:PUBLISH"))
                .append(ICalendarText.line("X-WR-CALNAME:" + ICalendarText.escape(calendarName)));
        for (FeedEvent event : events) {
            text.append(ICalendarText.line("BEGIN:VEVENT"))
                    .append(ICalendarText.line("UID:" + ICalendarText.escape(event.uid())))
                    .append(ICalendarText.line("DTSTAMP:" + ICalendarText.utc(stamp)))
                    .append(ICalendarText.line("DTSTART:" + ICalendarText.utc(event.startsAt())))
                    .append(ICalendarText.line("DTEND:" + ICalendarText.utc(event.endsAt())))
                    .append(ICalendarText.line("SEQUENCE:" + event.sequence()))
                    .append(ICalendarText.line("STATUS:" + (event.cancelled() ? "CANCELLED" : "CONFIRMED")))
                    .append(ICalendarText.line("SUMMARY:" + ICalendarText.escape(event.summary())))
                    .append(ICalendarText.line("END:VEVENT"));
        }
        return text.append(ICalendarText.line("END:VCALENDAR")).toString();
    }
}
