package dev.lessonbook.local.template;

/** The template says something the local runtime cannot read or resolve. */
public class TemplateException extends RuntimeException {
    public TemplateException(String message) {
        super(message);
    }
}
