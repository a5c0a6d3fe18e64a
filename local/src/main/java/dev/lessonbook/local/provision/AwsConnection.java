package dev.lessonbook.local.provision;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** The AWS endpoint the runtime provisions and polls: moto, or whatever AWS_ENDPOINT_URL names. */
public record AwsConnection(URI endpoint, String region, String accessKeyId, String secretAccessKey) {

    public DynamoDbClient dynamoDb() {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.of(region))
                .credentialsProvider(credentials()).httpClient(httpClient(Duration.ofSeconds(30))).build();
    }

    /** The read timeout leaves room for long polls ({@code WaitTimeSeconds} up to 20 s). */
    public SqsClient sqs() {
        return SqsClient.builder().endpointOverride(endpoint).region(Region.of(region))
                .credentialsProvider(credentials()).httpClient(httpClient(Duration.ofSeconds(30))).build();
    }

    public SsmClient ssm() {
        return SsmClient.builder().endpointOverride(endpoint).region(Region.of(region))
                .credentialsProvider(credentials()).httpClient(httpClient(Duration.ofSeconds(30))).build();
    }

    public SesV2Client sesV2() {
        return SesV2Client.builder().endpointOverride(endpoint).region(Region.of(region))
                .credentialsProvider(credentials()).httpClient(httpClient(Duration.ofSeconds(30))).build();
    }

    private StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
    }

    private static SdkHttpClient httpClient(Duration readTimeout) {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(readTimeout)
                .build();
    }
}
