package dev.lessonbook.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lessonbook.config.Env;
import dev.lessonbook.json.JsonMappers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** An HTTP function of the test template: echoes what it received, and drives the queue and table. */
public final class EchoHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final ObjectMapper JSON = JsonMappers.standard();
    private static final String WORK_QUEUE_URL = Env.required("WORK_QUEUE_URL");
    private static final String DEAD_LETTER_QUEUE_URL = Env.required("DEAD_LETTER_QUEUE_URL");

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return switch (event.getRouteKey()) {
            case "GET /v1/echo/{id}", "POST /v1/echo/{id}" -> echo(event, context);
            case "POST /v1/work" -> {
                String id = TestAws.SQS.sendMessage(m -> m.queueUrl(WORK_QUEUE_URL).messageBody(event.getBody())
                        .messageAttributes(Map.of("kind", MessageAttributeValue.builder().dataType("String")
                                .stringValue("test").build()))).messageId();
                yield json(202, Map.of("messageId", id));
            }
            case "GET /v1/work/{id}" -> {
                GetItemResponse item = TestAws.DYNAMO.getItem(g -> g.tableName(TestAws.TABLE).consistentRead(true)
                        .key(Map.of("pk", AttributeValue.fromS("work#" + event.getPathParameters().get("id")),
                                "sk", AttributeValue.fromS("done"))));
                yield item.hasItem()
                        ? json(200, Map.of("receiveCount", item.item().get("receiveCount").s(),
                                "kind", item.item().get("kind").s(), "eventSource", item.item().get("eventSource").s()))
                        : json(404, Map.of("message", "not processed yet"));
            }
            case "GET /v1/dead-letters" -> json(200, Map.of("count", TestAws.SQS.getQueueAttributes(a -> a
                    .queueUrl(DEAD_LETTER_QUEUE_URL).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)));
            case "GET /v1/ticks" -> {
                GetItemResponse item = TestAws.DYNAMO.getItem(g -> g.tableName(TestAws.TABLE).consistentRead(true)
                        .key(Map.of("pk", AttributeValue.fromS("tick"), "sk", AttributeValue.fromS("count"))));
                yield json(200, Map.of("count", item.hasItem() ? Integer.parseInt(item.item().get("n").n()) : 0,
                        "source", item.hasItem() ? item.item().get("source").s() : ""));
            }
            case "GET /v1/public/{proxy+}" -> json(200, Map.of("proxy", event.getPathParameters().get("proxy"),
                    "authorized", event.getRequestContext().getAuthorizer() != null));
            case "GET /v1/boom" -> throw new IllegalStateException("boom, as asked");
            default -> json(500, Map.of("message", "unexpected route " + event.getRouteKey()));
        };
    }

    private static APIGatewayV2HTTPResponse echo(APIGatewayV2HTTPEvent event, Context context) {
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("routeKey", event.getRouteKey());
        echo.put("rawPath", event.getRawPath());
        echo.put("rawQueryString", event.getRawQueryString());
        echo.put("pathParameters", event.getPathParameters());
        echo.put("queryStringParameters", event.getQueryStringParameters());
        echo.put("cookies", event.getCookies());
        echo.put("contentType", event.getHeaders().get("content-type"));
        echo.put("body", event.getBody());
        echo.put("isBase64Encoded", event.getIsBase64Encoded());
        echo.put("method", event.getRequestContext().getHttp().getMethod());
        echo.put("stage", event.getRequestContext().getStage());
        echo.put("claims", event.getRequestContext().getAuthorizer().getJwt().getClaims());
        echo.put("tableName", Env.required("TABLE_NAME"));
        echo.put("greeting", Env.required("GREETING"));
        echo.put("optionalSetting", Env.optional("OPTIONAL_SETTING").orElse(null));
        echo.put("functionName", context.getFunctionName());
        echo.put("remainingTimeMs", context.getRemainingTimeInMillis());
        APIGatewayV2HTTPResponse response = json(200, echo);
        response.getHeaders().put("x-echo", "yes");
        response.setMultiValueHeaders(Map.of("x-multi", List.of("1", "2")));
        response.setCookies(List.of("first=1; Path=/", "second=2"));
        return response;
    }

    private static APIGatewayV2HTTPResponse json(int status, Object body) {
        try {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("content-type", "application/json");
            return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers)
                    .withBody(JSON.writeValueAsString(body)).build();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
