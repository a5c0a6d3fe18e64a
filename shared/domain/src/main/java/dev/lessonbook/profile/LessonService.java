package dev.lessonbook.profile;

import java.util.List;
import java.util.Map;

/**
 * A lesson an instructor offers. {@code hourlyRates} holds the hourly rate in cents per offered
 * location type; a type without a rate is not offered.
 */
public record LessonService(
        String id,
        String name,
        List<Integer> durationOptions,
        Map<LocationType, Long> hourlyRates,
        String currency,
        boolean active) {

    public LessonService {
        durationOptions = List.copyOf(durationOptions);
        hourlyRates = Map.copyOf(hourlyRates);
    }
}
