package dev.lessonbook.http.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lessonbook.http.ApiResponse;
import dev.lessonbook.profile.BookingLimits;
import dev.lessonbook.profile.Buffer;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.LessonService;
import dev.lessonbook.profile.LocationType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A profile as docs/spec.md §2 shows it, the same shape the PUT takes (plus {@code instructorId});
 * {@code email} only when the profile holds one for this reader (ReadingInstructorProfile).
 */
public final class ProfileJson {
    private ProfileJson() {}

    /** The profile's document; buffers and rates keyed by location type, in the enum's order. */
    public record Profile(String instructorId, String timezone, @JsonInclude(JsonInclude.Include.NON_NULL) String email,
            Map<String, Minutes> buffers, BookingRules bookingRules, List<Service> services) {}

    /** The instructor's booking rules; {@code maxLessonsPerDay} null is no limit. */
    public record BookingRules(Map<String, Integer> minimumNoticeMinutes, int maxAdvanceDays, Integer maxLessonsPerDay) {}

    /** A buffer: minutes kept free before and after a lesson. */
    public record Minutes(int before, int after) {}

    public record Service(String id, String name, List<Integer> durationOptions, Map<String, Long> rates,
            String currency, boolean active) {}

    public static ApiResponse.Document response(InstructorProfile profile) {
        return ApiResponse.ok(profile(profile));
    }

    public static Profile profile(InstructorProfile profile) {
        Map<String, Minutes> buffers = new LinkedHashMap<>();
        // In the enum's order, so the document always reads the same.
        for (LocationType type : LocationType.values()) {
            Buffer buffer = profile.buffers().get(type);
            if (buffer != null) {
                buffers.put(type.wireName(), new Minutes(buffer.beforeMinutes(), buffer.afterMinutes()));
            }
        }
        return new Profile(profile.instructorId(), profile.timezone().getId(), profile.email(), buffers,
                bookingRules(profile.bookingLimits()),
                profile.services().stream().map(ProfileJson::service).toList());
    }

    private static BookingRules bookingRules(BookingLimits limits) {
        Map<String, Integer> notice = new LinkedHashMap<>();
        for (LocationType type : LocationType.values()) {
            notice.put(type.wireName(), limits.noticeMinutesFor(type));
        }
        return new BookingRules(notice, limits.maxAdvanceDays(),
                limits.maxLessonsPerDay().isPresent() ? limits.maxLessonsPerDay().getAsInt() : null);
    }

    private static Service service(LessonService service) {
        Map<String, Long> rates = new LinkedHashMap<>();
        for (LocationType type : LocationType.values()) {
            Long rate = service.hourlyRates().get(type);
            if (rate != null) {
                rates.put(type.wireName(), rate);
            }
        }
        return new Service(service.id(), service.name(), service.durationOptions(), rates, service.currency(),
                service.active());
    }
}
