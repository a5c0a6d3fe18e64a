package dev.lessonbook.http;

import dev.lessonbook.problem.Result;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Chaining {@link Result}s in readers; the first rejection answers. */
public final class Results {
    private Results() {}

    public static <A, B> Result<B> then(Result<A> first, Function<A, Result<B>> next) {
        return switch (first) {
            case Result.Ok<A> ok -> next.apply(ok.value());
            case Result.Rejected<A> rejected -> Result.rejected(rejected.rejection());
        };
    }

    public static <A, B, C> Result<C> both(Result<A> first, Result<B> second, BiFunction<A, B, C> combine) {
        return then(first, a -> then(second, b -> Result.ok(combine.apply(a, b))));
    }
}
