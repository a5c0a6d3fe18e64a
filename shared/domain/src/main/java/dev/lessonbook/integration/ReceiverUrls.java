package dev.lessonbook.integration;

import java.util.Optional;

/**
 * Whether a receiver URL may be sent to (the port: the rule needs DNS, which the domain does not
 * do). Empty when it may; otherwise why not, in words for the person who gave it.
 */
@FunctionalInterface
public interface ReceiverUrls {
    Optional<String> refusal(String url);
}
