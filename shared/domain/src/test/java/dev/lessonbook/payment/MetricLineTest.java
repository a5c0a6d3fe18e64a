package dev.lessonbook.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metric lines that alarms watch: CloudWatch's Embedded Metric Format, one count each. */
class MetricLineTest {
    private final List<String> lines = new ArrayList<>();

    @Test
    void aDisputeIsCountedUnderTheStripeProviderWithItsBookingDisputeAndStage() {
        DisputeAlerts.loggedAndCounted(lines::add).dispute("bk_1", "dp_1", "opened");

        assertThat(lines).singleElement().asString()
                .matches("\\{\"_aws\":\\{\"Timestamp\":\\d+,.*")
                .contains("\"CloudWatchMetrics\":[{\"Namespace\":\"Lessonbook\",\"Dimensions\":[[\"Provider\"]],"
                        + "\"Metrics\":[{\"Name\":\"PaymentDisputes\",\"Unit\":\"Count\"}]}]}")
                .endsWith(",\"level\":\"WARN\",\"message\":\"payment dispute\",\"Provider\":\"stripe\","
                        + "\"PaymentDisputes\":1,\"stage\":\"opened\",\"bookingId\":\"bk_1\",\"disputeId\":\"dp_1\"}");
    }

    @Test
    void aManualReviewIsCountedByOperationWithItsReasonEscaped() {
        PaymentIncidents.loggedAndCounted(lines::add).manualReview("bk_1", "provider-event", "said \"no\"\n");

        assertThat(lines).singleElement().asString()
                .contains("\"Dimensions\":[[\"Operation\"]],\"Metrics\":[{\"Name\":\"PaymentManualReviews\"")
                .endsWith("\"Operation\":\"provider-event\",\"PaymentManualReviews\":1,\"bookingId\":\"bk_1\","
                        + "\"reason\":\"said \\\"no\\\"\\u000a\"}");
    }
}
