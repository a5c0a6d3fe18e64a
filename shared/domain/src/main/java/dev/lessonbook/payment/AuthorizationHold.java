package dev.lessonbook.payment;

import java.time.Instant;
import java.util.Objects;

/**
 * What the provider says of an authorization's hold on the card right now
 * ({@link PaymentGateway#hold}): still held until a deadline, lapsed (the provider cancelled it),
 * no longer a hold for another reason, or unknown because the provider could not be asked.
 */
public sealed interface AuthorizationHold {

    /** Held: capturable until {@code captureBefore}, after which the provider cancels it. */
    record Held(Instant captureBefore) implements AuthorizationHold {
        public Held {
            Objects.requireNonNull(captureBefore, "captureBefore");
        }
    }

    /**
     * The intent was cancelled; {@code reason} as the provider gives it. {@link #LAPSE_REASON} is the
     * provider's own cancellation of an uncaptured authorization at its deadline; any other reason
     * (or none) is a person's or a program's deliberate cancellation.
     */
    record Lapsed(String reason) implements AuthorizationHold {
        public static final String LAPSE_REASON = "automatic";

        /** Whether the provider let the hold run out, rather than someone cancelling it. */
        public boolean byTheProvider() {
            return LAPSE_REASON.equals(reason);
        }
    }

    /** Not a hold any more, nor lapsed: captured already, or never authorized ({@code status} as the provider says). */
    record NotHeld(String status) implements AuthorizationHold {}

    /** The provider could not be asked (network, 5xx, timeout): nothing is known. */
    record Unknown(String message) implements AuthorizationHold {}
}
