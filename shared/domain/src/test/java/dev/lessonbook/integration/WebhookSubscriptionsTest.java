package dev.lessonbook.integration;

import static dev.lessonbook.fixtures.Results.rejectionOf;
import static dev.lessonbook.fixtures.Results.valueOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Permissions;
import dev.lessonbook.access.Permissions.Administrator;
import dev.lessonbook.access.Role;
import dev.lessonbook.fixtures.InMemoryWebhookSubscriptions;
import dev.lessonbook.fixtures.MovableClock;
import dev.lessonbook.integration.SubscribingAWebhook.Subscribe;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 18: subscribing, reading, rotating and deleting webhook subscriptions. */
class WebhookSubscriptionsTest {
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final Administrator ADMIN = valueOf(Permissions.toManageWebhooks(new Caller("root", Role.ADMIN)));

    private final MovableClock clock = new MovableClock(NOW);
    private final InMemoryWebhookSubscriptions store = new InMemoryWebhookSubscriptions();
    private final ReceiverUrls onlyExampleCom = url -> url.startsWith("https://hooks.example.com/")
            ? Optional.empty() : Optional.of("The URL's host resolves to an address that is not public (10.0.0.1).");
    private final SubscribingAWebhook subscribing = new SubscribingAWebhook(store, onlyExampleCom, clock);
    private final RotatingAWebhookSecret rotating = new RotatingAWebhookSecret(store, clock);

    private WebhookSubscription subscribe(List<String> events) {
        return valueOf(subscribing.subscribe(new Subscribe(ADMIN, "https://hooks.example.com/in", events, "CRM")));
    }

    @Test
    void aNewSubscriptionIsActiveWithAFreshSecretAndIsStored() {
        WebhookSubscription made = subscribe(List.of("BookingConfirmed"));

        assertThat(made.id()).matches("wh_[0-9a-f]{24}");
        assertThat(made.secret()).matches("whsec_[0-9a-f]{64}");
        assertThat(made.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(made.createdAt()).isEqualTo(NOW);
        assertThat(store.find(made.id())).contains(made);
        assertThat(subscribe(List.of("*")).secret()).isNotEqualTo(made.secret());
    }

    @Test
    void everyEventTypeOfTheSystemCanBeSubscribedTo() {
        assertThat(EventTypes.all()).contains("AvailabilityWeekSaved", "BookingConfirmed", "BookingCancelled",
                "BookingCompleted", "BookingPaymentFailed").isSorted();
        assertThat(subscribe(EventTypes.all()).events()).isEqualTo(EventTypes.all());
    }

    @Test
    void unknownOrRepeatedTypesAndARefusedUrlAreFieldErrorsAndStoreNothing() {
        Rejection refused = rejectionOf(subscribing.subscribe(new Subscribe(ADMIN, "https://10.0.0.1/in",
                List.of("BookingConfirmed", "BookingExploded", "BookingConfirmed"), null)));

        assertThat(refused.code()).isEqualTo(ProblemCode.VALIDATION_FAILED);
        assertThat(refused.extra(Rejection.FieldErrors.class).orElseThrow().errors())
                .extracting(Rejection.FieldError::field).containsExactly("url", "events[1]", "events[2]");
        assertThat(refused.extra(Rejection.FieldErrors.class).orElseThrow().errors().get(1).message())
                .contains("BookingPaymentFailed");
        assertThat(rejectionOf(subscribing.subscribe(new Subscribe(ADMIN, "https://hooks.example.com/in", List.of(), null)))
                .detail()).contains("events");
        assertThat(store.all()).isEmpty();
    }

    @Test
    void aSubscriptionWantsItsTypesOrEverythingForTheStar() {
        assertThat(subscribe(List.of("BookingCancelled")).wants("BookingCancelled")).isTrue();
        assertThat(subscribe(List.of("BookingCancelled")).wants("BookingConfirmed")).isFalse();
        assertThat(subscribe(List.of("*")).wants("BookingRescheduled")).as("types added later too").isTrue();
    }

    @Test
    void aRotatedSecretSignsNextToTheNewOneForADayThenNoMore() {
        WebhookSubscription made = subscribe(List.of("*"));
        clock.advance(Duration.ofMinutes(5));

        WebhookSubscription rotated = valueOf(rotating.rotate(ADMIN, made.id()));

        assertThat(rotated.secret()).isNotEqualTo(made.secret()).matches("whsec_[0-9a-f]{64}");
        assertThat(rotated.secretsSigningAt(clock.instant())).containsExactly(rotated.secret(), made.secret());
        assertThat(rotated.previousSecretSignsUntil(clock.instant())).contains(NOW.plusSeconds(300).plus(Duration.ofHours(24)));
        assertThat(store.find(made.id())).contains(rotated);
        clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertThat(rotated.secretsSigningAt(clock.instant())).hasSize(2);
        clock.advance(Duration.ofSeconds(1));
        assertThat(rotated.secretsSigningAt(clock.instant())).containsExactly(rotated.secret());
        assertThat(rotated.previousSecretSignsUntil(clock.instant())).isEmpty();
    }

    @Test
    void rotatingTwiceKeepsOnlyTheLastTwoSecrets() {
        WebhookSubscription made = subscribe(List.of("*"));
        WebhookSubscription first = valueOf(rotating.rotate(ADMIN, made.id()));
        WebhookSubscription second = valueOf(rotating.rotate(ADMIN, made.id()));

        assertThat(second.secretsSigningAt(clock.instant())).containsExactly(second.secret(), first.secret());
    }

    @Test
    void rotatingOrDeletingAMissingSubscriptionIsNotFound() {
        assertThat(rejectionOf(rotating.rotate(ADMIN, "wh_missing")).code()).isEqualTo(ProblemCode.NOT_FOUND);
        assertThat(rejectionOf(new Unsubscribing(store).unsubscribe(ADMIN, "wh_missing")).detail())
                .isEqualTo("Webhook subscription not found");
        assertThat(rejectionOf(new ReadingWebhookSubscriptions(store).one(ADMIN, "wh_missing")).code())
                .isEqualTo(ProblemCode.NOT_FOUND);
    }

    @Test
    void aDeletedSubscriptionIsGone() {
        WebhookSubscription made = subscribe(List.of("*"));

        assertThat(valueOf(new Unsubscribing(store).unsubscribe(ADMIN, made.id()))).isEqualTo(made.id());
        assertThat(valueOf(new ReadingWebhookSubscriptions(store).list(ADMIN))).isEmpty();
    }
}
