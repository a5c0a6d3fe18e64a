package dev.lessonbook.architecture.examples.dynamodb;

/** Example only: an adapter. */
public final class TableAdapter {
    public void put(Object item) {}
}
