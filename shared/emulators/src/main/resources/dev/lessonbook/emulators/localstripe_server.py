"""localstripe bound to loopback, keeping its state in memory only, with two gaps to Stripe closed.

The stock command listens on every interface and pickles its whole store to a fixed file in /tmp
after each request, which is slow and shared between concurrently running servers. And localstripe
differs from Stripe's documented test behaviour in two ways our tests rely on:
- it ignores Idempotency-Key; Stripe replays the first response to a key (and refuses the key
  with other parameters), which is what makes a retried call safe;
- the generic-decline test card (pm_card_visa_chargeDeclined, 4000000000000002) is only declined
  when attached to a customer, while Stripe declines it on every charge or authorization.
"""
import argparse
import logging
import signal
import sys

import hashlib
import json

from aiohttp import web
from localstripe import server
from localstripe.resources import PaymentMethod, store

GENERIC_DECLINE = "4000000000000002"


def decline_generic_decline_card_on_charge():
    charging_is_declined = PaymentMethod._charging_is_declined

    def declined(self):
        return charging_is_declined(self) or (self.type == "card" and self._card_number == GENERIC_DECLINE)

    PaymentMethod._charging_is_declined = declined


def idempotency_replay():
    seen = {}

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
        response = await handler(request)
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
    decline_generic_decline_card_on_charge()
    server.app.middlewares.insert(0, idempotency_replay())
    logging.basicConfig(level=logging.WARNING)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    web.run_app(server.app, host=args.host, port=args.port, print=None, access_log=None)


if __name__ == "__main__":
    main()
