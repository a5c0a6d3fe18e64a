package dev.lessonbook.booking;

import dev.lessonbook.money.Money;
import java.time.Instant;

/** Who cancelled (student, instructor or admin), when, why, and what the policy charged. */
public record Cancellation(String by, Instant at, String reason, int chargePercent, Money amountCharged) {}
