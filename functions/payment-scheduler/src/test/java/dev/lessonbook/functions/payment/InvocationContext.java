package dev.lessonbook.functions.payment;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** The Lambda context of one scheduled invocation: what matters is the time it has left. */
record InvocationContext(int remainingTimeInMillis) implements Context {
    @Override public String getAwsRequestId() { return "c0ffee00-0000-4000-8000-000000000000"; }
    @Override public String getLogGroupName() { return "/aws/lambda/payment-scheduler"; }
    @Override public String getLogStreamName() { return "test"; }
    @Override public String getFunctionName() { return "payment-scheduler"; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:eu-central-1:123456789012:function:payment-scheduler"; }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return remainingTimeInMillis; }
    @Override public int getMemoryLimitInMB() { return 1024; }
    @Override public LambdaLogger getLogger() { return null; }
}
