package dev.lessonbook.http;

import dev.lessonbook.problem.Rejection;
import dev.lessonbook.problem.Rejection.FieldError;
import dev.lessonbook.problem.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects every problem of a request's fields (body, path, query, headers) so one 422 answer
 * names them all, instead of making the client fix them one round trip at a time.
 */
public final class FieldErrors {
    private final List<FieldError> errors = new ArrayList<>();

    public void add(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public List<FieldError> list() {
        return List.copyOf(errors);
    }

    /** 422 VALIDATION_FAILED naming every error, or the value built once nothing is wrong. */
    public <T> Result<T> resultOf(Supplier<T> value) {
        return errors.isEmpty() ? Result.ok(value.get()) : Result.rejected(Rejection.validation(errors));
    }
}
