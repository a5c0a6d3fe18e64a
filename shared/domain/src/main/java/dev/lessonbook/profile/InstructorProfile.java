package dev.lessonbook.profile;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An instructor's timezone, buffers per location type and services. */
public record InstructorProfile(
        String instructorId,
        ZoneId timezone,
        Map<LocationType, Buffer> buffers,
        List<LessonService> services) {

    public InstructorProfile {
        buffers = Map.copyOf(buffers);
        services = List.copyOf(services);
    }

    public Optional<LessonService> service(String serviceId) {
        return services.stream().filter(service -> service.id().equals(serviceId)).findFirst();
    }
}
