package dev.lessonbook.http;

/** The input limits of docs/spec.md §9 that the HTTP layer enforces. */
public final class Limits {
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /**
     * Stripe's webhook deliveries: Stripe sets no size, and an event carries a whole object (with
     * up to 50 metadata values of 500 characters); 1 MB is far above any we follow and far below
     * what a Lambda invocation takes (6 MB).
     */
    public static final int MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;
    public static final int MAX_WINDOWS_PER_WEEK = 200;
    public static final int MAX_NOTE_CHARS = 1000;
    public static final int MAX_REASON_CHARS = 500;
    public static final int MAX_IDEMPOTENCY_KEY_CHARS = 255;
    public static final int MAX_SERVICES = 50;
    public static final int MAX_SERVICE_NAME_CHARS = 200;

    private Limits() {}
}
