package dev.lessonbook.http;

import java.util.regex.Pattern;

/** The shape every id of the API has (docs/spec.md §9): 1–64 characters of {@code [A-Za-z0-9_-]}. */
public final class Ids {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public static final String RULE = "must be 1-64 characters of letters, digits, '_' or '-'";

    private Ids() {}

    public static boolean isValid(String candidate) {
        return candidate != null && ID.matcher(candidate).matches();
    }
}
