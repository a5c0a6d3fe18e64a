package dev.lessonbook.booking;

import dev.lessonbook.access.Role;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * docs/spec.md §6: what cancelling costs. Students pay by how much notice they give, in configurable
 * tiers (defaults: ≥ 24 h → 0 %, ≥ 12 h → 50 %, less → 100 %; each boundary belongs to the
 * cheaper tier); instructors and admins never cost the student anything.
 *
 * @param studentTiers any order; the tier with the longest notice not exceeding the notice
 *                     given applies, and less notice than every tier costs 100 %
 */
public record CancellationPolicy(List<ChargeTier> studentTiers) {
    private static final int FULL_CHARGE = 100;

    public CancellationPolicy {
        studentTiers = studentTiers.stream().sorted(Comparator.comparing(ChargeTier::noticeAtLeast).reversed()).toList();
    }

    /** Given at least {@code noticeAtLeast} before the start, a student pays {@code chargePercent}. */
    public record ChargeTier(Duration noticeAtLeast, int chargePercent) {
        public ChargeTier {
            if (noticeAtLeast.isNegative() || chargePercent < 0 || chargePercent > FULL_CHARGE) {
                throw new IllegalArgumentException("A tier needs a notice ≥ 0 and a percent in 0..100: " + noticeAtLeast + ", " + chargePercent);
            }
        }
    }

    public static CancellationPolicy defaults() {
        return new CancellationPolicy(List.of(
                new ChargeTier(Duration.ofHours(24), 0),
                new ChargeTier(Duration.ofHours(12), 50),
                new ChargeTier(Duration.ZERO, FULL_CHARGE)));
    }

    /**
     * Tiers from configuration, e.g. {@code CANCELLATION_TIERS=24h=0,12h=50,0h=100}: notice
     * ({@code h} hours or {@code m} minutes) = percent charged, comma-separated. Absent or blank →
     * the defaults of docs/spec.md §6.
     *
     * @throws IllegalArgumentException on anything else, so a bad setting fails at cold start
     */
    public static CancellationPolicy fromConfiguration(java.util.Optional<String> tiers) {
        if (tiers.isEmpty() || tiers.get().isBlank()) {
            return defaults();
        }
        List<ChargeTier> parsed = new java.util.ArrayList<>();
        for (String tier : tiers.get().split(",")) {
            String[] parts = tier.trim().split("=");
            if (parts.length != 2 || !parts[0].matches("\\d+[hm]") || !parts[1].matches("\\d{1,3}")) {
                throw new IllegalArgumentException("A cancellation tier reads like 12h=50 (notice=percent): " + tier);
            }
            long amount = Long.parseLong(parts[0].substring(0, parts[0].length() - 1));
            Duration notice = parts[0].endsWith("h") ? Duration.ofHours(amount) : Duration.ofMinutes(amount);
            parsed.add(new ChargeTier(notice, Integer.parseInt(parts[1])));
        }
        return new CancellationPolicy(parsed);
    }

    public int chargePercentFor(Role role, Duration beforeStart) {
        if (role != Role.STUDENT) {
            return 0;
        }
        return studentTiers.stream()
                .filter(tier -> beforeStart.compareTo(tier.noticeAtLeast()) >= 0)
                .findFirst()
                .map(ChargeTier::chargePercent)
                .orElse(FULL_CHARGE);
    }

    /**
     * Whether {@code role} may cancel {@code booking} at {@code now} and at what cost. Whether the
     * caller is a party to the booking is the use case's question ({@link BookingParties}).
     */
    public Result<CancellationDecision> decide(Booking booking, Role role, Instant now) {
        switch (booking.status()) {
            case CANCELLED -> {
                return Result.ok(new CancellationDecision.AlreadyCancelled());
            }
            case COMPLETED, PAYMENT_FAILED, EXPIRED -> {
                return Result.rejected(ProblemCode.NOT_CANCELLABLE,
                        "Booking cannot be cancelled - current status: " + booking.status().name());
            }
            case PENDING, CONFIRMED -> { }
        }
        // A lesson has started at its start instant; only an admin may cancel it from then on.
        if (!now.isBefore(booking.startsAt()) && role != Role.ADMIN) {
            return Result.rejected(ProblemCode.BOOKING_STARTED, "The lesson has already started; it can no longer be cancelled");
        }
        int percent = chargePercentFor(role, Duration.between(now, booking.startsAt()));
        return Result.ok(new CancellationDecision.Cancel(role, percent, booking.price().percent(percent)));
    }
}
