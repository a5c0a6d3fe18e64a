package dev.lessonbook.dynamodb.availability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.availability.AvailabilityStore.SaveOutcome;
import dev.lessonbook.availability.AvailabilityStore.VersionedWeek;
import dev.lessonbook.availability.DaySlots;
import dev.lessonbook.availability.WeekAvailability;
import dev.lessonbook.availability.WeekVersion;
import dev.lessonbook.calendar.TimeWindow;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.TestTable;
import dev.lessonbook.emulators.Concurrently;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.event.AvailabilityWeekSaved;
import dev.lessonbook.event.DomainEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalServersExtension.class)
class DynamoAvailabilityStoreIT {
    private static final LocalDate MONDAY = LocalDate.of(2030, 1, 7);

    private Tables tables;
    private DynamoAvailabilityStore store;
    private String instructor;

    @BeforeEach
    void freshTable(LocalServers.Endpoints endpoints) {
        tables = TestTable.create(endpoints);
        store = new DynamoAvailabilityStore(tables);
        instructor = "ins-" + UUID.randomUUID();
    }

    @Test
    void savedWeekReadsBackWithItsVersionAndDays() {
        VersionedWeek week = week(Map.of(MONDAY, DaySlots.empty().open(9 * 60, 12 * 60)));

        assertThat(store.saveWeek(week, Optional.empty(), List.of(event()))).isEqualTo(new SaveOutcome.Saved(week));

        assertThat(store.findWeek(instructor, MONDAY)).contains(week);
        assertThat(store.findDay(instructor, MONDAY)).isEqualTo(DaySlots.empty().open(9 * 60, 12 * 60));
        assertThat(store.findDay(instructor, MONDAY.plusDays(1)).isEmpty()).isTrue();
    }

    @Test
    void aDayClosedByTheNextSaveLosesItsDayItem() {
        store.saveWeek(week(Map.of(MONDAY.plusDays(2), DaySlots.empty().open(600, 660))), Optional.empty(), List.of());
        store.saveWeek(week(Map.of(MONDAY, DaySlots.empty().open(600, 660))), Optional.empty(), List.of());

        assertThat(store.findDay(instructor, MONDAY.plusDays(2)).isEmpty()).isTrue();
        assertThat(store.findWeek(instructor, MONDAY).orElseThrow().week().days()).containsOnlyKeys(MONDAY);
    }

    @Test
    void aWeekNeverSavedMatchesTheEmptyVersion() {
        VersionedWeek week = week(Map.of(MONDAY, DaySlots.empty().open(600, 660)));

        assertThat(store.saveWeek(week, Optional.of(WeekVersion.EMPTY), List.of())).isInstanceOf(SaveOutcome.Saved.class);
    }

    @Test
    void aStaleIfMatchWritesNothingAndReportsTheStoredVersion() {
        VersionedWeek first = week(Map.of(MONDAY, DaySlots.empty().open(600, 660)));
        store.saveWeek(first, Optional.empty(), List.of());
        VersionedWeek second = week(Map.of(MONDAY, DaySlots.empty().open(700, 760)));

        SaveOutcome outcome = store.saveWeek(second, Optional.of("stale-version"), List.of(event()));

        assertThat(outcome).isEqualTo(new SaveOutcome.VersionMismatch(first.version()));
        assertThat(store.findWeek(instructor, MONDAY)).contains(first);
        assertThat(TestTable.scan(tables)).noneMatch(item -> item.get("pk").s().startsWith("OUTBOX#"));
    }

    @Test
    void twoConcurrentSavesWithTheSameIfMatchLetExactlyOneWin() throws Exception {
        VersionedWeek base = week(Map.of(MONDAY, DaySlots.empty().open(600, 660)));
        store.saveWeek(base, Optional.empty(), List.of());
        List<VersionedWeek> contenders = List.of(
                week(Map.of(MONDAY, DaySlots.empty().open(480, 540))),
                week(Map.of(MONDAY, DaySlots.empty().open(900, 960))));
        List<Callable<SaveOutcome>> saves = contenders.stream()
                .<Callable<SaveOutcome>>map(contender -> () -> store.saveWeek(contender, Optional.of(base.version()), List.of()))
                .toList();

        List<SaveOutcome> outcomes = Concurrently.run(saves, saves.size());

        assertThat(outcomes).filteredOn(SaveOutcome.Saved.class::isInstance).hasSize(1);
        SaveOutcome.Saved winner = (SaveOutcome.Saved) outcomes.stream().filter(SaveOutcome.Saved.class::isInstance).findFirst().orElseThrow();
        assertThat(outcomes).contains(new SaveOutcome.VersionMismatch(winner.week().version()));
        assertThat(store.findWeek(instructor, MONDAY)).contains(winner.week());
    }

    @Test
    void aConcurrentReaderSeesTheOldWeekOrTheNewOneNeverAMix() throws Exception {
        // Two weeks that differ on every day: a torn read would combine days of both.
        VersionedWeek mornings = week(everyDay(DaySlots.empty().open(480, 720)));
        VersionedWeek evenings = week(everyDay(DaySlots.empty().open(1080, 1320)));
        store.saveWeek(mornings, Optional.empty(), List.of());
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> reader = pool.submit(() -> {
                Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
                while (writing.get() && Instant.now().isBefore(deadline)) {
                    VersionedWeek read = store.findWeek(instructor, MONDAY).orElseThrow();
                    assertThat(read).isIn(mornings, evenings);
                    seen.add(read.version());
                }
            });
            for (int i = 0; i < 20; i++) {
                store.saveWeek(i % 2 == 0 ? evenings : mornings, Optional.empty(), List.of());
            }
            writing.set(false);
            reader.get();
            assertThat(seen).isNotEmpty().isSubsetOf(mornings.version(), evenings.version());
        } finally {
            pool.shutdownNow();
        }
    }

    private Map<LocalDate, DaySlots> everyDay(DaySlots slots) {
        Map<LocalDate, DaySlots> days = new java.util.HashMap<>();
        for (int i = 0; i < 7; i++) {
            days.put(MONDAY.plusDays(i), slots);
        }
        return days;
    }

    private VersionedWeek week(Map<LocalDate, DaySlots> days) {
        return VersionedWeek.of(new WeekAvailability(instructor, MONDAY, days));
    }

    private DomainEvent event() {
        return AvailabilityWeekSaved.of(Instant.now(), instructor, MONDAY, ZoneOffset.UTC, "v1",
                Map.of(MONDAY, List.of(new TimeWindow(540, 600))));
    }
}
