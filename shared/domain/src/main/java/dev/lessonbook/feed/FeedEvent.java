package dev.lessonbook.feed;

import java.time.Instant;

/**
 * One VEVENT of a calendar feed.
 *
 * @param uid stable across every version of the event (RFC 5545 §3.8.4.7)
 * @param sequence grows with every change a calendar should apply (§3.8.7.4)
 * @param cancelled STATUS:CANCELLED rather than CONFIRMED
 */
public record FeedEvent(String uid, int sequence, Instant startsAt, Instant endsAt, boolean cancelled, String summary) {}
