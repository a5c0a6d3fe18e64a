package dev.lessonbook.calendar;

import java.time.LocalDate;
import java.util.Optional;

/** A local date the instructor takes off: never bookable, whatever the stored windows say. */
public record TimeOff(LocalDate date, Optional<String> reason) {
    public static final int MAX_REASON_CHARS = 200;
}
