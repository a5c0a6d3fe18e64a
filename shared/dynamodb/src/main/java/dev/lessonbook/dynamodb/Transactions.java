package dev.lessonbook.dynamodb;

import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Runs a TransactWriteItems, retrying with jitter only when DynamoDB cancelled it for a
 * TransactionConflict (another transaction touched the same items at that moment). A failed
 * condition is an answer, not a fault, and is never retried: it surfaces to the caller.
 */
public final class Transactions {
    private static final int MAX_ATTEMPTS = 4;
    private static final long BASE_BACKOFF_MILLIS = 20;
    /**
     * The pauses differ between containers restored from one SnapStart snapshot: SecureRandom
     * (NativePRNG) mixes fresh bytes of /dev/urandom into every draw, where ThreadLocalRandom's
     * seed would be the snapshot's, the same in every copy, so their retries would collide again.
     */
    private static final SecureRandom JITTER = new SecureRandom();

    private Transactions() {}

    public static void write(DynamoDbClient client, java.util.function.Consumer<TransactWriteItemsRequest.Builder> request) {
        write(client, TransactWriteItemsRequest.builder().applyMutation(request).build());
    }

    public static void write(DynamoDbClient client, TransactWriteItemsRequest request) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.transactWriteItems(request);
                return;
            } catch (TransactionCanceledException cancelled) {
                if (!isConflictOnly(cancelled) || attempt == MAX_ATTEMPTS) {
                    throw cancelled;
                }
                backOff(attempt);
            }
        }
    }

    /** The reason codes, in the order of the request's items ("None" for items that were fine). */
    public static List<String> reasonCodes(TransactionCanceledException cancelled) {
        return cancelled.hasCancellationReasons()
                ? cancelled.cancellationReasons().stream().map(CancellationReason::code).toList()
                : List.of();
    }

    /**
     * DynamoDB's own way of saying "throttled": a transaction cancelled for throttling, with no
     * failed condition among its reasons. Never read as a conflict, since stores act only on
     * {@code ConditionalCheckFailed} reasons and rethrow anything else unchanged.
     */
    static boolean isThrottlingOnly(AwsServiceException failure) {
        if (!(failure instanceof TransactionCanceledException cancelled)) {
            return false;
        }
        List<String> codes = reasonCodes(cancelled);
        return codes.contains("ThrottlingError") && !codes.contains("ConditionalCheckFailed");
    }

    private static boolean isConflictOnly(TransactionCanceledException cancelled) {
        List<String> codes = reasonCodes(cancelled);
        return codes.contains("TransactionConflict") && !codes.contains("ConditionalCheckFailed");
    }

    private static void backOff(int attempt) {
        long ceiling = BASE_BACKOFF_MILLIS << attempt;
        try {
            TimeUnit.MILLISECONDS.sleep(JITTER.nextLong(ceiling / 2, ceiling));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying a transaction", e);
        }
    }
}
