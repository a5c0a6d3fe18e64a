package dev.lessonbook.integration;

import dev.lessonbook.event.DomainEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Every event type of the system, read from the sealed {@link DomainEvent} hierarchy, so an event
 * added later can be subscribed to with no change here.
 */
public final class EventTypes {
    private static final List<String> ALL = typesUnder(DomainEvent.class);

    private EventTypes() {}

    /** The types' wire names (the records' simple names), sorted. */
    public static List<String> all() {
        return ALL;
    }

    private static List<String> typesUnder(Class<?> root) {
        List<String> types = new ArrayList<>();
        List<Class<?>> open = new ArrayList<>(List.of(root));
        while (!open.isEmpty()) {
            Class<?> type = open.removeLast();
            if (type.isSealed()) {
                open.addAll(List.of(type.getPermittedSubclasses()));
            } else if (type.isRecord()) {
                types.add(type.getSimpleName());
            }
        }
        return types.stream().sorted().toList();
    }
}
