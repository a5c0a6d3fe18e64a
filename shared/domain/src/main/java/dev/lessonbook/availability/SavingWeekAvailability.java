package dev.lessonbook.availability;

import dev.lessonbook.availability.AvailabilityStore.SaveOutcome;
import dev.lessonbook.availability.AvailabilityStore.VersionedWeek;
import dev.lessonbook.calendar.TimeWindow;
import dev.lessonbook.event.AvailabilityWeekSaved;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import dev.lessonbook.problem.Result;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.ProfileStore;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PUT a week of availability (docs/spec.md §4).
 *
 * <p>Order: who may write (403, {@link dev.lessonbook.access.Permissions#toChangeAvailability},
 * asked by whoever made the command) before whether the profile exists (404) — profiles are
 * public, so nothing leaks, and a forbidden caller costs no read; then the payload rules
 * (422/409, no read either); then the stored week: {@code If-Match} (412), the merge (409), the write.
 *
 * <p>A merge ({@code clearExisting:false}) without {@code If-Match} is written on condition that
 * the week is still the one it was merged with, and redone on a fresh read when it is not, so two
 * concurrent merges both land. A replace without {@code If-Match} is last-writer-wins, as the spec
 * says; the only stored days it keeps are past ones, which no save changes, so it needs no condition.
 */
public final class SavingWeekAvailability {
    /** Merges tried against a week that keeps changing underneath before giving up with 503. */
    static final int MERGE_ATTEMPTS = 3;

    private final ProfileStore profiles;
    private final AvailabilityStore weeks;
    private final Clock clock;

    public SavingWeekAvailability(ProfileStore profiles, AvailabilityStore weeks, Clock clock) {
        this.profiles = profiles;
        this.weeks = weeks;
        this.clock = clock;
    }

    public Result<WeekView> save(SaveWeekCommand command) {
        // docs/spec.md §4.9: availability hangs off the profile, whose timezone decides what "today" is.
        return profiles.require(command.instructorId()).flatMap(profile -> save(command, profile));
    }

    private Result<WeekView> save(SaveWeekCommand command, InstructorProfile profile) {
        LocalDate localToday = LocalDate.now(clock.withZone(profile.timezone()));
        Optional<Rejection> broken = WeekRules.check(new WeekSaveCheck(command, profile.timezone(), localToday));
        if (broken.isPresent()) {
            return Result.rejected(broken.get());
        }
        Optional<String> ifMatch = command.ifMatch().map(WeekVersion::fromIfMatch);
        for (int attempt = 1; ; attempt++) {
            VersionedWeek stored = weeks.findWeekOrEmpty(command.instructorId(), command.weekStart());
            if (ifMatch.isPresent() && !ifMatch.get().equals(stored.version())) {
                return Result.rejected(versionMismatch(stored.version()));
            }
            WeekAvailability merged;
            switch (WeekMerge.apply(stored.week(), command, localToday)) {
                case Result.Rejected<WeekAvailability> rejected -> {
                    return Result.rejected(rejected.rejection());
                }
                case Result.Ok<WeekAvailability> ok -> merged = ok.value();
            }
            VersionedWeek next = VersionedWeek.of(merged);
            Optional<String> expected = ifMatch.isPresent() || command.clearExisting()
                    ? ifMatch
                    : Optional.of(stored.version());
            switch (weeks.saveWeek(next, expected, List.of(savedEvent(next, profile)))) {
                case SaveOutcome.Saved saved -> {
                    return Result.ok(new WeekView(profile.timezone(), saved.week()));
                }
                case SaveOutcome.VersionMismatch mismatch -> {
                    if (ifMatch.isPresent()) {
                        return Result.rejected(versionMismatch(mismatch.currentVersion()));
                    }
                    if (attempt == MERGE_ATTEMPTS) {
                        return Result.rejected(ProblemCode.SERVICE_UNAVAILABLE,
                                "The week kept changing while this save was merged into it; retry");
                    }
                }
            }
        }
    }

    private static Rejection versionMismatch(String currentVersion) {
        return Rejection.of(ProblemCode.VERSION_MISMATCH,
                        "The week has changed since the version given in If-Match; read it again and retry")
                .with(new WeekExtras.CurrentVersion(currentVersion));
    }

    private AvailabilityWeekSaved savedEvent(VersionedWeek saved, InstructorProfile profile) {
        WeekAvailability week = saved.week();
        Map<LocalDate, List<TimeWindow>> days = new HashMap<>();
        week.days().forEach((date, slots) -> days.put(date, slots.windows()));
        return AvailabilityWeekSaved.of(clock.instant(), week.instructorId(), week.weekStart(), profile.timezone(),
                saved.version(), days);
    }
}
