package dev.lessonbook.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The DynamoDB client and the single table every store shares; built once per container. */
public record Tables(DynamoDbClient client, String tableName) {

    public static Tables fromEnvironment() {
        DynamoDbClient client = AwsSettings.configure(DynamoDbClient.builder())
                .httpClient(AwsSettings.httpClient())
                .build();
        return new Tables(client, dev.lessonbook.config.Env.required("TABLE_NAME"));
    }
}
