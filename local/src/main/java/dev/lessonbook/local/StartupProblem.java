package dev.lessonbook.local;

/** Something the user can fix before the runtime can start: reported as one line, without a stack trace. */
final class StartupProblem extends RuntimeException {
    StartupProblem(String message) {
        super(message);
    }
}
