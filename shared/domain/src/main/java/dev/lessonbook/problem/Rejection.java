package dev.lessonbook.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A request the rules refuse: a value, not an exception. Its {@code extras} tell the client more
 * than the detail: which scope conflicts, the overlapping windows, the current version, every
 * field error. Each is a record whose components become members of the problem document under
 * their own names, in name order; the domain says what they are, the HTTP layer writes them.
 */
public record Rejection(ProblemCode code, String detail, List<Extra> extras) {

    /** More members of a problem document: a record, its component names the member names. */
    public interface Extra {}

    public Rejection {
        extras = List.copyOf(extras);
    }

    public static Rejection of(ProblemCode code, String detail) {
        return new Rejection(code, detail, List.of());
    }

    public Rejection with(Extra extra) {
        List<Extra> more = new ArrayList<>(extras);
        more.add(extra);
        return new Rejection(code, detail, more);
    }

    /** The extra of {@code type}, if this rejection carries one. */
    public <E extends Extra> Optional<E> extra(Class<E> type) {
        return extras.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** 422 VALIDATION_FAILED with one entry per offending field. */
    public static Rejection validation(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return of(ProblemCode.VALIDATION_FAILED, detail).with(new FieldErrors(errors));
    }

    /** What is wrong with one field, named by its path in the request ({@code services[0].name}). */
    public record FieldError(String field, String message) {}

    /** {@code errors}: every field error of a 422 VALIDATION_FAILED, in the order found. */
    public record FieldErrors(List<FieldError> errors) implements Extra {
        public FieldErrors {
            errors = List.copyOf(errors);
        }
    }
}
