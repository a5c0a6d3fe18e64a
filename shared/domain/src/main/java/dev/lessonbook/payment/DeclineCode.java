package dev.lessonbook.payment;

import dev.lessonbook.problem.Rejection;

/**
 * {@code declineCode}: the card issuer's reason for a decline as the provider reports it
 * ({@code insufficient_funds}, {@code generic_decline}, …), a member of a 402 problem document.
 */
public record DeclineCode(String declineCode) implements Rejection.Extra {}
