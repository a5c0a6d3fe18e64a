package dev.lessonbook.feed;

import java.time.Instant;
import java.util.Optional;

/** Port: the hash of each instructor's current calendar feed token (never the token itself). */
public interface CalendarTokens {

    /** Replaces the instructor's token hash: the previous token stops opening the feed. */
    void save(String instructorId, byte[] tokenHash, Instant issuedAt);

    Optional<byte[]> hashFor(String instructorId);
}
