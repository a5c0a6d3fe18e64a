package dev.lessonbook.profile;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An instructor's timezone, buffers per location type, services and booking rules. */
public record InstructorProfile(
        String instructorId,
        ZoneId timezone,
        Map<LocationType, Buffer> buffers,
        List<LessonService> services,
        BookingLimits bookingLimits) {

    public InstructorProfile {
        buffers = Map.copyOf(buffers);
        services = List.copyOf(services);
        bookingLimits = bookingLimits == null ? BookingLimits.DEFAULT : bookingLimits;
    }

    /** A profile with the default booking rules. */
    public InstructorProfile(String instructorId, ZoneId timezone, Map<LocationType, Buffer> buffers,
            List<LessonService> services) {
        this(instructorId, timezone, buffers, services, BookingLimits.DEFAULT);
    }

    /** The buffer for lessons of {@code locationType}: the profile's own, else the default. */
    public Buffer bufferFor(LocationType locationType) {
        return buffers.getOrDefault(locationType, Buffer.defaultFor(locationType));
    }

    public Optional<LessonService> service(String serviceId) {
        return services.stream().filter(service -> service.id().equals(serviceId)).findFirst();
    }

    /** The same profile with other booking rules. */
    public InstructorProfile withBookingLimits(BookingLimits limits) {
        return new InstructorProfile(instructorId, timezone, buffers, services, limits);
    }
}
