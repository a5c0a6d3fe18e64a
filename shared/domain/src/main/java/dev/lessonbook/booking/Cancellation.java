package dev.lessonbook.booking;

import dev.lessonbook.access.Role;
import dev.lessonbook.money.Money;
import java.time.Instant;

/** Who cancelled (the student, the instructor or an admin), when, why, and what the policy charged. */
public record Cancellation(Role by, Instant at, String reason, int chargePercent, Money amountCharged) {}
