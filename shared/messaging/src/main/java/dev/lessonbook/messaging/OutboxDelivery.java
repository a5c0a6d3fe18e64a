package dev.lessonbook.messaging;

import dev.lessonbook.aws.Incidents;
import dev.lessonbook.aws.priming.Primer;
import dev.lessonbook.dynamodb.Outbox;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.event.DomainEvent;
import dev.lessonbook.event.EventPublisher;
import java.util.List;
import java.util.Map;

/**
 * Delivers the events of a committed transaction at once: publish, then delete the outbox item.
 * The change is already committed, so a failure here must not fail the request: the outbox item
 * stays, the failure is logged and counted, and the relay delivers the event within minutes.
 */
public final class OutboxDelivery implements Tables.CommittedEvents, Primer {
    private final EventPublisher publisher;
    private final Outbox outbox;

    public OutboxDelivery(EventPublisher publisher, Outbox outbox) {
        this.publisher = publisher;
        this.outbox = outbox;
    }

    /** Primes the publisher, when it can be primed (the SQS one): a writing function's table primes it so. */
    @Override
    public void prime() throws Exception {
        if (publisher instanceof Primer primed) {
            primed.prime();
        }
    }

    @Override
    public String name() {
        return "outbox delivery";
    }

    @Override
    public void committed(List<DomainEvent> events) {
        for (DomainEvent event : events) {
            deliver(event);
        }
    }

    /** Whether the event reached every queue (its outbox item may still exist if only the delete failed). */
    public boolean deliver(DomainEvent event) {
        try {
            publisher.publish(event);
        } catch (RuntimeException e) {
            Incidents.record("EventPublishFailed", "event left in the outbox for the relay", fields(event), e);
            return false;
        }
        try {
            outbox.delivered(event.eventId());
        } catch (RuntimeException e) {
            // The relay will publish it again; consumers skip an eventId they have handled.
            Incidents.record("OutboxDeleteFailed", "delivered event left in the outbox", fields(event), e);
        }
        return true;
    }

    private static Map<String, String> fields(DomainEvent event) {
        return Map.of("eventId", event.eventId(), "eventType", event.type());
    }
}
