package dev.lessonbook.aws;

import static dev.lessonbook.aws.Failures.busy;
import static dev.lessonbook.aws.Failures.seenBy;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** A call that gave up waiting is busy for the call's budget; the table's client is tested as built, in shared/dynamodb. */
class StallIsBusyTest {
    private static final Duration BUDGET = Duration.ofSeconds(5);
    private final StallIsBusy interceptor = new StallIsBusy("Queue", BUDGET);

    @Test
    void aCallOrAttemptTimeoutOrASocketThatStoppedAnsweringIsBusyForTheCallBudget() {
        for (Throwable stalled : List.of(
                ApiCallTimeoutException.create(5000),
                ApiCallAttemptTimeoutException.create(3000),
                SdkClientException.create("Unable to execute HTTP request", new SocketTimeoutException("Read timed out")))) {
            Throwable seen = seenBy(interceptor, stalled);

            assertThat(seen).as("%s", stalled).isInstanceOf(stalled.getClass());
            assertThat(busy(seen)).as("%s", stalled).hasValueSatisfying(busy -> {
                assertThat(busy.getMessage()).isEqualTo("Queue is busy");
                assertThat(busy.retryAfter()).isEqualTo(BUDGET);
            });
        }
    }

    @Test
    void otherClientFailuresAreLeftAsTheyAre() {
        SdkClientException refused = SdkClientException.create("Connection refused");

        assertThat(seenBy(interceptor, refused)).isSameAs(refused);
    }
}
