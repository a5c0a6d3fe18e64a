"""moto's server with DynamoDB requests made atomic.

moto's stock server handles requests on threads, and its DynamoDB operations are not isolated
from each other: a transaction that fails restores a copy of the whole table, undoing writes that
ran concurrently. DynamoDB itself applies every request atomically, so this wrapper holds one lock
around each request whose X-Amz-Target names DynamoDB. Everything else (SQS long polls of up to
20 s, SES, SSM) stays concurrent.

moto also makes a failed TransactWriteItems undoable by deep-copying every table the transaction
names, once per item, before it starts: a transaction costs time in proportion to the table size
times its item count. Under the lock above the only writer is the transaction itself, so an undo
log of just the items it touches is enough; `UndoLogTransactions` swaps the table copies for one.

And moto's SendMessage reads the queue's attributes to learn one flag (content-based
deduplication), which counts every waiting message twice: a send costs time in proportion to the
queue's length (measured: 7.5 ms into an empty queue, 72 ms with 2,000-4,000 waiting).
`CheapSendAttributes` gives SendMessage just that flag.

And moto's ReceiveMessage checks each message it hands out against the queue's retention period by
asking for the queue's attributes — three times per message, each time counting every waiting,
in-flight and delayed message of the queue: a receive of 10 costs 30 walks of the whole queue
(measured on the benchmark's synthetic day: 61 % of moto's time went there, and since a slower
receive lets the queue grow, it fed itself). `CheapRetentionCheck` reads the one attribute it
needs, the queue's `MessageRetentionPeriod`, and applies moto's own rule unchanged.

And moto ignores TransactWriteItems' ClientRequestToken, which DynamoDB documents as making the call
idempotent: the AWS SDK puts a token in every TransactWriteItems and keeps it across its own
retries, so on DynamoDB a retry of a transaction that committed (its answer lost to a timeout)
succeeds without writing again, where moto runs it again and fails its conditions.
`IdempotentTransactions` closes that gap as DynamoDB documents it: a token whose transaction
succeeded answers success again for 10 minutes after it completed, without writing; the same
token with other parameters is refused (IdempotentParameterMismatchException); the same token
while its first request is still running is refused (TransactionInProgressException); a failed
transaction records nothing, so its retry runs.

And moto answers every Query by walking, and sorting, every item of the table — a global index's
as much as the table's own — where DynamoDB reads the one partition the key condition names: a
query's cost grows with the whole table, which made the benchmark's synthetic day (10,000
bookings, hundreds of thousands of items) and a relay reading 17 shards cost minutes.
`PartitionQueries` hands moto's query only the items of that partition: the table's own from its
partition dict, a global index's from a map of index key value to item keys, kept up to date on
every write (puts, updates, the undo log's restores) and checked against the item at query time,
so an entry gone stale (deleted item, changed key) is dropped, never returned. moto's own
filtering, sorting, paging and projection then run unchanged on those items.

And moto 5 writes every response through a serializer that walks the service's botocore model
and, for each member of each structure in the answer, asks six alias rules which keys may hold
the member's value (its name, its model name, its shape's name, prefixes stripped, snake_case)
before reading it. A DynamoDB item is a map of AttributeValue structures of ten members each, so
an answer of a few items asks those rules thousands of times (measured on the benchmark's
synthetic day: 19 % of moto's time in the rules, 35 % in picking values). The rules' answer
depends only on the member's shape, its parent structure, its name and the value's type (unless
the value names aliases of its own in a `Meta` class), so `RememberedMemberKeys` keeps the list of
keys per (shape, parent, name, value type) and tries them in the same order, without building
the rules' context again; values with a `Meta`, pickers with other rules or with response
transformers go through moto's own picker. And moto lists the handler's methods with
`inspect.getmembers` on every request to find the action's: `RememberedActions` lists each
handler class once (classes do not change while the server runs).
"""
import argparse
import copy
import hashlib
import io
import json
import signal
import sys
import threading
import time
import types

from werkzeug.serving import run_simple
from moto.core.utils import unix_time
from moto.dynamodb import models as dynamodb_models
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.models.table import Table
from moto.sqs import models as sqs_models
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


class IdempotentTransactions:
    """TransactWriteItems with a ClientRequestToken, as DynamoDB treats it (see the module's doc)."""

    TARGET = "DynamoDB_20120810.TransactWriteItems"
    WINDOW_SECONDS = 600

    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()
        self.completed = {}  # token -> (parameters' fingerprint, when it completed)
        self.running = set()

    def __call__(self, environ, start_response):
        if environ.get("HTTP_X_AMZ_TARGET", "") != self.TARGET:
            return self.app(environ, start_response)
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(body)
        try:
            request = json.loads(body or b"{}")
        except ValueError:
            return self.app(environ, start_response)
        token = request.pop("ClientRequestToken", None) if isinstance(request, dict) else None
        if not token:
            return self.app(environ, start_response)
        fingerprint = hashlib.sha256(json.dumps(request, sort_keys=True).encode()).hexdigest()
        with self.lock:
            now = time.monotonic()
            self.completed = {t: seen for t, seen in self.completed.items() if now - seen[1] < self.WINDOW_SECONDS}
            if token in self.running:
                return self._error(start_response, "TransactionInProgressException",
                                   "The transaction with the given request token is already in progress.")
            if token in self.completed:
                if self.completed[token][0] != fingerprint:
                    return self._error(start_response, "IdempotentParameterMismatchException",
                                       "Request parameters do not match the original request with this token.")
                start_response("200 OK", [("Content-Type", "application/x-amz-json-1.0")])
                return [b"{}"]
            self.running.add(token)
        answered = {}

        def recording(status, headers, exc_info=None):
            answered["status"] = status
            return start_response(status, headers, exc_info)

        try:
            response = [b"".join(self.app(environ, recording))]
            if answered.get("status", "").startswith("200"):
                with self.lock:
                    self.completed[token] = (fingerprint, time.monotonic())
            return response
        finally:
            with self.lock:
                self.running.discard(token)

    @staticmethod
    def _error(start_response, name, message):
        start_response("400 Bad Request", [("Content-Type", "application/x-amz-json-1.0")])
        return [json.dumps({"__type": "com.amazonaws.dynamodb.v20120810#" + name, "message": message}).encode()]


class UndoLogTransactions:
    """Rolls a failed transaction back from copies of the items it named, not of whole tables."""

    @classmethod
    def install(cls):
        backend = dynamodb_models.DynamoDBBackend
        original = backend.transact_write_items

        def shallow_tables(value, memo=None):
            return value if isinstance(value, Table) else copy.deepcopy(value, memo)

        # moto's own rollback then reinstates the same (already changed) table objects; ours
        # below puts the touched items back.
        dynamodb_models.copy = types.SimpleNamespace(deepcopy=shallow_tables)

        def transact_write_items(self, transact_items):
            before = cls._touched_items(self, transact_items)
            try:
                original(self, transact_items)
            except Exception:
                for table, hash_value, range_value, item in reversed(before):
                    cls._restore(table, hash_value, range_value, item)
                raise

        backend.transact_write_items = transact_write_items

    @staticmethod
    def _touched_items(backend, transact_items):
        touched = []
        for entry in transact_items:
            if not isinstance(entry, dict) or len(entry) != 1:
                continue
            op_type, op = next(iter(entry.items()))
            table = backend.tables.get(op.get("TableName")) if isinstance(op, dict) else None
            if table is None:
                continue
            attrs = op.get("Item") if op_type == "Put" else op.get("Key")
            if not isinstance(attrs, dict) or table.hash_key_attr not in attrs:
                continue
            if table.range_key_attr is not None and table.range_key_attr not in attrs:
                continue
            try:
                hash_value = DynamoType(attrs[table.hash_key_attr])
                range_value = (DynamoType(attrs[table.range_key_attr])
                               if table.range_key_attr is not None else None)
                current = table.get_item(hash_value, range_value)
            except Exception:
                continue  # moto rejects this key itself, before writing anything
            touched.append((table, hash_value, range_value, copy.deepcopy(current)))
        return touched

    @staticmethod
    def _restore(table, hash_value, range_value, item):
        if range_value is None:
            if item is None:
                table.items.pop(hash_value, None)
            else:
                table.items[hash_value] = item
        elif item is None:
            table.items[hash_value].pop(range_value, None)
        else:
            table.items[hash_value][range_value] = item
        PartitionQueries.index(table, item)


class PartitionQueries:
    """A Query reads the items of its partition only (see the module's doc)."""

    ENTRIES = "_lessonbook_index_entries"

    @classmethod
    def install(cls):
        original_query = Table.query
        original_put = Table.put_item

        def put_item(self, *args, **kwargs):
            item = original_put(self, *args, **kwargs)
            cls.index(self, item)
            return item

        Table.put_item = put_item

        backend = dynamodb_models.DynamoDBBackend
        original_update = backend.update_item

        def update_item(self, table_name, *args, **kwargs):
            item = original_update(self, table_name, *args, **kwargs)
            cls.index(self.get_table(table_name), item)
            return item

        backend.update_item = update_item

        def query(self, *args, **kwargs):
            # moto's backend passes the index name as the 8th positional argument.
            index_name = args[7] if len(args) > 7 else kwargs.get("index_name")
            hash_key = args[0] if args else kwargs.get("hash_key")
            candidates = cls._candidates(self, hash_key, index_name, kwargs.get("hash_key_conditions"))
            if candidates is None:
                return original_query(self, *args, **kwargs)
            # Requests are serialized (SerializedDynamoDb), so shadowing the method is safe.
            self.all_items = lambda: candidates
            try:
                return original_query(self, *args, **kwargs)
            finally:
                del self.all_items

        Table.query = query

    @classmethod
    def index(cls, table, item):
        if item is None:
            return
        entries = table.__dict__.setdefault(cls.ENTRIES, {})
        for attr in cls._hash_attrs(table):
            value = item.attrs.get(attr)
            if value is not None:
                entries.setdefault((attr, value), {})[(item.hash_key, item.range_key)] = None

    @staticmethod
    def _hash_attrs(table):
        attrs = []
        for index in table.global_indexes or []:
            hashes = [k["AttributeName"] for k in index.schema if k["KeyType"] == "HASH"]
            if len(hashes) == 1:
                attrs.append(hashes[0])
        return attrs

    @staticmethod
    def _lookup(table, hash_key, range_key):
        partition = table.items.get(hash_key)
        if partition is None or not table.range_key_attr:
            return partition
        return partition.get(range_key)

    @classmethod
    def _candidates(cls, table, hash_key, index_name, conditions):
        """The items the query may return, or None to let moto walk the table itself."""
        if not index_name:
            if hash_key is None:
                return None
            partition = table.items.get(hash_key)
            if partition is None:
                return []
            return list(partition.values()) if table.range_key_attr else [partition]
        index = next((i for i in table.global_indexes or [] if i.name == index_name), None)
        if index is None or not conditions or len(conditions) != 1:
            return None
        hashes = [k["AttributeName"] for k in index.schema if k["KeyType"] == "HASH"]
        attr, value = conditions[0]
        if hashes != [attr]:
            return None
        keys = table.__dict__.setdefault(cls.ENTRIES, {}).get((attr, value))
        if not keys:
            return []
        found = []
        for key in list(keys):
            item = cls._lookup(table, *key)
            current = item.attrs.get(attr) if item is not None else None
            if current is None or not current == value:
                del keys[key]
            else:
                found.append(item)
        return found


class CheapSendAttributes:
    """While SendMessage runs on a thread, its queue's attributes are only the FIFO flags it reads."""

    sending = threading.local()

    @classmethod
    def install(cls):
        queue = sqs_models.Queue
        full_attributes = queue.attributes.fget

        def attributes(self):
            if not getattr(cls.sending, "active", False):
                return full_attributes(self)
            if not self.fifo_queue:
                return {}
            flag = getattr(self, "content_based_deduplication", "false")
            return {"ContentBasedDeduplication": str(flag).lower()}

        queue.attributes = property(attributes)
        backend = sqs_models.SQSBackend
        send = backend.send_message

        def send_message(self, *args, **kwargs):
            cls.sending.active = True
            try:
                return send(self, *args, **kwargs)
            finally:
                cls.sending.active = False

        backend.send_message = send_message


class CheapRetentionCheck:
    """ReceiveMessage's retention check reads the queue's retention period alone (see the module's doc)."""

    @classmethod
    def install(cls):
        backend = sqs_models.SQSBackend

        def is_message_valid_based_on_retention_period(self, queue_name, message):
            # moto's rule: a message is kept until sent time + MessageRetentionPeriod (seconds).
            retention_period = self.get_queue(queue_name).message_retention_period
            return retention_period + message.sent_timestamp / 1000 > unix_time()

        backend.is_message_valid_based_on_retention_period = is_message_valid_based_on_retention_period


class RememberedMemberKeys:
    """The serializer's keys for a member, found once per shape, parent, name and value type (see the module's doc)."""

    @classmethod
    def install(cls):
        from moto.core import serialize
        from moto.core.utils import MISSING, get_value as value_of

        serializer = serialize.ResponseSerializer
        original = serializer.get_value
        pickers = (serialize.AttributePicker, serialize.XFormedAttributePicker)
        rules = tuple(serialize.DEFAULT_ALIAS_PROVIDERS)
        known = {}  # (picker type, value type, id(shape), id(parent), name) -> (shape, parent, keys)

        def get_value(self, value, key, shape):
            picker = self._value_picker
            if (type(picker) not in pickers or picker.response_transformers
                    or tuple(picker.alias_providers) != rules or hasattr(value, "Meta")):
                return original(self, value, key, shape)
            parent = getattr(shape, "parent", None)
            memo = (type(picker), type(value), id(shape), id(parent), key)
            entry = known.get(memo)
            # The entry holds the shape and parent it was found for, so an id reused by another is not mistaken for it.
            if entry is None or entry[0] is not shape or entry[1] is not parent:
                context = serialize.AttributePickerContext(
                    obj=value, key=key, shape=shape, operation_model=self.operation_model,
                    service_model=self.operation_model.service_model, key_path=".".join(self.path))
                entry = (shape, parent, tuple(picker.get_possible_keys(context)))
                known[memo] = entry
            for possible_key in entry[2]:
                found = value_of(value, possible_key, MISSING)
                if found is not MISSING:
                    return found
            return None

        serializer.get_value = get_value


class RememberedActions:
    """A handler class's methods listed once, not on every request (see the module's doc)."""

    @classmethod
    def install(cls):
        import functools
        from moto.core import responses

        responses.method_names_from_class = functools.lru_cache(maxsize=None)(responses.method_names_from_class)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    UndoLogTransactions.install()
    CheapSendAttributes.install()
    CheapRetentionCheck.install()
    PartitionQueries.install()
    RememberedMemberKeys.install()
    RememberedActions.install()
    # Outside the serializing lock: a token's second request must not wait behind its first.
    app = IdempotentTransactions(SerializedDynamoDb(DomainDispatcherApplication(create_backend_app)))
    run_simple(args.host, args.port, app, threaded=True, request_handler=MotoRequestHandler)


if __name__ == "__main__":
    main()
