package dev.lessonbook.local.template;

/**
 * How local resources are named: like a CloudFormation stack called {@code stackName}, whose
 * resources without an explicit name are called {@code <stack>-<LogicalId>} (CloudFormation adds
 * a random suffix; locally the names stay stable across restarts).
 */
public record LocalNames(String stackName, String accountId, String region) {
    public static final String DEFAULT_STACK = "lessonbook-local";
    /** moto's default account: the ARNs it returns use it. */
    public static final String DEFAULT_ACCOUNT = "123456789012";

    public String physicalName(String logicalId) {
        return stackName + "-" + logicalId;
    }

    public String functionArn(String functionName) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + functionName;
    }

    public String tableArn(String tableName) {
        return "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + tableName;
    }

    public java.util.Map<String, String> pseudoParameters() {
        return java.util.Map.of(
                "AWS::Region", region,
                "AWS::AccountId", accountId,
                "AWS::StackName", stackName,
                "AWS::StackId", "arn:aws:cloudformation:" + region + ":" + accountId + ":stack/" + stackName + "/local",
                "AWS::Partition", "aws",
                "AWS::URLSuffix", "amazonaws.com");
    }
}
