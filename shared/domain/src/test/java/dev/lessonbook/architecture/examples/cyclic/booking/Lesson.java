package dev.lessonbook.architecture.examples.cyclic.booking;

import dev.lessonbook.architecture.examples.cyclic.availability.OpenSlots;

/** Example only: booking uses availability… */
public record Lesson(OpenSlots within) {}
