package dev.lessonbook.http.profile;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lessonbook.http.ApiResponse;
import dev.lessonbook.http.Json;
import dev.lessonbook.profile.Buffer;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.LessonService;
import dev.lessonbook.profile.LocationType;

/** A profile as SPEC §2 shows it, the same shape the PUT takes (plus {@code instructorId}). */
public final class ProfileJson {
    private ProfileJson() {}

    public static ApiResponse.Document response(InstructorProfile profile) {
        return ApiResponse.ok(profile(profile));
    }

    public static ObjectNode profile(InstructorProfile profile) {
        ObjectNode json = Json.object();
        json.put("instructorId", profile.instructorId());
        json.put("timezone", profile.timezone().getId());
        ObjectNode buffers = json.putObject("buffers");
        // In the enum's order, so the document always reads the same.
        for (LocationType type : LocationType.values()) {
            Buffer buffer = profile.buffers().get(type);
            if (buffer != null) {
                ObjectNode node = buffers.putObject(type.wireName());
                node.put("before", buffer.beforeMinutes());
                node.put("after", buffer.afterMinutes());
            }
        }
        ArrayNode services = json.putArray("services");
        for (LessonService service : profile.services()) {
            services.add(service(service));
        }
        return json;
    }

    private static ObjectNode service(LessonService service) {
        ObjectNode json = Json.object();
        json.put("id", service.id());
        json.put("name", service.name());
        ArrayNode durations = json.putArray("durationOptions");
        service.durationOptions().forEach(durations::add);
        ObjectNode rates = json.putObject("rates");
        for (LocationType type : LocationType.values()) {
            Long rate = service.hourlyRates().get(type);
            if (rate != null) {
                rates.put(type.wireName(), rate);
            }
        }
        json.put("currency", service.currency());
        json.put("active", service.active());
        return json;
    }
}
