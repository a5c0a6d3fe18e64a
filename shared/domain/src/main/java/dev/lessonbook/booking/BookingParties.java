package dev.lessonbook.booking;

import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Role;

/** Who may see and act on a booking (docs/spec.md §3): its student, its instructor, or an admin. */
public final class BookingParties {

    private BookingParties() {}

    public static boolean isStudentOf(Caller caller, Booking booking) {
        return caller.role() == Role.STUDENT && caller.userId().equals(booking.studentId());
    }

    public static boolean isInstructorOf(Caller caller, Booking booking) {
        return caller.role() == Role.INSTRUCTOR && caller.userId().equals(booking.instructorId());
    }

    /** May read it, and cancel it. Anyone else is told it does not exist. */
    public static boolean mayRead(Caller caller, Booking booking) {
        return caller.isAdmin() || isStudentOf(caller, booking) || isInstructorOf(caller, booking);
    }

    /** May mark it completed. */
    public static boolean mayComplete(Caller caller, Booking booking) {
        return caller.isAdmin() || isInstructorOf(caller, booking);
    }
}
