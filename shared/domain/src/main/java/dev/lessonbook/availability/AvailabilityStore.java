package dev.lessonbook.availability;

import dev.lessonbook.event.DomainEvent;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Port: stored weekly availability. */
public interface AvailabilityStore {

    /** The stored week with its version, or empty when nothing was ever saved for it. */
    Optional<VersionedWeek> findWeek(String instructorId, LocalDate weekStart);

    /** The stored week, or the empty week (version {@link WeekVersion#EMPTY}) when none was saved. */
    default VersionedWeek findWeekOrEmpty(String instructorId, LocalDate weekStart) {
        return findWeek(instructorId, weekStart)
                .orElseGet(() -> VersionedWeek.of(WeekAvailability.empty(instructorId, weekStart)));
    }

    /** The open slots of one local date (empty bitmap when none are stored). */
    DaySlots findDay(String instructorId, LocalDate date);

    /**
     * Replaces the whole week atomically, with its events, in one transaction.
     *
     * @param expectedVersion when present, the write happens only if the stored version is this
     *                        one; {@link WeekVersion#EMPTY} also matches a week never stored
     * @return the saved week, or the version actually stored when {@code expectedVersion} did not match
     */
    SaveOutcome saveWeek(VersionedWeek week, Optional<String> expectedVersion, List<DomainEvent> events);

    record VersionedWeek(WeekAvailability week, String version) {
        public static VersionedWeek of(WeekAvailability week) {
            return new VersionedWeek(week, WeekVersion.of(week));
        }
    }

    sealed interface SaveOutcome {
        record Saved(VersionedWeek week) implements SaveOutcome {}

        record VersionMismatch(String currentVersion) implements SaveOutcome {}
    }
}
