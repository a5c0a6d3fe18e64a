package dev.lessonbook.contact;

import java.util.regex.Pattern;

/**
 * What Lessonbook accepts as an email address (docs/spec.md §2, docs/decisions.md "Real
 * recipients"): {@code local@domain} in plain ASCII, the shape SES sends to without SMTPUTF8 —
 * a local part of 1–64 characters of RFC 5322's {@code atext} and single dots (not first, not
 * last), a host name of at least two labels (letters, digits, inner hyphens; 1–63 each) whose
 * last label is not all digits, at most 254 characters in all (RFC 5321's path limit). Quoted
 * local parts, comments, display names and IP literals are refused: no identity provider issues
 * them and a mail system that needs them is not one we send to.
 */
public final class EmailAddresses {
    public static final int MAX_LENGTH = 254;
    /** The field error's message, naming the rule. */
    public static final String RULE = "must be an email address such as ada@example.com (at most 254 characters)";

    private static final String ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]";
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern ADDRESS = Pattern.compile(
            "(?=[^@]{1,64}@)" + ATEXT + "+(?:\\." + ATEXT + "+)*"
                    + "@(?:" + LABEL + "\\.)+(?=[^.]*[A-Za-z-])" + LABEL);

    private EmailAddresses() {}

    public static boolean isValid(String address) {
        return address != null && address.length() <= MAX_LENGTH && ADDRESS.matcher(address).matches();
    }
}
