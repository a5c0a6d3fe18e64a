package dev.lessonbook.architecture.examples.cyclic.availability;

import dev.lessonbook.architecture.examples.cyclic.booking.Lesson;
import java.util.List;

/** Example only: …and availability uses booking, a cycle. */
public record OpenSlots(List<Lesson> bookedAlready) {}
