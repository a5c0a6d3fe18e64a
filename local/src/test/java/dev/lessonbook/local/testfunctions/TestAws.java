package dev.lessonbook.local.testfunctions;

import dev.lessonbook.config.Env;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Clients built the way the real functions build theirs: from configuration read through Env,
 * which the local runtime provides as system properties before it loads any handler.
 */
final class TestAws {
    static final DynamoDbClient DYNAMO = DynamoDbClient.builder()
            .endpointOverride(URI.create(Env.required("AWS_ENDPOINT_URL")))
            .region(Region.of(Env.required("AWS_REGION")))
            .credentialsProvider(credentials())
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    static final SqsClient SQS = SqsClient.builder()
            .endpointOverride(URI.create(Env.required("AWS_ENDPOINT_URL")))
            .region(Region.of(Env.required("AWS_REGION")))
            .credentialsProvider(credentials())
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    static final String TABLE = Env.required("TABLE_NAME");

    private TestAws() {}

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                Env.required("AWS_ACCESS_KEY_ID"), Env.required("AWS_SECRET_ACCESS_KEY")));
    }
}
