"""localstripe bound to loopback, keeping its state in memory only, with gaps to Stripe closed.

The stock command listens on every interface and pickles its whole store to a fixed file in /tmp
after each request, which is slow and shared between concurrently running servers. And localstripe
differs from Stripe's documented test behaviour in ways our tests rely on:
- it ignores Idempotency-Key; Stripe replays the first response to a key (and refuses the key
  with other parameters, or with 409 while the first request is still in progress), which is what
  makes a retried call safe;
- Stripe's declining test cards (the generic decline 4000000000000002, insufficient funds
  4000000000009995, lost and stolen card, ...) are only declined when attached to a customer,
  while Stripe declines them on every charge or authorization too;
- its card errors are typed invalid_request_error and carry no decline_code, while Stripe answers
  a declined card with HTTP 402, type card_error, the error code and, for issuer declines, the
  decline_code of its testing table ("Declined payments"), the same fields in the PaymentIntent's
  last_payment_error and the SetupIntent's last_setup_error, and the intent itself in the error;
- of Stripe's test PaymentMethod ids it knows only pm_card_visa, pm_card_visa_chargeDeclined and
  pm_card_chargeCustomerFail; pm_card_visa_chargeDeclinedInsufficientFunds is added, and so are
  the 3-D Secure ids pm_card_authenticationRequired (4000002760003184, "always authenticate"),
  pm_card_authenticationRequiredOnSetup (4000002500003155, "authenticate unless set up") and
  pm_card_threeDSecure2Required (4000000000003220), which it already asks to authenticate;
- it asks a card to authenticate even off-session (off_session=true: a payment the customer is
  not present for), answering requires_action. Stripe cannot authenticate there: the confirmation
  fails with HTTP 402, a card_error with code and decline_code authentication_required, the
  PaymentIntent (in the error) left requires_payment_method with that error as its
  last_payment_error (naming the payment method), and payment_intent.payment_failed is sent —
  except for 4000002500003155 once it is saved to a Customer, which Stripe then lets through. To
  recover, the customer is brought back on session and the intent confirmed again with that
  payment method (POST /v1/payment_intents/{id}/confirm, payment_method=...), which localstripe
  refuses ("Not implemented"): added for an intent in requires_payment_method, it then asks for
  3-D Secure (requires_action) like any on-session confirmation;
- it refuses a PaymentIntent's setup_future_usage, which Stripe documents: once the intent is
  confirmed (authorized or paid) the payment method is attached to the intent's Customer, and the
  intent names the method as saved (a test id such as pm_card_visa becomes a method of its own);
  likewise a SetupIntent that succeeded attaches its method to its Customer, which localstripe
  skips;
- it lets a PaymentMethod that was used for a payment without being attached to a Customer be
  used again, or one attached to a Customer be used for another: Stripe refuses both (400);
- it records no payment_intent.amount_capturable_updated (an authorization held) nor
  payment_intent.canceled event, and lists events oldest first: Stripe records both, and lists
  newest first — which is how a test reads the order of authorizations and releases on
  Stripe's side;
- it completes a PaymentIntent's 3-D Secure with POST /v1/payment_intents/{id}/_authenticate
  (client_secret, success) but sends no event for it, while Stripe sends
  payment_intent.amount_capturable_updated (a manual-capture authorization made) or
  payment_intent.payment_failed (authentication failed): both are sent here; a SetupIntent's
  3-D Secure it cannot complete at all: POST /v1/setup_intents/{id}/_authenticate is added, the
  same shape, ending succeeded (setup_intent.succeeded) or requires_payment_method with
  last_setup_error (setup_intent.setup_failed);
- its PaymentIntent has no amount_capturable, which Stripe reports (the amount an authorization
  holds, the figure payment_intent.amount_capturable_updated is about): added; a PaymentIntent
  authorized after 3-D Secure saves its card to its Customer as one authorized at once does;
- its charges carry no payment_method_details, so no card.capture_before (Stripe: when an
  uncaptured authorization lapses; 7 days for an online payment, about 4 days 18 h for a
  merchant-initiated (off_session) Visa one), its intents no cancellation_reason, and it captures
  a cancelled intent, which Stripe refuses (400, payment_intent_unexpected_state).
Stripe's authorizations lapse with time; tests move a clock instead of waiting days, so two
controls outside Stripe's API (under /_config/, like localstripe's own) stand in for time passing:
POST /_config/lessonbook/payment_intents/{id}/capture_before (capture_before=<unix seconds>) moves
a held charge's deadline, and POST /_config/lessonbook/payment_intents/{id}/lapse does what Stripe
does at the deadline: the intent is canceled with cancellation_reason "automatic" and
payment_intent.canceled is sent. Likewise POST /_config/lessonbook/idempotency_keys/forget
(prefix=<key prefix>) does what Stripe does to idempotency keys after 24 h: those keys are
forgotten, so a request under one is processed afresh. And GET /_config/lessonbook/requests
(?key_prefix=<key prefix>) lists the API requests received (method, path, Idempotency-Key),
oldest first, so a test counts the requests a flow makes to Stripe (a rate-limited resource).
"""
import argparse
import logging
import signal
import sys

import hashlib
import json

from aiohttp import web
from localstripe import server
from localstripe.errors import UserError
from localstripe.resources import (Charge, Customer, Event, PaymentIntent, PaymentMethod, SetupIntent, store,
                                   try_convert_to_bool)
from localstripe.webhooks import schedule_webhook

# Stripe's documented lives of a card authorization ("Place a hold on a payment method").
ONLINE_AUTHORIZATION_SECONDS = 7 * 24 * 3600
MERCHANT_INITIATED_AUTHORIZATION_SECONDS = (4 * 24 + 18) * 3600

# Stripe's testing table "Declined payments": card number -> (error code, decline_code, message).
# Issuer declines carry a decline_code; expired card, incorrect CVC and processing error do not.
DECLINES = {
    "4000000000000002": ("card_declined", "generic_decline", "Your card was declined."),
    "4000000000009995": ("card_declined", "insufficient_funds", "Your card has insufficient funds."),
    "4000000000009987": ("card_declined", "lost_card", "Your card was declined."),
    "4000000000009979": ("card_declined", "stolen_card", "Your card was declined."),
    "4000000000000069": ("expired_card", None, "Your card has expired."),
    "4000000000000127": ("incorrect_cvc", None, "Your card's security code is incorrect."),
    "4000000000000119": ("processing_error", None,
                         "An error occurred while processing your card. Try again in a little bit."),
    # Attaches to a customer, then every charge fails.
    "4000000000000341": ("card_declined", "generic_decline", "Your card was declined."),
}
TEST_PAYMENT_METHODS = {
    "pm_card_visa_chargeDeclinedInsufficientFunds": "4000000000009995",
    # Stripe's "Authentication and 3D Secure" test ids: "always authenticate" (on every payment,
    # however the card was set up), "authenticate unless set up" and 3-D Secure 2 required.
    "pm_card_authenticationRequired": "4000002760003184",
    "pm_card_authenticationRequiredOnSetup": "4000002500003155",
    "pm_card_threeDSecure2Required": "4000000000003220",
}
# Cards that ask for authentication however they were set up; 4000002500003155 ("authenticate
# unless set up") is not among them: once saved to a Customer, off-session payments go through.
ALWAYS_AUTHENTICATE = {"4000002760003184", "4000000000003220"}
AUTHENTICATION_REQUIRED = {
    "type": "card_error",
    "code": "authentication_required",
    "decline_code": "authentication_required",
    "message": "Your card was declined. This transaction requires authentication.",
}
AUTHENTICATION_FAILURE = {
    "code": "setup_intent_authentication_failure",
    "message": "The latest attempt to set up the payment method has failed because authentication failed.",
}


class CardError(UserError):
    """A declined card as Stripe answers it: 402, type card_error, code, decline_code, message.

    `fields` is the error object alone, as Stripe also shows it in an intent's
    last_payment_error or last_setup_error; the answer may add the intent itself.
    """

    def __init__(self, card_number, extra=None):
        code, decline_code, message = DECLINES.get(card_number, ("card_declined", "generic_decline",
                                                                 "Your card was declined."))
        self.fields = {"type": "card_error", "code": code, "message": message}
        if decline_code:
            self.fields["decline_code"] = decline_code
        self.fields.update(extra or {})
        super().__init__(402, message, dict(self.fields))
        self.body["error"]["type"] = "card_error"


def card_number_of(payment_method_id):
    payment_method = PaymentMethod._api_retrieve(payment_method_id)
    return getattr(payment_method, "_card_number", None)


def decline_cards_as_stripe_documents():
    charging_is_declined = PaymentMethod._charging_is_declined

    def declined_on_charge(self):
        return charging_is_declined(self) or (self.type == "card" and self._card_number in DECLINES)

    PaymentMethod._charging_is_declined = declined_on_charge

    def set_auth_failure(self):
        self.status = "failed"
        self._card_error = CardError(card_number_of(self.payment_method), {"charge": self.id})
        self.failure_code = self._card_error.fields["code"]
        self.failure_message = self._card_error.fields["message"]

    def raise_failure(self):
        raise self._card_error

    Charge._set_auth_failure = set_auth_failure
    Charge._raise_failure = raise_failure

    stock_report_failure = PaymentIntent._report_failure

    def report_failure(self):
        # Stripe puts the declined intent and its payment method in the error.
        error = self.latest_charge._card_error
        error.body["error"]["payment_intent"] = self._export()
        error.body["error"]["payment_method"] = PaymentMethod._api_retrieve(self.payment_method)._export()
        stock_report_failure(self)

    PaymentIntent._report_failure = report_failure

    stock_last_payment_error = PaymentIntent.last_payment_error.fget

    def last_payment_error(self):
        charge = self.latest_charge
        if charge is not None and charge.status == "failed" and hasattr(charge, "_card_error"):
            return dict(charge._card_error.fields)
        return stock_last_payment_error(self)

    PaymentIntent.last_payment_error = property(last_payment_error)

    def attach_declined(payment_method):
        return CardError(payment_method._card_number) if payment_method._attaching_is_declined() else None

    stock_attach = PaymentMethod._api_attach.__func__

    def attach(cls, id, customer=None, **kwargs):
        if not kwargs and isinstance(id, str) and isinstance(customer, str):
            payment_method = cls._api_retrieve(id)
            Customer._api_retrieve(customer)
            error = attach_declined(payment_method)
            if error:
                raise error
        return stock_attach(cls, id, customer=customer, **kwargs)

    PaymentMethod._api_attach = classmethod(attach)

    stock_attach_pm = SetupIntent._attach_pm

    def attach_pm(self, payment_method):
        # A failed confirmation leaves the SetupIntent waiting for another payment method.
        self.last_setup_error = None
        error = attach_declined(payment_method)
        if error is None:
            return stock_attach_pm(self, payment_method)
        self.payment_method = payment_method.id
        self.status = "requires_payment_method"
        self.next_action = None
        self.last_setup_error = dict(error.fields)
        error.body["error"]["setup_intent"] = self._export()
        raise error

    SetupIntent._attach_pm = attach_pm

    stock_test_article = PaymentMethod._try_get_canonical_test_article.__func__

    def test_article(cls, id):
        if id in TEST_PAYMENT_METHODS:
            return PaymentMethod(type="card", card=dict(number=TEST_PAYMENT_METHODS[id], exp_month="12",
                                                        exp_year="2030", cvc="123"))
        return stock_test_article(cls, id)

    PaymentMethod._try_get_canonical_test_article = classmethod(test_article)


def save_payment_methods_as_stripe_documents():
    stock_create = PaymentIntent._api_create.__func__

    def refuse_reuse(payment_method_id, customer):
        if not isinstance(payment_method_id, str) or PaymentMethod._try_get_canonical_test_article(payment_method_id):
            return  # malformed ids are the stock code's to refuse; a test id is a new method each time
        payment_method = store.get("payment_method:" + payment_method_id)
        if payment_method is None:
            return
        if payment_method.customer is None and getattr(payment_method, "_used_without_customer", False):
            raise UserError(400, "This PaymentMethod was previously used without being attached to a Customer"
                                 " or was detached from a Customer, and may not be used again.")
        if payment_method.customer is not None and customer is not None and payment_method.customer != customer:
            raise UserError(400, "The provided PaymentMethod belongs to another Customer.")

    def create(cls, setup_future_usage=None, **data):
        if setup_future_usage not in (None, "on_session", "off_session"):
            raise UserError(400, "Bad request")
        refuse_reuse(data.get("payment_method"), data.get("customer"))
        intent = stock_create(cls, **data)
        intent.setup_future_usage = setup_future_usage
        if intent.status in ("requires_capture", "succeeded"):
            payment_method = PaymentMethod._api_retrieve(intent.payment_method)
            if setup_future_usage and intent.customer:
                payment_method.customer = intent.customer
            elif payment_method.customer is None:
                payment_method._used_without_customer = True
            intent.payment_method = payment_method.id
        if intent.status == "requires_capture":
            schedule_webhook(Event("payment_intent.amount_capturable_updated", intent))
        return intent

    PaymentIntent._api_create = classmethod(create)

    # The cancel route holds localstripe's own function, which marks the intent _canceled.
    def set_canceled(self, canceled):
        was_canceled = self.__dict__.get("_canceled_now", False)
        self.__dict__["_canceled_now"] = canceled
        if canceled and not was_canceled:
            schedule_webhook(Event("payment_intent.canceled", self))

    PaymentIntent._canceled = property(lambda self: self.__dict__.get("_canceled_now", False), set_canceled)

    stock_attach_pm = SetupIntent._attach_pm

    def attach_pm(self, payment_method):
        stock_attach_pm(self, payment_method)
        if self.status == "succeeded" and self.customer:
            payment_method.customer = self.customer

    SetupIntent._attach_pm = attach_pm

    stock_list_events = Event._api_list_all.__func__

    def list_events_newest_first(cls, url, **kwargs):
        events = stock_list_events(cls, url, **kwargs)
        events._list = list(reversed(events._list))
        return events

    Event._api_list_all = classmethod(list_events_newest_first)


def authentication_events():
    """Stripe's events after a customer's 3-D Secure, which localstripe does not send."""

    @web.middleware
    async def announce(request, handler):
        response = await handler(request)
        parts = request.path.strip("/").split("/")
        if (request.method == "POST" and response.status == 200 and len(parts) == 4
                and parts[0] == "v1" and parts[1] == "payment_intents" and parts[3] == "_authenticate"):
            intent = PaymentIntent._api_retrieve(parts[2])
            if intent.status == "requires_capture":
                if getattr(intent, "setup_future_usage", None) and intent.customer:
                    # Authenticated and authorized: the card is saved to the Customer, as on create.
                    payment_method = PaymentMethod._api_retrieve(intent.payment_method)
                    payment_method.customer = intent.customer
                    intent.payment_method = payment_method.id
                schedule_webhook(Event("payment_intent.amount_capturable_updated", intent))
            elif intent.status == "requires_payment_method":
                schedule_webhook(Event("payment_intent.payment_failed", intent))
        return response

    return announce


async def authenticate_setup_intent(request):
    """POST /v1/setup_intents/{id}/_authenticate: as localstripe's PaymentIntent one, for a SetupIntent."""
    data = await request.post()
    setup = SetupIntent._api_retrieve(request.match_info["id"])
    success = try_convert_to_bool(data.get("success", "false"))
    if data.get("client_secret") != setup.client_secret:
        raise UserError(401, "Unauthorized")
    if setup.status != "requires_action" or type(success) is not bool:
        raise UserError(400, "Bad request")
    setup.next_action = None
    if success:
        setup.status = "succeeded"
        setup.last_setup_error = None
        if setup.customer and setup.payment_method:
            # Set up: attached to its Customer, as a SetupIntent that succeeded at once is.
            PaymentMethod._api_retrieve(setup.payment_method).customer = setup.customer
        schedule_webhook(Event("setup_intent.succeeded", setup))
    else:
        setup.status = "requires_payment_method"
        setup.last_setup_error = dict(AUTHENTICATION_FAILURE)
        schedule_webhook(Event("setup_intent.setup_failed", setup))
    return web.json_response(setup._export())


def report_amount_capturable():
    PaymentIntent.amount_capturable = property(
        lambda self: self.amount if self.status == "requires_capture" else 0)


def authorizations_lapse_as_stripe_documents():
    creating_off_session = CREATING_OFF_SESSION
    stock_create = PaymentIntent._api_create.__func__

    def create(cls, confirm=None, off_session=None, **data):
        creating_off_session["now"] = str(off_session).lower() == "true"
        try:
            return stock_create(cls, confirm=confirm, off_session=off_session, **data)
        finally:
            creating_off_session["now"] = False

    PaymentIntent._api_create = classmethod(create)

    stock_create_charge = PaymentIntent._create_charge

    def create_charge(self, on_failure_now):
        stock_create_charge(self, on_failure_now)
        charge = self.latest_charge
        if charge is not None and not charge.captured and charge.status == "succeeded":
            life = (MERCHANT_INITIATED_AUTHORIZATION_SECONDS if creating_off_session["now"]
                    else ONLINE_AUTHORIZATION_SECONDS)
            charge._capture_before = charge.created + life

    PaymentIntent._create_charge = create_charge

    def payment_method_details(self):
        try:
            payment_method = PaymentMethod._api_retrieve(self.payment_method)
        except UserError:
            return None
        if getattr(payment_method, "type", None) != "card":
            return None
        card = {key: payment_method.card.get(key) for key in ("brand", "country", "exp_month", "exp_year",
                                                              "funding", "last4", "fingerprint")}
        card["capture_before"] = getattr(self, "_capture_before", None) if not self.captured else None
        return {"type": "card", "card": card}

    Charge.payment_method_details = property(payment_method_details)

    def cancellation_reason(self):
        return getattr(self, "_cancellation_reason", None) if self._canceled else None

    PaymentIntent.cancellation_reason = property(cancellation_reason)

    # The capture route is bound to localstripe's function at import, so the refusal goes into the
    # charge's capture, which that function calls.
    stock_charge_capture = Charge._capture

    def charge_capture(self, amount, on_success=None):
        intent = PaymentIntent._api_retrieve(self.payment_intent) if self.payment_intent else None
        if intent is not None and intent.status != "requires_capture":
            raise UserError(400, "This PaymentIntent could not be captured because it has a status of "
                            + intent.status + ". Only a PaymentIntent with one of the following statuses may be "
                            "captured: requires_capture.", {"code": "payment_intent_unexpected_state"})
        return stock_charge_capture(self, amount, on_success=on_success)

    Charge._capture = charge_capture


CREATING_OFF_SESSION = {"now": False}


def authentication_off_session_as_stripe_documents():
    stock_confirm = PaymentIntent._confirm

    def confirm(self, on_failure_now):
        number = card_number_of(self.payment_method)
        payment_method = PaymentMethod._api_retrieve(self.payment_method)
        always = number in ALWAYS_AUTHENTICATE
        unless_set_up = number == "4000002500003155" and payment_method.customer is None
        if CREATING_OFF_SESSION["now"] and (always or unless_set_up):
            self.next_action = None
            self.payment_method = None
            self._lessonbook_authentication_required = dict(AUTHENTICATION_REQUIRED,
                                                             payment_method=payment_method._export())
            schedule_webhook(Event("payment_intent.payment_failed", self))
            error = UserError(402, AUTHENTICATION_REQUIRED["message"], dict(AUTHENTICATION_REQUIRED))
            error.body["error"]["type"] = "card_error"
            error.body["error"]["payment_intent"] = self._export()
            error.body["error"]["payment_method"] = payment_method._export()
            raise error
        self._lessonbook_authentication_required = None
        if CREATING_OFF_SESSION["now"] and number == "4000002500003155":
            # Set up with its authentication: the issuer lets the merchant's payment through.
            self.next_action = None
            return self._create_charge(on_failure_now=on_failure_now)
        return stock_confirm(self, on_failure_now)

    PaymentIntent._confirm = confirm

    stock_last_payment_error = PaymentIntent.last_payment_error.fget

    def last_payment_error(self):
        required = getattr(self, "_lessonbook_authentication_required", None)
        return dict(required) if required else stock_last_payment_error(self)

    PaymentIntent.last_payment_error = property(last_payment_error)

    stock_api_confirm = PaymentIntent._api_confirm.__func__

    def api_confirm(cls, id, payment_method=None, **kwargs):
        if payment_method is None or kwargs or not isinstance(id, str):
            return stock_api_confirm(cls, id, payment_method=payment_method, **kwargs)
        intent = cls._api_retrieve(id)
        if intent.status != "requires_payment_method":
            raise UserError(400, "This PaymentIntent's payment_method could not be updated because it has a status"
                            " of " + intent.status + ".", {"code": "payment_intent_unexpected_state"})
        method = PaymentMethod._api_retrieve(payment_method)
        if method.customer is not None and intent.customer is not None and method.customer != intent.customer:
            raise UserError(400, "The provided PaymentMethod belongs to another Customer.")
        intent.payment_method = method.id
        intent._confirm(on_failure_now=intent._report_failure)
        return intent

    # The confirm route is bound to localstripe's function at import: a middleware takes the
    # confirmations that name a payment method, which that function refuses.
    @web.middleware
    async def confirm_with_payment_method(request, handler):
        parts = request.path.strip("/").split("/")
        if (request.method == "POST" and len(parts) == 4 and parts[0] == "v1" and parts[1] == "payment_intents"
                and parts[3] == "confirm"):
            data = await server.get_post_data(request) or {}
            if "payment_method" in data:
                data.pop("expand", None)
                return web.json_response(api_confirm(PaymentIntent, parts[2], **data)._export())
        return await handler(request)

    return confirm_with_payment_method


def held_intent(request):
    intent = PaymentIntent._api_retrieve(request.match_info["id"])
    if intent.status != "requires_capture":
        raise UserError(400, "The PaymentIntent holds no authorization (status " + intent.status + ")",
                        {"code": "payment_intent_unexpected_state"})
    return intent


async def set_capture_before(request):
    intent = held_intent(request)
    data = await server.get_post_data(request) or {}
    try:
        deadline = int(data.get("capture_before"))
    except (TypeError, ValueError):
        raise UserError(400, "capture_before must be a Unix time in seconds")
    intent.latest_charge._capture_before = deadline
    return web.json_response(intent._export(expand=["latest_charge"]))


async def lapse(request):
    intent = held_intent(request)
    intent._cancellation_reason = "automatic"
    intent.next_action = None
    # Marking it cancelled sends payment_intent.canceled (save_payment_methods_as_stripe_documents).
    intent._canceled = True
    return web.json_response(intent._export())


# Idempotency keys Stripe still remembers: key -> (fingerprint, status, body) of the first answer.
SEEN_KEYS = {}
# Every API request received, in order: (method, path, Idempotency-Key or None). Test-only reading.
REQUESTS = []


async def forget_idempotency_keys(request):
    """What 24 h do to Stripe's idempotency keys: the keys starting with `prefix` are pruned, so the
    next request under one of them is processed afresh (Stripe: "keys are eligible to be removed
    from the system automatically after they're at least 24 hours old")."""
    data = await server.get_post_data(request) or {}
    prefix = data.get("prefix")
    if not prefix:
        raise UserError(400, "prefix is required")
    forgotten = [key for key in SEEN_KEYS if key.startswith(prefix)]
    for key in forgotten:
        del SEEN_KEYS[key]
    return web.json_response({"forgotten": len(forgotten)})


async def requests_received(request):
    """The API requests received whose Idempotency-Key starts with `key_prefix` (or all), oldest first."""
    prefix = request.query.get("key_prefix")
    listed = [{"method": method, "path": path, "idempotency_key": key} for method, path, key in list(REQUESTS)
              if prefix is None or (key is not None and key.startswith(prefix))]
    return web.json_response({"data": listed})


def idempotency_replay():
    seen = SEEN_KEYS
    in_flight = set()

    @web.middleware
    async def replay(request, handler):
        key = request.headers.get("Idempotency-Key")
        if request.path.startswith("/v1/"):
            REQUESTS.append((request.method, request.path, key))
        if request.method != "POST" or not key:
            return await handler(request)
        body = await request.read()
        fingerprint = hashlib.sha256(request.path.encode() + b"\n" + body).hexdigest()
        if key in seen:
            first_fingerprint, status, text = seen[key]
            if first_fingerprint != fingerprint:
                error = {"error": {"type": "idempotency_error",
                                   "message": "Keys for idempotent requests can only be used with the same "
                                              "parameters they were first used with."}}
                return web.json_response(error, status=400)
            return web.Response(status=status, text=text, content_type="application/json",
                                headers={"Idempotent-Replayed": "true"})
        if key in in_flight:
            # Stripe answers a request whose key is still being processed with 409 (stripe-java retries it).
            error = {"error": {"type": "invalid_request_error", "code": "idempotency_key_in_use",
                               "message": "There is currently another in-progress request using this Idempotent Key."}}
            return web.json_response(error, status=409)
        in_flight.add(key)
        try:
            response = await handler(request)
        finally:
            in_flight.discard(key)
        if response.status < 500:
            seen[key] = (fingerprint, response.status, response.text)
        return response

    return replay


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    store.dump_to_disk = lambda: None
    decline_cards_as_stripe_documents()
    save_payment_methods_as_stripe_documents()
    report_amount_capturable()
    authorizations_lapse_as_stripe_documents()
    server.app.middlewares.append(authentication_off_session_as_stripe_documents())
    server.app.router.add_post("/_config/lessonbook/payment_intents/{id}/capture_before", set_capture_before)
    server.app.router.add_post("/_config/lessonbook/payment_intents/{id}/lapse", lapse)
    server.app.router.add_post("/_config/lessonbook/idempotency_keys/forget", forget_idempotency_keys)
    server.app.router.add_get("/_config/lessonbook/requests", requests_received)
    server.app.middlewares.insert(0, idempotency_replay())
    server.app.middlewares.append(authentication_events())
    server.app.router.add_post("/v1/setup_intents/{id}/_authenticate", authenticate_setup_intent)
    logging.basicConfig(level=logging.WARNING)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    web.run_app(server.app, host=args.host, port=args.port, print=None, access_log=None)


if __name__ == "__main__":
    main()
