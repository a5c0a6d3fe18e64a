package dev.lessonbook.money;

import java.util.Objects;

/**
 * An amount of money: a whole number of the currency's smallest unit (cents for {@code usd}, the
 * yen itself for {@code jpy}) and the currency's lower-case ISO 4217 code. Prices, authorized,
 * captured and refunded amounts, charges and earnings are all Money, never a bare number.
 *
 * <p>The arithmetic is exact and never wraps: amounts of different currencies do not mix (that is
 * a bug, and throws), a result that would overflow throws instead of turning negative, and no
 * amount is ever negative — what is kept, refunded or charged is never less than nothing.
 */
public record Money(long amount, String currency) {
    private static final int WHOLE = 100;

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (amount < 0) {
            throw new IllegalArgumentException("An amount of money is never negative: " + amount + " " + currency);
        }
    }

    public static Money of(long amount, String currency) {
        return new Money(amount, currency);
    }

    public static Money zero(String currency) {
        return new Money(0, currency);
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(amount, sameCurrency(other).amount), currency);
    }

    /** What is left of this after {@code other}; never less than nothing. */
    public Money minus(Money other) {
        return new Money(Math.subtractExact(amount, sameCurrency(other).amount), currency);
    }

    public Money min(Money other) {
        return amount <= sameCurrency(other).amount ? this : other;
    }

    public boolean exceeds(Money other) {
        return amount > sameCurrency(other).amount;
    }

    /**
     * {@code percent} of this amount, in whole smallest units, rounded half up — the rule of the
     * cancellation policy (docs/spec.md §6): 50 % of 1 cent is 1 cent. Computed as
     * {@code q·p + (r·p + 50) / 100} for {@code amount = 100·q + r}, which is exactly
     * {@code (amount·p + 50) / 100} yet never forms a product larger than the amount itself.
     */
    public Money percent(int percent) {
        if (percent < 0 || percent > WHOLE) {
            throw new IllegalArgumentException("A percent share is 0..100, not " + percent);
        }
        long whole = amount / WHOLE;
        long rest = amount % WHOLE;
        return new Money(whole * percent + (rest * percent + WHOLE / 2) / WHOLE, currency);
    }

    /** Both amounts are in one currency, so they can be added, compared or subtracted. */
    public boolean sameCurrencyAs(Money other) {
        return currency.equals(other.currency);
    }

    private Money sameCurrency(Money other) {
        if (!sameCurrencyAs(other)) {
            throw new IllegalArgumentException("Amounts of different currencies do not mix: " + this + ", " + other);
        }
        return other;
    }

    @Override
    public String toString() {
        return amount + " " + currency;
    }
}
