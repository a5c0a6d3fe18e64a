"""localstripe bound to loopback, keeping its state in memory only.

The stock command listens on every interface and pickles its whole store to a fixed file in /tmp
after each request, which is slow and shared between concurrently running servers.
"""
import argparse
import logging
import signal
import sys

from aiohttp import web
from localstripe import server
from localstripe.resources import store


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    store.dump_to_disk = lambda: None
    logging.basicConfig(level=logging.WARNING)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    web.run_app(server.app, host=args.host, port=args.port, print=None, access_log=None)


if __name__ == "__main__":
    main()
