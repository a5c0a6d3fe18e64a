package dev.lessonbook.profile;

/** Minutes an instructor is kept free before and after a lesson (multiples of 15). */
public record Buffer(int beforeMinutes, int afterMinutes) {}
