package dev.lessonbook.profile;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An instructor's timezone, buffers per location type, services, booking rules and the address
 * their lesson emails go to.
 *
 * @param email null when none is known (docs/decisions.md "Real recipients")
 */
public record InstructorProfile(
        String instructorId,
        ZoneId timezone,
        Map<LocationType, Buffer> buffers,
        List<LessonService> services,
        BookingLimits bookingLimits,
        String email) {

    public InstructorProfile {
        buffers = Map.copyOf(buffers);
        services = List.copyOf(services);
        bookingLimits = bookingLimits == null ? BookingLimits.DEFAULT : bookingLimits;
    }

    /** A profile without an address. */
    public InstructorProfile(String instructorId, ZoneId timezone, Map<LocationType, Buffer> buffers,
            List<LessonService> services, BookingLimits bookingLimits) {
        this(instructorId, timezone, buffers, services, bookingLimits, null);
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
        return new InstructorProfile(instructorId, timezone, buffers, services, limits, email);
    }

    /** The same profile sending its lesson emails to {@code address} (null: none known). */
    public InstructorProfile withEmail(String address) {
        return new InstructorProfile(instructorId, timezone, buffers, services, bookingLimits, address);
    }
}
