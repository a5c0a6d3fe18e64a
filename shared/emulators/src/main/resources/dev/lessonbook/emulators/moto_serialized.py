"""moto's server with DynamoDB requests made atomic.

moto's stock server handles requests on threads, and its DynamoDB operations are not isolated
from each other: a transaction that fails restores a copy of the whole table, undoing writes that
ran concurrently. DynamoDB itself applies every request atomically, so this wrapper holds one lock
around each request whose X-Amz-Target names DynamoDB. Everything else (SQS long polls of up to
20 s, SES, SSM) stays concurrent.
"""
import argparse
import signal
import sys
import threading

from werkzeug.serving import run_simple
from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)


class SerializedDynamoDb:
    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        if not environ.get("HTTP_X_AMZ_TARGET", "").startswith("DynamoDB_"):
            return self.app(environ, start_response)
        with self.lock:
            # Drain the response inside the lock so the whole operation is one critical section.
            return [b"".join(self.app(environ, start_response))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    app = SerializedDynamoDb(DomainDispatcherApplication(create_backend_app))
    run_simple(args.host, args.port, app, threaded=True, request_handler=MotoRequestHandler)


if __name__ == "__main__":
    main()
