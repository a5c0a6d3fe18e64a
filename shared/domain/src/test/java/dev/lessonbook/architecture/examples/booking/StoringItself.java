package dev.lessonbook.architecture.examples.booking;

import dev.lessonbook.architecture.examples.dynamodb.TableAdapter;

/** Example only: a domain class that reaches into an adapter. */
public final class StoringItself {
    public void save(TableAdapter table) {
        table.put(this);
    }
}
