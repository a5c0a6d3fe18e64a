package dev.lessonbook.eventjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.lessonbook.event.DomainEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The canned events functions prime their event JSON with (docs/decisions.md, "SnapStart priming"). */
class PrimingSamplesTest {
    private final EventJson json = EventJson.standard();

    @Test
    void theSamplesAreAWeekSavedABookingConfirmedAndABookingCancelled() {
        List<DomainEvent> samples = json.primingSamples();

        assertThat(samples).extracting(DomainEvent::type)
                .containsExactly("AvailabilityWeekSaved", "BookingCancelled", "BookingConfirmed");
    }

    @Test
    void eachSampleSurvivesTheRoundTripPrimingMakes() {
        for (DomainEvent sample : json.primingSamples()) {
            assertThat(json.read(json.write(sample))).isEqualTo(sample);
        }
        assertThatCode(json::prime).doesNotThrowAnyException();
    }
}
