package dev.lessonbook.notification;

/** One email to one address, with a plain-text and an HTML body saying the same. */
public record Email(String to, String subject, String text, String html) {}
