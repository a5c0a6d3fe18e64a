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

    /** The buffer for lessons of {@code locationType}: the profile's own, else the default. */
    public Buffer bufferFor(LocationType locationType) {
        return buffers.getOrDefault(locationType, Buffer.defaultFor(locationType));
    }

    public Optional<LessonService> service(String serviceId) {
        return services.stream().filter(service -> service.id().equals(serviceId)).findFirst();
    }
}
