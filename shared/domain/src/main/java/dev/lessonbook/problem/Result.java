package dev.lessonbook.problem;

import java.util.function.Function;

/** The outcome of a use case: the value it produced, or the rule that refused it. */
public sealed interface Result<T> {

    record Ok<T>(T value) implements Result<T> {}

    record Rejected<T>(Rejection rejection) implements Result<T> {}

    static <T> Result<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Result<T> rejected(Rejection rejection) {
        return new Rejected<>(rejection);
    }

    static <T> Result<T> rejected(ProblemCode code, String detail) {
        return new Rejected<>(Rejection.of(code, detail));
    }

    /**
     * The value, for a caller that made sure nothing can refuse it (a tool, a test).
     *
     * @throws IllegalStateException naming the rejection, when there is one
     */
    default T orElseThrow() {
        return switch (this) {
            case Ok<T> ok -> ok.value();
            case Rejected<T> rejected -> throw new IllegalStateException("Refused: " + rejected.rejection());
        };
    }

    default <U> Result<U> map(Function<T, U> mapper) {
        return switch (this) {
            case Ok<T> ok -> new Ok<>(mapper.apply(ok.value()));
            case Rejected<T> rejected -> new Rejected<>(rejected.rejection());
        };
    }

    /** Chains a step that may itself refuse; a rejection short-circuits. */
    default <U> Result<U> flatMap(Function<T, Result<U>> next) {
        return switch (this) {
            case Ok<T> ok -> next.apply(ok.value());
            case Rejected<T> rejected -> new Rejected<>(rejected.rejection());
        };
    }
}
