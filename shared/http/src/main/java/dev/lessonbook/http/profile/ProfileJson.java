package dev.lessonbook.http.profile;

import dev.lessonbook.http.ApiResponse;
import dev.lessonbook.profile.Buffer;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.LessonService;
import dev.lessonbook.profile.LocationType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A profile as docs/spec.md §2 shows it, the same shape the PUT takes (plus {@code instructorId}). */
public final class ProfileJson {
    private ProfileJson() {}

    public static ApiResponse.Document response(InstructorProfile profile) {
        return ApiResponse.ok(profile(profile));
    }

    public static Map<String, Object> profile(InstructorProfile profile) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("instructorId", profile.instructorId());
        json.put("timezone", profile.timezone().getId());
        Map<String, Object> buffers = new LinkedHashMap<>();
        // In the enum's order, so the document always reads the same.
        for (LocationType type : LocationType.values()) {
            Buffer buffer = profile.buffers().get(type);
            if (buffer != null) {
                Map<String, Object> minutes = new LinkedHashMap<>();
                minutes.put("before", buffer.beforeMinutes());
                minutes.put("after", buffer.afterMinutes());
                buffers.put(type.wireName(), minutes);
            }
        }
        json.put("buffers", buffers);
        List<Object> services = new ArrayList<>();
        for (LessonService service : profile.services()) {
            services.add(service(service));
        }
        json.put("services", services);
        return json;
    }

    private static Map<String, Object> service(LessonService service) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", service.id());
        json.put("name", service.name());
        json.put("durationOptions", service.durationOptions());
        Map<String, Object> rates = new LinkedHashMap<>();
        for (LocationType type : LocationType.values()) {
            Long rate = service.hourlyRates().get(type);
            if (rate != null) {
                rates.put(type.wireName(), rate);
            }
        }
        json.put("rates", rates);
        json.put("currency", service.currency());
        json.put("active", service.active());
        return json;
    }
}
