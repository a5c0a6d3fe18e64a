package dev.lessonbook.notification;

/**
 * Users are ids from the identity provider; Lessonbook stores no email addresses. A user's
 * address is {@code <userId>@<domain>}, the domain configured per deployment (a mail domain that
 * routes user ids, or a sandbox domain in tests). Replacing this record by a directory lookup is
 * the one change needed when addresses are modelled.
 */
public record RecipientAddresses(String domain) {
    public static final String DEFAULT_DOMAIN = "example.com";

    public String addressOf(Recipient recipient) {
        return recipient.userId() + "@" + domain;
    }
}
