package dev.lessonbook.local.http;

import dev.lessonbook.local.template.FunctionSpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The HttpApi routes of the template, matched as API Gateway matches them: the most specific
 * route wins (a literal segment over {@code {param}}, a parameter over a greedy {@code {proxy+}},
 * a method over ANY), and {@code $default} catches whatever nothing else matched.
 */
public final class RouteTable {

    /** The outcome of matching one request. */
    public sealed interface Lookup {
        record Found(FunctionSpec.HttpRoute route, Map<String, String> pathParameters) implements Lookup {}

        /** The path is served, but not with this method. */
        record MethodNotAllowed(Set<String> allowed) implements Lookup {}

        record NotFound() implements Lookup {}
    }

    private sealed interface Segment {
        int rank();
    }

    private record Literal(String text) implements Segment {
        public int rank() {
            return 0;
        }
    }

    private record Parameter(String name) implements Segment {
        public int rank() {
            return 1;
        }
    }

    private record Greedy(String name) implements Segment {
        public int rank() {
            return 2;
        }
    }

    private record Compiled(FunctionSpec.HttpRoute route, List<Segment> segments) {}

    private static final Comparator<Compiled> MOST_SPECIFIC_FIRST = RouteTable::compareSpecificity;

    private final List<Compiled> routes;
    private final Optional<FunctionSpec.HttpRoute> defaultRoute;

    public RouteTable(List<FunctionSpec.HttpRoute> routes) {
        this.routes = routes.stream()
                .filter(route -> !route.path().equals(FunctionSpec.HttpRoute.DEFAULT_ROUTE))
                .map(route -> new Compiled(route, compile(route.path())))
                .sorted(MOST_SPECIFIC_FIRST)
                .toList();
        this.defaultRoute = routes.stream().filter(route -> route.path().equals(FunctionSpec.HttpRoute.DEFAULT_ROUTE)).findFirst();
    }

    public Lookup find(String method, String rawPath) {
        List<String> segments = segments(rawPath);
        Set<String> allowed = new TreeSet<>();
        for (Compiled candidate : routes) {
            Optional<Map<String, String>> parameters = match(candidate.segments(), segments);
            if (parameters.isEmpty()) {
                continue;
            }
            String routeMethod = candidate.route().method();
            if (routeMethod.equals(method) || routeMethod.equals(FunctionSpec.HttpRoute.ANY)) {
                return new Lookup.Found(candidate.route(), parameters.get());
            }
            allowed.add(routeMethod);
        }
        if (defaultRoute.isPresent()) {
            return new Lookup.Found(defaultRoute.get(), Map.of());
        }
        return allowed.isEmpty() ? new Lookup.NotFound() : new Lookup.MethodNotAllowed(allowed);
    }

    private static Optional<Map<String, String>> match(List<Segment> pattern, List<String> path) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            Segment segment = pattern.get(i);
            if (segment instanceof Greedy greedy) {
                if (i >= path.size()) {
                    return Optional.empty();
                }
                parameters.put(greedy.name(), String.join("/", path.subList(i, path.size())));
                return Optional.of(parameters);
            }
            if (i >= path.size()) {
                return Optional.empty();
            }
            String actual = path.get(i);
            switch (segment) {
                case Literal literal -> {
                    if (!literal.text().equals(actual)) {
                        return Optional.empty();
                    }
                }
                case Parameter parameter -> {
                    if (actual.isEmpty()) {
                        return Optional.empty();
                    }
                    parameters.put(parameter.name(), actual);
                }
                case Greedy ignored -> throw new AssertionError();
            }
        }
        return pattern.size() == path.size() ? Optional.of(parameters) : Optional.empty();
    }

    private static List<Segment> compile(String pathTemplate) {
        List<Segment> segments = new ArrayList<>();
        for (String part : segments(pathTemplate)) {
            if (part.startsWith("{") && part.endsWith("+}")) {
                segments.add(new Greedy(part.substring(1, part.length() - 2)));
            } else if (part.startsWith("{") && part.endsWith("}")) {
                segments.add(new Parameter(part.substring(1, part.length() - 1)));
            } else {
                segments.add(new Literal(part));
            }
        }
        return List.copyOf(segments);
    }

    /** The decoded segments of a path: "/a/b%20c" is [a, b c]. */
    private static List<String> segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        List<String> segments = new ArrayList<>();
        for (String part : trimmed.split("/", -1)) {
            segments.add(decodePathSegment(part));
        }
        return segments;
    }

    static String decodePathSegment(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoded) {
            return segment;
        }
    }

    private static int compareSpecificity(Compiled a, Compiled b) {
        int shared = Math.min(a.segments().size(), b.segments().size());
        for (int i = 0; i < shared; i++) {
            int byRank = Integer.compare(a.segments().get(i).rank(), b.segments().get(i).rank());
            if (byRank != 0) {
                return byRank;
            }
        }
        int byLength = Integer.compare(b.segments().size(), a.segments().size());
        if (byLength != 0) {
            return byLength;
        }
        boolean aAny = a.route().method().equals(FunctionSpec.HttpRoute.ANY);
        boolean bAny = b.route().method().equals(FunctionSpec.HttpRoute.ANY);
        return Boolean.compare(aAny, bAny);
    }
}
