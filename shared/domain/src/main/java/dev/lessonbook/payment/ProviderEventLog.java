package dev.lessonbook.payment;

import java.time.Instant;

/**
 * Port: the provider's events as received (store-then-process). An event is recorded, once per
 * event id, before it is acknowledged; it is marked processed only after its change was written,
 * so an event whose processing failed is processed again when the provider delivers it again.
 */
public interface ProviderEventLog {

    enum Receipt {
        /** Recorded now: never received before. */
        NEW,
        /** Received before, but its processing never finished: process it (again). */
        UNFINISHED,
        /** Received and processed before: a duplicate delivery, nothing to do. */
        PROCESSED
    }

    /** Records event {@code eventId} of {@code type} as received at {@code now}, unless it was already. */
    Receipt record(String eventId, String type, Instant now);

    /** Marks event {@code eventId} processed. */
    void markProcessed(String eventId, Instant now);
}
