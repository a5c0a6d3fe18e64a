package dev.lessonbook.payments.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.Customer;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.SetupIntent;
import com.stripe.model.StripeError;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentCaptureParams;
import com.stripe.param.PaymentIntentConfirmParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentRetrieveParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.SetupIntentCancelParams;
import com.stripe.param.SetupIntentConfirmParams;
import com.stripe.param.SetupIntentCreateParams;
import dev.lessonbook.aws.priming.Primer;
import dev.lessonbook.aws.priming.Priming;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.AuthorizationHold;
import dev.lessonbook.payment.PaymentGateway;
import dev.lessonbook.payment.PaymentOutcome.Authorized;
import dev.lessonbook.payment.PaymentOutcome.Captured;
import dev.lessonbook.payment.PaymentOutcome.CardSaved;
import dev.lessonbook.payment.PaymentOutcome.Declined;
import dev.lessonbook.payment.PaymentOutcome.Refunded;
import dev.lessonbook.payment.PaymentOutcome.Released;
import dev.lessonbook.payment.PaymentOutcome.RequiresAction;
import dev.lessonbook.payment.PaymentOutcome;
import dev.lessonbook.problem.DependencyBusyException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The payment gateway on Stripe through stripe-java: one {@link StripeClient} per function
 * instance, built at init, at the API version stripe-java pins.
 *
 * <p>Every request carries the idempotency key {@code lessonbook-<bookingId>-<operation>}, and its
 * parameters are derived from the booking alone. Stripe answers a repeated key with the first
 * result, so a retry — stripe-java's, ours, or a whole Lambda invocation's — never creates a second
 * intent, capture or refund for a booking. That is also what makes stripe-java's network retries
 * safe: two, after a connect failure, a read timeout, a 409 or a 5xx (pauses 0.5 s, then up to 1 s).
 * All the calls of one operation share a {@link TimeBudgetedHttpClient time budget}, 16.5 s by
 * default, so a hung Stripe gives up inside the Timeout of the function that waits for it.
 */
public final class StripePaymentGateway implements PaymentGateway {
    public static final URI DEFAULT_API_BASE = URI.create("https://api.stripe.com");
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);
    /**
     * What one operation may spend on Stripe: with the DynamoDB write (5 s) and the publishing (2 s)
     * after it, a 30 s function still answers before its Timeout, and the scheduler's safety margin
     * (35 s) holds two operations.
     */
    public static final Duration DEFAULT_OPERATION_BUDGET = Duration.ofMillis(16_500);
    static final int NETWORK_RETRIES = 2;
    /** Stripe's documented life of an online card authorization, when a charge gives no {@code capture_before}. */
    static final Duration ONLINE_AUTHORIZATION_WINDOW = Duration.ofDays(7);

    /**
     * The key a gateway holds between a SnapStart init and the restore that reads the real one
     * (docs/decisions.md, "SnapStart priming"): no request carries it — priming answers from
     * canned documents, and Lambda runs {@code afterRestore} before any invocation — and Stripe
     * would refuse it (401, provider unavailable) if one did.
     */
    static final String NOT_READ_BEFORE_SNAPSHOT = "sk_not_read_before_snapshot";

    private final TimeBudgetedHttpClient http;
    private final String apiBase;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    /** Reads the secret key again after a SnapStart restore (Parameter Store). */
    private final Supplier<String> secretKeySource;
    private volatile String secretKey;
    private volatile StripeClient stripe;

    public StripePaymentGateway(String secretKey, URI apiBase, Duration connectTimeout, Duration readTimeout) {
        this(secretKey, apiBase, connectTimeout, readTimeout, DEFAULT_OPERATION_BUDGET);
    }

    public StripePaymentGateway(String secretKey, URI apiBase, Duration connectTimeout, Duration readTimeout,
            Duration operationBudget) {
        this(secretKey, () -> secretKey, apiBase, connectTimeout, readTimeout, operationBudget);
    }

    /**
     * @param secretKey the key requests carry from now on
     * @param secretKeySource reads the key again after a SnapStart restore
     */
    StripePaymentGateway(String secretKey, Supplier<String> secretKeySource, URI apiBase, Duration connectTimeout,
            Duration readTimeout, Duration operationBudget) {
        if (operationBudget.compareTo(connectTimeout.plus(readTimeout).plus(TimeBudgetedHttpClient.LONGEST_PAUSE)) < 0) {
            throw new IllegalArgumentException("An operation's budget must hold at least one whole try and a pause");
        }
        this.http = new TimeBudgetedHttpClient(operationBudget);
        this.apiBase = withoutTrailingSlash(Objects.requireNonNull(apiBase, "apiBase"));
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.secretKeySource = secretKeySource;
        use(secretKey);
    }

    /** One StripeClient per key: a restore that reads the key builds a new one. */
    private void use(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("A Stripe secret key is required");
        }
        this.stripe = StripeClient.builder()
                .setApiKey(key)
                .setApiBase(apiBase)
                .setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()))
                .setReadTimeout(Math.toIntExact(readTimeout.toMillis()))
                .setMaxNetworkRetries(NETWORK_RETRIES)
                .setHttpClient(http)
                .build();
        this.secretKey = key;
    }

    /** The key requests carry now. */
    String secretKeyInUse() {
        return secretKey;
    }

    /**
     * The gateway's SnapStart hooks (docs/decisions.md, "SnapStart priming"). Before the
     * snapshot: every operation of this adapter runs once — stripe-java's parameter building,
     * form encoding and request pipeline, the JSON parsing of its answer into typed objects, our
     * outcome mapping, a card decline's exception included — answered by canned documents in this
     * process ({@link CannedStripe}): no request reaches Stripe. After each restore: the secret key
     * is read again from Parameter Store, so a rotated key takes effect at the next cold start and
     * a key is never restored from a snapshot.
     */
    public Primer primer() {
        return new Primer() {
            @Override
            public void prime() {
                primeOperations();
            }

            @Override
            public void afterRestore() {
                use(secretKeySource.get());
            }

            @Override
            public String name() {
                return "Stripe payment gateway";
            }
        };
    }

    /** Every operation once, answered by {@link CannedStripe}: what priming runs, and what each answered. */
    List<PaymentOutcome> primeOperations() {
        Money lesson = Money.of(6000, "usd");
        return http.answeringFrom(CannedStripe::answer, () -> List.of(
                authorize(CannedStripe.BOOKING, lesson, "pm_card_visa", "priming"),
                authorize(CannedStripe.BOOKING, lesson, CannedStripe.DECLINED_CARD, "priming"),
                saveCard(CannedStripe.BOOKING, "pm_card_visa", "priming"),
                authorizeSaved(CannedStripe.BOOKING, lesson, "cus_priming", "pm_priming"),
                authorizeSavedForMove(CannedStripe.BOOKING, 1, lesson, "cus_priming", "pm_priming"),
                chargeSaved(CannedStripe.BOOKING, lesson, "cus_priming", "pm_priming"),
                capture(CannedStripe.BOOKING, "pi_priming", lesson),
                release(CannedStripe.BOOKING, "pi_priming"),
                releaseReplaced(CannedStripe.BOOKING, "pi_priming"),
                refund(CannedStripe.BOOKING, "pi_priming", lesson),
                afterAuthentication(CannedStripe.BOOKING, "pi_priming", lesson),
                afterAuthentication(CannedStripe.BOOKING, "seti_priming", lesson),
                release(CannedStripe.BOOKING, "seti_priming")));
    }

    /**
     * The composition root's way in: the secret key from SSM Parameter Store
     * ({@code STRIPE_SECRET_PARAMETER}, read at init — or, in the init Lambda snapshots for SnapStart,
     * after each restore: {@link #primer}), the API base from {@code STRIPE_API_BASE}
     * (default {@code https://api.stripe.com}; the local Stripe server in tests and ./run-local), the
     * default connect timeout and the read timeout {@code STRIPE_READ_TIMEOUT_MS} (default 5 s; not
     * set in template.yaml — a test suite that makes Stripe hang sets it shorter). {@code setting}
     * looks up a configuration value by name, e.g. {@code Env::optional}.
     */
    public static StripePaymentGateway fromConfiguration(Function<String, Optional<String>> setting) {
        Supplier<String> secretKey = () -> StripeSecret.fromParameterStore(setting);
        URI apiBase = setting.apply("STRIPE_API_BASE").map(URI::create).orElse(DEFAULT_API_BASE);
        Duration readTimeout = setting.apply("STRIPE_READ_TIMEOUT_MS").map(ms -> Duration.ofMillis(Long.parseLong(ms)))
                .orElse(DEFAULT_READ_TIMEOUT);
        // The init Lambda snapshots reads no key: it would live in the snapshot (docs/decisions.md).
        return new StripePaymentGateway(
                Priming.initialisingForSnapshot(setting) ? NOT_READ_BEFORE_SNAPSHOT : secretKey.get(), secretKey,
                apiBase, DEFAULT_CONNECT_TIMEOUT, readTimeout, DEFAULT_OPERATION_BUDGET);
    }

    /**
     * The card is saved with the authorization ({@code setup_future_usage=off_session} on the
     * student's Customer): a PaymentMethod used once without a Customer cannot be used again, and
     * a move that changes the lesson's price authorizes the new amount off-session on it.
     */
    @Override
    public PaymentOutcome authorize(String bookingId, Money amount, String paymentMethodId, String studentId,
            String customerId) {
        // The scheduler repeats this call, same key and parameters, to find the intent of a booking
        // whose answer was lost (ReleasingAuthorizations): the parameters must stay exactly these,
        // so it passes the customer the booking kept (docs/decisions.md, "The student's Customer").
        return attempt(() -> {
            PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
                    .setAmount(amount.amount())
                    .setCurrency(currencyOf(amount))
                    .setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.MANUAL)
                    // Cards only: confirming server-side without a return_url is valid only when no
                    // payment method type could redirect the customer.
                    .addPaymentMethodType("card")
                    .setCustomer(customerId != null ? customerId : studentsCustomer(studentId))
                    .setPaymentMethod(paymentMethodId)
                    .setSetupFutureUsage(PaymentIntentCreateParams.SetupFutureUsage.OFF_SESSION)
                    .setConfirm(true)
                    .putMetadata("bookingId", bookingId)
                    .putMetadata("studentId", studentId)
                    .build();
            PaymentIntent intent = stripe.v1().paymentIntents().create(params, key(bookingId, "authorize"));
            // On session: the student's browser completes 3-D Secure with the client secret.
            return "requires_action".equals(intent.getStatus())
                    ? new RequiresAction(intent.getId(), intent.getClientSecret(), intent.getCustomer())
                    : authorization(intent, amount.currency());
        });
    }

    /**
     * The student's Customer, which holds the cards saved at booking, when no booking stored it yet
     * with the student: made under a key of the student's ({@code lessonbook-student-<studentId>-customer}),
     * so concurrent first bookings of the student find the same one. Once a booking stored it, the
     * domain passes it in and this call is not made (docs/decisions.md "The student's Customer").
     */
    private String studentsCustomer(String studentId) throws StripeException {
        Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder()
                .putMetadata("studentId", studentId)
                .build(), RequestOptions.builder().setIdempotencyKey("lessonbook-student-" + studentId + "-customer").build());
        return customer.getId();
    }

    /**
     * A Customer holding the card for off-session use later, attached by a SetupIntent (which
     * also records the customer's consent to off-session charges, as SCA requires).
     */
    @Override
    public PaymentOutcome saveCard(String bookingId, String paymentMethodId, String studentId, String customerId) {
        return attempt(() -> {
            String customer = customerId != null ? customerId : studentsCustomer(studentId);
            SetupIntent setup = stripe.v1().setupIntents().create(SetupIntentCreateParams.builder()
                    .setCustomer(customer)
                    .setUsage(SetupIntentCreateParams.Usage.OFF_SESSION)
                    .addPaymentMethodType("card")
                    .putMetadata("bookingId", bookingId)
                    .build(), key(bookingId, "setup"));
            SetupIntent confirmed = stripe.v1().setupIntents().confirm(setup.getId(), SetupIntentConfirmParams.builder()
                    .setPaymentMethod(paymentMethodId)
                    .build(), key(bookingId, "setup-confirm"));
            return switch (String.valueOf(confirmed.getStatus())) {
                // The saved method's own id: a test token such as pm_card_visa becomes a new one.
                case "succeeded" -> new CardSaved(customer, confirmed.getPaymentMethod());
                // 3-D Secure asked of the customer, on session: answered with the SetupIntent's client secret.
                case "requires_action" -> new RequiresAction(confirmed.getId(), confirmed.getClientSecret(), customer);
                default -> new Declined("The card could not be saved (status " + confirmed.getStatus() + ").",
                        declineCodeOf(confirmed.getLastSetupError()));
            };
        });
    }

    @Override
    public PaymentOutcome authorizeSaved(String bookingId, Money amount, String customerId, String paymentMethodId) {
        PaymentIntentCreateParams params = offSession(bookingId, amount, customerId, paymentMethodId)
                .setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.MANUAL)
                .build();
        return attempt(() -> {
            try {
                return authorization(stripe.v1().paymentIntents().create(params, key(bookingId, "authorize-saved")),
                        amount.currency());
            } catch (CardException declined) {
                return authenticationAsked(declined, customerId).orElseThrow(() -> declined);
            }
        });
    }

    /**
     * An off-session confirmation the card's issuer wants authenticated (Stripe: HTTP 402, code
     * {@code authentication_required}, the intent left {@code requires_payment_method}): the
     * customer can still authenticate it on session ({@link #afterAuthentication}), so it is the
     * intent waiting for them, not a decline. Its client secret is not kept (docs/decisions.md).
     */
    private static Optional<PaymentOutcome> authenticationAsked(CardException declined, String customerId) {
        PaymentIntent left = declined.getStripeError() != null ? declined.getStripeError().getPaymentIntent() : null;
        boolean asked = AUTHENTICATION_REQUIRED.equals(declined.getCode())
                || AUTHENTICATION_REQUIRED.equals(declined.getDeclineCode());
        return asked && left != null && left.getId() != null
                ? Optional.of(new RequiresAction(left.getId(), left.getClientSecret(), customerId))
                : Optional.empty();
    }

    private static final String AUTHENTICATION_REQUIRED = "authentication_required";

    @Override
    public PaymentOutcome authorizeSavedForMove(String bookingId, int move, Money amount, String customerId,
            String paymentMethodId) {
        PaymentIntentCreateParams params = offSession(bookingId, amount, customerId, paymentMethodId)
                .setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.MANUAL)
                .putMetadata("move", Integer.toString(move))
                .build();
        // The amount is in the key: two concurrent moves to other lengths each get their own
        // authorization, and the same key never meets other parameters.
        String operation = "authorize-move-" + move + "-" + amount.amount() + currencyOf(amount);
        return attempt(() -> {
            for (int spent = 0; ; spent++) {
                PaymentIntent intent = stripe.v1().paymentIntents().create(params,
                        key(bookingId, spent == 0 ? operation : operation + "-" + spent));
                if (spent == MOST_SPENT_KEYS || !isSpent(intent)) {
                    return authorization(intent, amount.currency());
                }
            }
        });
    }

    /** How many of a move's keys may meet an authorization released since (then: the next key). */
    private static final int MOST_SPENT_KEYS = 3;

    /**
     * A move's authorization replayed from its key after the move released it (it did not
     * commit, and the same move is asked again): Stripe answers with the intent as first made,
     * though it is cancelled now. Such a key is spent, and the move authorizes under the next.
     */
    private boolean isSpent(PaymentIntent made) throws StripeException {
        boolean replayed = made.getLastResponse() != null
                && made.getLastResponse().headers().firstValue("Idempotent-Replayed").map("true"::equals).orElse(false);
        return replayed && "requires_capture".equals(made.getStatus())
                && "canceled".equals(stripe.v1().paymentIntents().retrieve(made.getId()).getStatus());
    }

    @Override
    public PaymentOutcome chargeSaved(String bookingId, Money amount, String customerId, String paymentMethodId) {
        PaymentIntentCreateParams params = offSession(bookingId, amount, customerId, paymentMethodId)
                .setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.AUTOMATIC)
                .build();
        return attempt(() -> {
            PaymentIntent intent = stripe.v1().paymentIntents().create(params, key(bookingId, "charge-saved"));
            return "succeeded".equals(intent.getStatus())
                    ? new Captured(intent.getId(), Money.of(intent.getAmount(), amount.currency()))
                    : notCompleted(intent);
        });
    }

    @Override
    public PaymentOutcome capture(String bookingId, String paymentIntentId, Money amount) {
        PaymentIntentCaptureParams params = PaymentIntentCaptureParams.builder().setAmountToCapture(amount.amount()).build();
        return attempt(() -> {
            PaymentIntent intent = stripe.v1().paymentIntents().capture(paymentIntentId, params, key(bookingId, "capture"));
            // Stripe captures exactly amount_to_capture or fails; the rest of the hold is released.
            return "succeeded".equals(intent.getStatus()) ? new Captured(intent.getId(), amount) : notCompleted(intent);
        });
    }

    @Override
    public PaymentOutcome release(String bookingId, String paymentIntentId) {
        return isSetupIntent(paymentIntentId)
                ? cancelSetup(bookingId, paymentIntentId, "release-setup")
                : cancel(bookingId, paymentIntentId, "release");
    }

    /** A SetupIntent still awaiting its customer's authentication: cancelled, it saves nothing. */
    private PaymentOutcome cancelSetup(String bookingId, String setupIntentId, String operation) {
        return attempt(() -> {
            try {
                SetupIntent setup = stripe.v1().setupIntents().cancel(setupIntentId,
                        SetupIntentCancelParams.builder().build(), key(bookingId, operation));
                return new Released(setup.getId());
            } catch (InvalidRequestException notCancellable) {
                SetupIntent setup = stripe.v1().setupIntents().retrieve(setupIntentId);
                if ("canceled".equals(setup.getStatus())) {
                    return new Released(setup.getId());
                }
                throw notCancellable;
            }
        });
    }

    private PaymentOutcome cancel(String bookingId, String paymentIntentId, String operation) {
        return attempt(() -> {
            try {
                PaymentIntent intent = stripe.v1().paymentIntents()
                        .cancel(paymentIntentId, PaymentIntentCancelParams.builder().build(), key(bookingId, operation));
                return new Released(intent.getId());
            } catch (InvalidRequestException notCancellable) {
                // Already cancelled — by an earlier release whose key Stripe no longer keeps, or by
                // Stripe when the authorization lapsed: the goal, nothing charged, holds.
                PaymentIntent intent = stripe.v1().paymentIntents().retrieve(paymentIntentId);
                if ("canceled".equals(intent.getStatus())) {
                    return new Released(intent.getId());
                }
                throw notCancellable;
            }
        });
    }

    /**
     * Reads back an intent that asked its customer to authenticate: a SetupIntent ({@code seti_})
     * saving the card, or a manual-capture PaymentIntent. A read (GET), so it carries no
     * idempotency key and moves nothing.
     */
    @Override
    public PaymentOutcome afterAuthentication(String bookingId, String intentId, Money amount) {
        if (isSetupIntent(intentId)) {
            return attempt(() -> {
                SetupIntent setup = stripe.v1().setupIntents().retrieve(intentId);
                return switch (String.valueOf(setup.getStatus())) {
                    case "succeeded" -> new CardSaved(setup.getCustomer(), setup.getPaymentMethod());
                    case "requires_action" -> new RequiresAction(setup.getId(), setup.getClientSecret(), setup.getCustomer());
                    case "canceled" -> new Released(setup.getId());
                    default -> setup.getLastSetupError() != null && setup.getLastSetupError().getMessage() != null
                            ? new Declined(setup.getLastSetupError().getMessage(), declineCodeOf(setup.getLastSetupError()))
                            : new Declined("The card was not saved (status " + setup.getStatus() + ").");
                };
            });
        }
        return attempt(() -> {
            PaymentIntent intent = stripe.v1().paymentIntents().retrieve(intentId);
            return switch (String.valueOf(intent.getStatus())) {
                case "requires_capture" -> new Authorized(intent.getId(), Money.of(intent.getAmount(), amount.currency()),
                        intent.getCustomer(), intent.getPaymentMethod());
                case "requires_action" -> new RequiresAction(intent.getId(), intent.getClientSecret(), null);
                case "canceled" -> new Released(intent.getId());
                case "requires_payment_method" -> offSessionAuthenticationRequired(intent)
                        ? confirmOnSession(bookingId, intent, amount)
                        : notCompleted(intent);
                default -> notCompleted(intent);
            };
        });
    }

    /** An off-session authorization that failed because the issuer asked for the customer's authentication. */
    private static boolean offSessionAuthenticationRequired(PaymentIntent intent) {
        StripeError error = intent.getLastPaymentError();
        return error != null && (AUTHENTICATION_REQUIRED.equals(error.getCode())
                || AUTHENTICATION_REQUIRED.equals(error.getDeclineCode()))
                && error.getPaymentMethod() != null && error.getPaymentMethod().getId() != null;
    }

    /**
     * The customer is back on session (they asked to confirm the payment): the intent is confirmed
     * again with the card that was refused off-session, as Stripe documents for recovering an
     * {@code authentication_required} decline; the card then asks for 3-D Secure, completed in
     * the customer's browser with the client secret. One key per intent, so a repeated call
     * replays the confirmation.
     */
    private PaymentOutcome confirmOnSession(String bookingId, PaymentIntent intent, Money amount) throws StripeException {
        PaymentIntent confirmed = stripe.v1().paymentIntents().confirm(intent.getId(), PaymentIntentConfirmParams.builder()
                .setPaymentMethod(intent.getLastPaymentError().getPaymentMethod().getId())
                .build(), key(bookingId, "confirm-on-session-" + intent.getId()));
        return switch (String.valueOf(confirmed.getStatus())) {
            case "requires_action" -> new RequiresAction(confirmed.getId(), confirmed.getClientSecret(), null);
            default -> authorization(confirmed, amount.currency());
        };
    }

    private static boolean isSetupIntent(String intentId) {
        return intentId.startsWith("seti_");
    }

    /**
     * Key {@code lessonbook-<bookingId>-release-<intentId>}. Also cancels a SetupIntent (a
     * cancelled booking whose card awaited authentication when it was saved).
     */
    @Override
    public PaymentOutcome releaseReplaced(String bookingId, String paymentIntentId) {
        return isSetupIntent(paymentIntentId)
                ? cancelSetup(bookingId, paymentIntentId, "release-" + paymentIntentId)
                : cancel(bookingId, paymentIntentId, "release-" + paymentIntentId);
    }

    @Override
    public PaymentOutcome refund(String bookingId, String paymentIntentId, Money amount) {
        RefundCreateParams params = RefundCreateParams.builder()
                .setPaymentIntent(paymentIntentId)
                .setAmount(amount.amount())
                .putMetadata("bookingId", bookingId)
                .build();
        return attempt(() -> {
            Refund refund = stripe.v1().refunds().create(params, key(bookingId, "refund"));
            return switch (String.valueOf(refund.getStatus())) {
                case "failed", "canceled" -> new Declined("The refund failed (status " + refund.getStatus() + ").");
                default -> new Refunded(paymentIntentId, Money.of(refund.getAmount(), amount.currency()));
            };
        });
    }

    /**
     * Reads the hold: the intent with its latest charge expanded ({@code expand[]=latest_charge} on
     * a retrieve — no parameter is added to the authorizing call, whose key the scheduler replays
     * to find a lost authorization). A held intent ({@code requires_capture}) answers the charge's
     * {@code payment_method_details.card.capture_before}; when Stripe gives none, 7 days after the
     * charge was created, Stripe's documented window for an online card authorization. A cancelled
     * intent answers its {@code cancellation_reason} ({@code automatic} when Stripe let it lapse).
     */
    @Override
    public AuthorizationHold hold(String bookingId, String paymentIntentId) {
        PaymentIntentRetrieveParams params = PaymentIntentRetrieveParams.builder().addExpand("latest_charge").build();
        return http.within(() -> {
            try {
                PaymentIntent intent = stripe.v1().paymentIntents().retrieve(paymentIntentId, params);
                return switch (String.valueOf(intent.getStatus())) {
                    case "requires_capture" -> new AuthorizationHold.Held(captureBeforeOf(intent));
                    case "canceled" -> new AuthorizationHold.Lapsed(intent.getCancellationReason());
                    default -> new AuthorizationHold.NotHeld(intent.getStatus());
                };
            } catch (InvalidRequestException unknown) {
                return new AuthorizationHold.NotHeld("unknown to Stripe");
            } catch (StripeException unanswered) {
                return new AuthorizationHold.Unknown("Stripe could not be asked (" + unanswered.getClass().getSimpleName() + ")");
            }
        });
    }

    private static Instant captureBeforeOf(PaymentIntent intent) {
        Charge charge = intent.getLatestChargeObject();
        if (charge != null && charge.getPaymentMethodDetails() != null && charge.getPaymentMethodDetails().getCard() != null
                && charge.getPaymentMethodDetails().getCard().getCaptureBefore() != null) {
            return Instant.ofEpochSecond(charge.getPaymentMethodDetails().getCard().getCaptureBefore());
        }
        long created = charge != null && charge.getCreated() != null ? charge.getCreated() : intent.getCreated();
        return Instant.ofEpochSecond(created).plus(ONLINE_AUTHORIZATION_WINDOW);
    }

    /**
     * As {@link #authorizeSaved}, with the key {@code lessonbook-<bookingId>-reauthorize-<lapsedIntentId>}
     * and the lapsed intent in the metadata ({@code renews}).
     */
    @Override
    public PaymentOutcome authorizeSavedAgain(String bookingId, Money amount, String customerId, String paymentMethodId,
            String lapsedIntentId) {
        PaymentIntentCreateParams params = offSession(bookingId, amount, customerId, paymentMethodId)
                .setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.MANUAL)
                .putMetadata("renews", lapsedIntentId)
                .build();
        return attempt(() -> authorization(stripe.v1().paymentIntents().create(params,
                key(bookingId, "reauthorize-" + lapsedIntentId)), amount.currency()));
    }

    /** As {@link #capture}, with the key {@code lessonbook-<bookingId>-capture-<paymentIntentId>}. */
    @Override
    public PaymentOutcome captureRenewed(String bookingId, String paymentIntentId, Money amount) {
        PaymentIntentCaptureParams params = PaymentIntentCaptureParams.builder().setAmountToCapture(amount.amount()).build();
        return attempt(() -> {
            PaymentIntent intent = stripe.v1().paymentIntents().capture(paymentIntentId, params,
                    key(bookingId, "capture-" + paymentIntentId));
            return "succeeded".equals(intent.getStatus()) ? new Captured(intent.getId(), amount) : notCompleted(intent);
        });
    }

    /**
     * The booking a PaymentIntent was made for, from the {@code bookingId} metadata every intent of
     * ours carries: for a provider event that names only the intent (a charge's refund, a
     * dispute). Empty for an intent Lessonbook did not make, or one Stripe does not know.
     *
     * @throws DependencyBusyException when Stripe could not answer: the event is answered 503, and
     *     Stripe delivers it again
     */
    public Optional<String> bookingOfIntent(String paymentIntentId) {
        return http.within(() -> {
            try {
                PaymentIntent intent = stripe.v1().paymentIntents().retrieve(paymentIntentId);
                return Optional.ofNullable(intent.getMetadata()).map(metadata -> metadata.get("bookingId"));
            } catch (InvalidRequestException unknown) {
                return Optional.<String>empty();
            } catch (StripeException unanswered) {
                throw new DependencyBusyException("Stripe", unanswered);
            }
        });
    }

    private static PaymentIntentCreateParams.Builder offSession(
            String bookingId, Money amount, String customerId, String paymentMethodId) {
        return PaymentIntentCreateParams.builder()
                .setAmount(amount.amount())
                .setCurrency(currencyOf(amount))
                .addPaymentMethodType("card")
                .setCustomer(customerId)
                .setPaymentMethod(paymentMethodId)
                .setOffSession(true)
                .setConfirm(true)
                .putMetadata("bookingId", bookingId);
    }

    /** A confirmed manual-capture intent: held (with the customer and saved method it names), or not. */
    private static PaymentOutcome authorization(PaymentIntent intent, String currency) {
        return "requires_capture".equals(intent.getStatus())
                ? new Authorized(intent.getId(), Money.of(intent.getAmount(), currency), intent.getCustomer(),
                        intent.getPaymentMethod())
                : notCompleted(intent);
    }

    /**
     * An intent Stripe accepted but could not complete: declined, or waiting for the customer
     * ({@code requires_action}: 3-D Secure, which issue 14 answers with the intent's client_secret).
     */
    private static PaymentOutcome notCompleted(PaymentIntent intent) {
        StripeError error = intent.getLastPaymentError();
        if (error != null && error.getMessage() != null) {
            return new Declined(error.getMessage(), error.getDeclineCode());
        }
        if ("requires_action".equals(intent.getStatus())) {
            return new Declined("The card requires authentication by the customer.");
        }
        return new Declined("The payment was not completed (status " + intent.getStatus() + ").");
    }

    private static String declineCodeOf(StripeError error) {
        return error != null ? error.getDeclineCode() : null;
    }

    private static RequestOptions key(String bookingId, String operation) {
        return RequestOptions.builder().setIdempotencyKey("lessonbook-" + bookingId + "-" + operation).build();
    }

    private static String currencyOf(Money amount) {
        return amount.currency().toLowerCase(Locale.ROOT);
    }

    private static String withoutTrailingSlash(URI apiBase) {
        String base = apiBase.toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @FunctionalInterface
    private interface StripeCall {
        PaymentOutcome run() throws StripeException;
    }

    /**
     * Runs one operation on Stripe within its time budget; its failures become outcomes, so no
     * Stripe exception leaves the adapter.
     */
    private PaymentOutcome attempt(StripeCall call) {
        return http.within(() -> {
            try {
                return call.run();
            } catch (StripeException failure) {
                return StripeFailures.outcomeOf(failure);
            }
        });
    }
}
