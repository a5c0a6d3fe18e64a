package dev.lessonbook.aws;

import static dev.lessonbook.aws.Failures.busy;
import static dev.lessonbook.aws.Failures.seenBy;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Throttling of any AWS service is busy weather; the table's client is tested as built, in shared/dynamodb. */
class ThrottlingIsBusyTest {
    private final ThrottlingIsBusy interceptor = new ThrottlingIsBusy("Queue",
            failure -> "SlowDownPlease".equals(failure.awsErrorDetails().errorCode()));

    private static AwsServiceException error(String code, int status) {
        return AwsServiceException.builder().statusCode(status).message("test")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ThrottlingException", "ProvisionedThroughputExceededException", "RequestLimitExceeded",
            "Throttling", "TooManyRequestsException"})
    void aThrottlingErrorKeepsItsClassAndIsBusyForASecond(String code) {
        AwsServiceException throttled = error(code, 400);

        Throwable seen = seenBy(interceptor, throttled);

        assertThat(seen).isInstanceOf(AwsServiceException.class);
        assertThat(((AwsServiceException) seen).awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(busy(seen)).hasValueSatisfying(busy -> {
            assertThat(busy.getMessage()).isEqualTo("Queue is busy");
            assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        });
    }

    @Test
    void tooManyRequestsByStatusIsBusy() {
        assertThat(busy(seenBy(interceptor, error("Whatever", 429)))).isPresent();
    }

    @Test
    void theServicesOwnWordsForThrottlingAreBusyToo() {
        assertThat(busy(seenBy(interceptor, error("SlowDownPlease", 400)))).isPresent();
    }

    @Test
    void otherErrorsAreLeftAsTheyAre() {
        AwsServiceException notFound = error("ResourceNotFoundException", 400);
        IllegalStateException bug = new IllegalStateException("bug");

        assertThat(seenBy(interceptor, notFound)).isSameAs(notFound);
        assertThat(seenBy(interceptor, bug)).isSameAs(bug);
    }
}
