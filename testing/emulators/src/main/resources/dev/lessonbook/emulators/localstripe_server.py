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
  pm_card_chargeCustomerFail; pm_card_visa_chargeDeclinedInsufficientFunds is added;
- its charges carry no payment_method_details, so no card.capture_before (Stripe: when an
  uncaptured authorization lapses; 7 days for an online payment, about 4 days 18 h for a
  merchant-initiated (off_session) Visa one), its intents no cancellation_reason, and it captures
  a cancelled intent, which Stripe refuses (400, payment_intent_unexpected_state).
Stripe's authorizations lapse with time; tests move a clock instead of waiting days, so two
controls outside Stripe's API (under /_config/, like localstripe's own) stand in for time passing:
POST /_config/lessonbook/payment_intents/{id}/capture_before (capture_before=<unix seconds>) moves
a held charge's deadline, and POST /_config/lessonbook/payment_intents/{id}/lapse does what Stripe
does at the deadline: the intent is canceled with cancellation_reason "automatic" and
payment_intent.canceled is sent.
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
from localstripe.resources import Charge, Customer, Event, PaymentIntent, PaymentMethod, SetupIntent, store
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


def authorizations_lapse_as_stripe_documents():
    creating_off_session = {"now": False}
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
    intent._canceled = True
    intent._cancellation_reason = "automatic"
    intent.next_action = None
    schedule_webhook(Event("payment_intent.canceled", intent))
    return web.json_response(intent._export())


def idempotency_replay():
    seen = {}
    in_flight = set()

    @web.middleware
    async def replay(request, handler):
        key = request.headers.get("Idempotency-Key")
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
    authorizations_lapse_as_stripe_documents()
    server.app.router.add_post("/_config/lessonbook/payment_intents/{id}/capture_before", set_capture_before)
    server.app.router.add_post("/_config/lessonbook/payment_intents/{id}/lapse", lapse)
    server.app.middlewares.insert(0, idempotency_replay())
    logging.basicConfig(level=logging.WARNING)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    web.run_app(server.app, host=args.host, port=args.port, print=None, access_log=None)


if __name__ == "__main__":
    main()
