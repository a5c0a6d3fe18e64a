package dev.lessonbook.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import dev.lessonbook.problem.Rejection.FieldError;
import dev.lessonbook.problem.Result;
import java.util.List;

/** Assertions on {@link Result}s, so tests read as what they expect. */
public final class Outcomes {
    private Outcomes() {}

    public static <T> T value(Result<T> result) {
        assertThat(result).isInstanceOf(Result.Ok.class);
        return ((Result.Ok<T>) result).value();
    }

    public static Rejection rejection(Result<?> result) {
        assertThat(result).isInstanceOf(Result.Rejected.class);
        return ((Result.Rejected<?>) result).rejection();
    }

    public static Rejection rejected(Result<?> result, ProblemCode code) {
        Rejection rejection = rejection(result);
        assertThat(rejection.code()).as(rejection.detail()).isEqualTo(code);
        return rejection;
    }

    @SuppressWarnings("unchecked")
    public static List<FieldError> fieldErrors(Result<?> result) {
        Rejection rejection = rejected(result, ProblemCode.VALIDATION_FAILED);
        return rejection.extra(Rejection.FieldErrors.class).orElseThrow().errors();
    }

    public static List<String> fields(Result<?> result) {
        return fieldErrors(result).stream().map(FieldError::field).toList();
    }
}
