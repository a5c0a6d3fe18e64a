package dev.lessonbook.architecture.examples.availability;

import java.time.LocalDate;

/** Example only: a domain class that imports nothing it should not. */
public record Week(LocalDate monday) {}
