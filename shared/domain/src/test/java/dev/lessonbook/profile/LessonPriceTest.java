package dev.lessonbook.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.OptionalLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class LessonPriceTest {
    private static final BigInteger LARGEST_CHARGE = BigInteger.valueOf(LessonPrice.MAX_AMOUNT);

    /** docs/spec.md §5.8 in exact arithmetic: rate × minutes / 60, rounded half up. */
    private static BigInteger exactPrice(long hourlyRate, int minutes) {
        return BigInteger.valueOf(hourlyRate).multiply(BigInteger.valueOf(minutes)).add(BigInteger.valueOf(30))
                .divide(BigInteger.valueOf(60));
    }

    private static void assertPriceIsExactOrEmpty(long hourlyRate, int minutes) {
        BigInteger exact = exactPrice(hourlyRate, minutes);
        OptionalLong price = LessonPrice.of(hourlyRate, minutes, "usd");
        if (exact.compareTo(LARGEST_CHARGE) <= 0) {
            assertThat(price).hasValue(exact.longValueExact());
        } else {
            assertThat(price).isEmpty();
        }
    }

    @Property
    void anyRateAndAnyDurationGiveTheExactPriceOrNoneAndNeverOverflow(
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long hourlyRate,
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int minutes) {
        assertPriceIsExactOrEmpty(hourlyRate, minutes);
    }

    @Property
    void ratesAndDurationsAProfileCanHoldLandOnBothSidesOfTheLargestCharge(
            @ForAll @LongRange(min = 0, max = 4 * LessonPrice.MAX_AMOUNT + 4) long hourlyRate,
            @ForAll @IntRange(min = 0, max = 240) int minutes) {
        assertPriceIsExactOrEmpty(hourlyRate, minutes);
    }

    @Test
    void theLargestChargeIsReachedExactlyAndNeverPassed() {
        assertThat(LessonPrice.of(LessonPrice.MAX_AMOUNT, 60, "usd")).hasValue(99_999_999);
        assertThat(LessonPrice.of(LessonPrice.MAX_AMOUNT, 61, "usd")).isEmpty();
        // 399999997 × 15 / 60 = 99999999.25 rounds down; 399999998 × 15 / 60 = 99999999.5 rounds up, past it.
        assertThat(LessonPrice.of(399_999_997, 15, "usd")).hasValue(99_999_999);
        assertThat(LessonPrice.of(399_999_998, 15, "usd")).isEmpty();
        assertThat(LessonPrice.of(Long.MAX_VALUE, 240, "usd")).isEmpty();
        assertThat(LessonPrice.of(Long.MAX_VALUE, 0, "usd")).hasValue(0);
        assertThat(LessonPrice.of(0, Integer.MAX_VALUE, "usd")).hasValue(0);
    }

    @Test
    void everyCurrencyHasStripesEightDigitLimitZeroDecimalOnesToo() {
        for (String currency : new String[] {"usd", "eur", "jpy", "krw", "bhd", "idr"}) {
            assertThat(LessonPrice.maxAmount(currency)).as(currency).isEqualTo(99_999_999L);
        }
    }

    @Test
    void negativeInputsAreABug() {
        assertThatThrownBy(() -> LessonPrice.of(-1, 60, "usd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LessonPrice.of(6000, -15, "usd")).isInstanceOf(IllegalArgumentException.class);
    }
}
