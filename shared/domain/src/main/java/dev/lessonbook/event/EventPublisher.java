package dev.lessonbook.event;

/**
 * Port: delivers a committed event to its consumers (the invalidation and notification queues).
 * Throws when it could not; the event's outbox item then stays, and the relay delivers it later.
 */
@FunctionalInterface
public interface EventPublisher {
    void publish(DomainEvent event);
}
