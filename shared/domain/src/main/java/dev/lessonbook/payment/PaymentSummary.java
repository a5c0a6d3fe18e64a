package dev.lessonbook.payment;

import dev.lessonbook.money.Money;

/** What a payment shows outside: its status and amounts, never the provider's references. */
public record PaymentSummary(PaymentStatus status, Money amountAuthorized, Money amountCaptured, Money amountRefunded) {}
