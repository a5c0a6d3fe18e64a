package dev.lessonbook.calendar;

import dev.lessonbook.problem.Rejection;
import dev.lessonbook.problem.Result;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * A range of local dates a list covers, both ends included (the booking list, time off):
 * without {@code from} it starts today, without {@code to} it lasts {@value #DEFAULT_DAYS} days,
 * and it covers at most {@value #MAX_DAYS} days.
 */
public record DateRange(LocalDate from, LocalDate to) {
    public static final int DEFAULT_DAYS = 30;
    public static final int MAX_DAYS = 366;

    public static Result<DateRange> of(Optional<LocalDate> from, Optional<LocalDate> to, LocalDate today) {
        LocalDate first = from.orElse(today);
        LocalDate last = to.orElseGet(() -> first.plusDays(DEFAULT_DAYS - 1));
        if (last.isBefore(first)) {
            return Result.rejected(Rejection.validation(List.of(new Rejection.FieldError("to", "must not be before from"))));
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            return Result.rejected(Rejection.validation(List.of(
                    new Rejection.FieldError("to", "a range covers at most " + MAX_DAYS + " days"))));
        }
        return Result.ok(new DateRange(first, last));
    }
}
