package dev.lessonbook.e2e.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * docs/api/openapi.yaml as a checker of real responses: given the method and concrete path of a
 * request and the status, headers and body of its response, it finds the operation (by path
 * template), the response documented for that status (or {@code default}), and checks the
 * content type, the required headers and the JSON body against their schemas.
 *
 * <p>Schemas are JSON Schema 2020-12 (OpenAPI 3.1). {@code components.schemas} are registered as
 * the {@code $defs} of one schema document, every {@code #/components/schemas/X} reference
 * rewritten to point there, so any schema of the file can be compiled on its own.
 */
public final class OpenApiContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String DEFS_URI = "https://lessonbook.dev/contract/openapi-schemas.json";
    private static final String COMPONENT_SCHEMAS = "#/components/schemas/";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    private final Path source;
    private final JsonNode document;
    private final List<Operation> operations;
    private final SchemaRegistry registry;
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();
    private final AtomicInteger inlineSchemas = new AtomicInteger();

    /** One operation of the file: {@code PUT /v1/instructors/{instructorId}/profile}. */
    public record Operation(String method, String pathTemplate, String operationId, JsonNode node) {
        public String key() {
            return method + " " + pathTemplate;
        }

        /** Whether {@code path} (no query string) is an instance of this operation's template. */
        boolean matches(String path) {
            String[] template = pathTemplate.split("/", -1);
            String[] actual = path.split("/", -1);
            if (template.length != actual.length) {
                return false;
            }
            for (int i = 0; i < template.length; i++) {
                boolean parameter = template[i].startsWith("{") && template[i].endsWith("}");
                if (parameter ? actual[i].isEmpty() : !template[i].equals(actual[i])) {
                    return false;
                }
            }
            return true;
        }

        /** Literal segments: a literal path wins over a templated one that also matches. */
        int literalSegments() {
            return (int) java.util.Arrays.stream(pathTemplate.split("/")).filter(s -> !s.startsWith("{")).count();
        }
    }

    /** A response that does not conform; the message says what, where and shows the body. */
    public static final class ContractViolation extends AssertionError {
        private static final long serialVersionUID = 1L;

        ContractViolation(String message) {
            super(message);
        }
    }

    private OpenApiContract(Path source, JsonNode document) {
        this.source = source;
        this.document = document;
        this.operations = readOperations(document);
        ObjectNode defs = JsonNodeFactory.instance.objectNode();
        defs.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        defs.put("$id", DEFS_URI);
        defs.set("$defs", rewriteRefs(document.path("components").path("schemas").deepCopy()));
        String defsJson = defs.toString();
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(Map.of(DEFS_URI, defsJson)));
    }

    /** The project's docs/api/openapi.yaml. */
    public static OpenApiContract ofProject() {
        return load(projectRoot().resolve("docs/api/openapi.yaml"));
    }

    public static OpenApiContract load(Path file) {
        try {
            return new OpenApiContract(file, YAML.readTree(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** The repository root: {@code -Dlessonbook.root} (set by the build), else the nearest parent holding template.yaml. */
    public static Path projectRoot() {
        String configured = System.getProperty("lessonbook.root");
        if (configured != null && !configured.isBlank() && Files.isRegularFile(Path.of(configured, "template.yaml"))) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("docs"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No project root: set -Dlessonbook.root");
    }

    public List<Operation> operations() {
        return operations;
    }

    /** {@code "METHOD /path/{param}"} of every operation. */
    public Set<String> operationKeys() {
        Set<String> keys = new LinkedHashSet<>();
        operations.forEach(operation -> keys.add(operation.key()));
        return keys;
    }

    /** The file as JSON. */
    public JsonNode document() {
        return document.deepCopy();
    }

    /** What is wrong with {@code json} as an instance of {@code components.schemas.<name>}; empty when valid. */
    public List<String> schemaViolations(String name, String json) {
        if (!document.path("components").path("schemas").has(name)) {
            throw new IllegalArgumentException("No schema " + name + " in " + source);
        }
        JsonNode instance;
        try {
            instance = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return List.of("not JSON: " + e.getOriginalMessage());
        }
        JsonNode ref = JsonNodeFactory.instance.objectNode().put("$ref", COMPONENT_SCHEMAS + name);
        return schema("component:" + name, ref).validate(instance).stream()
                .map(error -> error.getInstanceLocation() + ": " + error.getMessage())
                .toList();
    }

    /** The operation serving {@code method} on a concrete {@code path} (a query string is ignored). */
    public Optional<Operation> find(String method, String path) {
        String bare = withoutQuery(path);
        return operations.stream()
                .filter(operation -> operation.method().equalsIgnoreCase(method) && operation.matches(bare))
                .max(Comparator.comparingInt(Operation::literalSegments));
    }

    /**
     * Throws {@link ContractViolation} unless the response conforms.
     *
     * @param headers response headers; names are matched case-insensitively
     * @param body    the response body as received (may be null or empty)
     */
    public void validate(String method, String path, int status, Map<String, String> headers, String body) {
        List<String> problems = violations(method, path, status, headers, body);
        if (!problems.isEmpty()) {
            throw new ContractViolation(method + " " + path + " → " + status + " does not conform to "
                    + source.getFileName() + ":\n  - " + String.join("\n  - ", problems)
                    + "\n  body: " + abbreviate(body));
        }
    }

    /** Same as {@link #validate(String, String, int, Map, String)} with only a content type as headers. */
    public void validate(String method, String path, int status, String contentType, String body) {
        validate(method, path, status, contentType == null ? Map.of() : Map.of("Content-Type", contentType), body);
    }

    /** What is wrong with the response; empty when it conforms. */
    public List<String> violations(String method, String path, int status, Map<String, String> headers, String body) {
        Optional<Operation> found = find(method, path);
        if (found.isEmpty()) {
            return unroutedViolations(method, path, status, headers, body);
        }
        Operation operation = found.get();
        String statusKey = Integer.toString(status);
        JsonNode responses = operation.node().path("responses");
        String responsePointer = "/paths/" + escape(operation.pathTemplate()) + "/" + operation.method().toLowerCase(Locale.ROOT)
                + "/responses/";
        JsonNode response;
        if (responses.has(statusKey)) {
            response = responses.get(statusKey);
            responsePointer += statusKey;
        } else if (responses.has(statusKey.charAt(0) + "XX")) {
            response = responses.get(statusKey.charAt(0) + "XX");
            responsePointer += statusKey.charAt(0) + "XX";
        } else if (responses.has("default")) {
            response = responses.get("default");
            responsePointer += "default";
        } else {
            return List.of(operation.operationId() + " documents no response " + status + " (documented: "
                    + String.join(", ", iterable(responses.fieldNames())) + ")");
        }
        String where = operation.operationId() + " response " + status;
        if (response.has("$ref")) {
            responsePointer = refPointer(response.get("$ref").asText());
            response = resolve(response);
        }
        List<String> problems = new ArrayList<>();
        checkHeaders(response, headers, where, problems);
        checkBody(response, responsePointer, header(headers, "Content-Type"), body, where, problems);
        return problems;
    }

    /**
     * A request no operation serves: the runtime (like API Gateway) answers it itself, with a
     * 404 or 405 problem document; any other answer is a route the file does not know.
     */
    private List<String> unroutedViolations(String method, String path, int status, Map<String, String> headers, String body) {
        String request = method.toUpperCase(Locale.ROOT) + " " + withoutQuery(path);
        if (status != 404 && status != 405) {
            return List.of("no operation serves " + request + ", yet it answered " + status);
        }
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.putObject("content").putObject("application/problem+json").putObject("schema")
                .put("$ref", COMPONENT_SCHEMAS + "Problem");
        List<String> problems = new ArrayList<>();
        checkBody(response, "unrouted", header(headers, "Content-Type"), body, request + " (no such route) " + status, problems);
        return problems;
    }

    private void checkHeaders(JsonNode response, Map<String, String> headers, String where, List<String> problems) {
        JsonNode declared = response.path("headers");
        for (Map.Entry<String, JsonNode> entry : declared.properties()) {
            JsonNode header = resolve(entry.getValue());
            Optional<String> value = header(headers, entry.getKey());
            if (value.isEmpty()) {
                if (header.path("required").asBoolean(false)) {
                    problems.add(where + ": required header " + entry.getKey() + " is missing");
                }
                continue;
            }
            if (header.has("schema")) {
                for (Error error : schema("header:" + where + ":" + entry.getKey(), header.get("schema"))
                        .validate(TextNode.valueOf(value.get()))) {
                    problems.add(where + ": header " + entry.getKey() + " = " + value.get() + ": " + error.getMessage());
                }
            }
        }
    }

    private void checkBody(JsonNode response, String responsePointer, Optional<String> contentType, String body,
                           String where, List<String> problems) {
        JsonNode content = response.path("content");
        boolean hasBody = body != null && !body.isEmpty();
        if (content.isMissingNode() || content.isEmpty()) {
            if (hasBody) {
                problems.add(where + " documents no body, but one was sent");
            }
            return;
        }
        if (contentType.isEmpty()) {
            problems.add(where + ": no Content-Type; documented: " + String.join(", ", iterable(content.fieldNames())));
            return;
        }
        String mediaType = contentType.get().split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!content.has(mediaType)) {
            problems.add(where + ": Content-Type " + contentType.get() + " is not documented; documented: "
                    + String.join(", ", iterable(content.fieldNames())));
            return;
        }
        JsonNode schemaNode = content.get(mediaType).get("schema");
        if (schemaNode == null) {
            return;
        }
        if (!hasBody) {
            problems.add(where + ": " + mediaType + " documented, but the body is empty");
            return;
        }
        if (!isJson(mediaType)) {
            // A text body (the calendar feed's text/calendar): its schema is a string; the body is its own test's to parse.
            return;
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            problems.add(where + ": the body is not JSON: " + e.getOriginalMessage());
            return;
        }
        String key = responsePointer + "/content/" + escape(mediaType) + "/schema";
        for (Error error : schema(key, schemaNode).validate(json)) {
            String at = error.getInstanceLocation().toString();
            problems.add(where + " (" + mediaType + ") at " + (at.isEmpty() ? "/" : at) + ": " + error.getMessage()
                    + "  [schema " + error.getEvaluationPath() + "]");
        }
    }

    private static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    /** A schema of the file, compiled once; its component references point into the registered {@code $defs}. */
    private Schema schema(String key, JsonNode node) {
        return compiled.computeIfAbsent(key, k -> registry.getSchema(
                SchemaLocation.of("https://lessonbook.dev/contract/inline/" + inlineSchemas.incrementAndGet()), rewriteRefs(node.deepCopy())));
    }

    /** Follows an OpenAPI {@code $ref} ({@code #/components/responses/X}, {@code #/components/headers/Y}). */
    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int depth = 0; current.has("$ref") && depth < 10; depth++) {
            String ref = current.get("$ref").asText();
            JsonNode target = document.at(refPointer(ref));
            if (target.isMissingNode()) {
                throw new IllegalStateException("Unresolvable $ref " + ref + " in " + source);
            }
            current = target;
        }
        return current;
    }

    private static String refPointer(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalStateException("Only local references are supported, got " + ref);
        }
        return ref.substring(1);
    }

    /** Every {@code #/components/schemas/X} reference rewritten into the registered {@code $defs} document. */
    private static JsonNode rewriteRefs(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith(COMPONENT_SCHEMAS)) {
                object.put("$ref", DEFS_URI + "#/$defs/" + ref.asText().substring(COMPONENT_SCHEMAS.length()));
            }
            object.properties().forEach(member -> rewriteRefs(member.getValue()));
        } else if (node != null && node.isArray()) {
            node.forEach(OpenApiContract::rewriteRefs);
        }
        return node;
    }

    private static List<Operation> readOperations(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(member -> {
            if (METHODS.contains(member.getKey())) {
                operations.add(new Operation(member.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                        member.getValue().path("operationId").asText(member.getKey() + " " + path.getKey()),
                        member.getValue()));
            }
        }));
        return List.copyOf(operations);
    }

    private static Optional<String> header(Map<String, String> headers, String name) {
        if (headers == null) {
            return Optional.empty();
        }
        return headers.entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    private static String withoutQuery(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    /** A JSON pointer token: {@code ~} → {@code ~0}, {@code /} → {@code ~1}. */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "(none)";
        }
        return body.length() > 2000 ? body.substring(0, 2000) + "…" : body;
    }
}
