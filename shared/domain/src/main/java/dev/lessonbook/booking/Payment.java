package dev.lessonbook.booking;

/**
 * The payment state of a booking. Provider references ({@code paymentIntentId},
 * {@code customerId}, {@code paymentMethodId}) are internal and never rendered to clients.
 */
public record Payment(
        PaymentStatus status,
        long amountAuthorized,
        long amountCaptured,
        long amountRefunded,
        String paymentIntentId,
        String customerId,
        String paymentMethodId) {

    public static Payment notRequired() {
        return new Payment(PaymentStatus.NOT_REQUIRED, 0, 0, 0, null, null, null);
    }

    public Payment withStatus(PaymentStatus newStatus) {
        return new Payment(newStatus, amountAuthorized, amountCaptured, amountRefunded,
                paymentIntentId, customerId, paymentMethodId);
    }
}
