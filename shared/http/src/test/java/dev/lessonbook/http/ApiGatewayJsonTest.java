package dev.lessonbook.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lessonbook.json.JsonMappers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stream form of a function reads events and writes answers exactly as the Lambda runtime's
 * own mapper (aws-lambda-java-serialization, which the runtime interface client uses) would.
 */
class ApiGatewayJsonTest {
    private static final Path SAMPLES = Path.of(System.getProperty("lessonbook.root", "../.."), "events", "http");
    private static final ObjectMapper JSON = JsonMappers.standard();

    static Stream<String> samples() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySampleEventReadsAsTheRuntimesMapperReadsIt(String sample) throws IOException {
        APIGatewayV2HTTPEvent ours = ApiGatewayJson.readEvent(Files.newInputStream(SAMPLES.resolve(sample)));

        assertThat(ours).usingRecursiveComparison().isEqualTo(TestEvents.sample(sample));
    }

    @Test
    void scalarsBecomeTextAsTheRuntimeCoercesThem() throws IOException {
        APIGatewayV2HTTPEvent event = ApiGatewayJson.readEvent(stream("""
                {"rawPath":"/x","isBase64Encoded":false,"headers":{"x-n":5},
                 "requestContext":{"timeEpoch":1764000000000,"authorizer":{"jwt":{"claims":{"exp":1764003600,"admin":true},"scopes":null}}}}"""));

        assertThat(event.getHeaders()).containsEntry("x-n", "5");
        assertThat(event.getRequestContext().getTimeEpoch()).isEqualTo(1764000000000L);
        assertThat(event.getRequestContext().getAuthorizer().getJwt().getClaims())
                .containsEntry("exp", "1764003600").containsEntry("admin", "true");
        assertThat(event.getRequestContext().getAuthorizer().getJwt().getScopes()).isNull();
    }

    @Test
    void aStructureWhereTextIsExpectedIsKeptAsItsJson() throws IOException {
        APIGatewayV2HTTPEvent event = ApiGatewayJson.readEvent(stream("""
                {"headers":{"x-s":{"a":[1,2.50,"é"]}},"cookies":["a=b",7],"body":null}"""));

        assertThat(event.getHeaders()).containsEntry("x-s", "{\"a\":[1,2.50,\"é\"]}");
        assertThat(event.getCookies()).containsExactly("a=b", "7");
        assertThat(event.getBody()).isNull();
    }

    @Test
    void anEventThatIsNotAnObjectIsRefused() {
        assertThatThrownBy(() -> ApiGatewayJson.readEvent(stream("[]"))).isInstanceOf(IOException.class);
    }

    @Test
    void answersAreWrittenAsTheRuntimesMapperWritesThem() throws IOException {
        APIGatewayV2HTTPResponse response = APIGatewayV2HTTPResponse.builder()
                .withStatusCode(409)
                .withHeaders(Map.of("Content-Type", "application/problem+json", "Retry-After", "1"))
                .withCookies(List.of("a=b"))
                .withBody("{\"code\":\"SLOT_TAKEN\",\"detail\":\"é\"}")
                .withIsBase64Encoded(false)
                .build();

        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        ApiGatewayJson.writeResponse(response, ours);
        ByteArrayOutputStream runtimes = new ByteArrayOutputStream();
        LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, getClass().getClassLoader()).toJson(response, runtimes);

        assertThat(withoutNulls(JSON.readTree(ours.toByteArray())))
                .isEqualTo(withoutNulls(JSON.readTree(runtimes.toByteArray())));
    }

    @Test
    void theStreamFormRunsTheEventForm() throws IOException {
        HttpFunction echo = (event, context) -> APIGatewayV2HTTPResponse.builder()
                .withStatusCode(200).withBody(event.getRequestContext().getHttp().getMethod() + " " + event.getRawPath()).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        echo.handleRequest(Files.newInputStream(SAMPLES.resolve("get-booking.json")), out, new FakeContext("r1"));

        assertThat(JSON.readTree(out.toByteArray())).isEqualTo(JSON.readTree(
                "{\"statusCode\":200,\"body\":\"GET /v1/bookings/bk_3f9a0c2e7b1d4a6e8c5f\",\"isBase64Encoded\":false}"));
    }

    private static ByteArrayInputStream stream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The runtime writes absent fields as null; we leave them out. */
    private static JsonNode withoutNulls(JsonNode json) {
        if (!(json instanceof ObjectNode object)) {
            return json;
        }
        ObjectNode kept = JSON.createObjectNode();
        object.properties().forEach(member -> {
            if (!member.getValue().isNull()) {
                kept.set(member.getKey(), withoutNulls(member.getValue()));
            }
        });
        return kept;
    }
}
